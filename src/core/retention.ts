/**
 * How long a complaint record is kept. Wiltshire's policy sets it: six years from the last contact
 * (002 §3). Dyfed-Powys and West Midlands set none, so the office decides, in Settings, counted the same
 * way; six years is the default, the period public bodies commonly keep complaint files for.
 */
import type { PolicyProfile } from './model';

export const DEFAULT_RETENTION_YEARS = 6;

/** The profile with the office's retention period where the policy gives none. */
export function withOfficeRetention(profile: PolicyProfile, years: number | null): PolicyProfile {
  if (profile.clocks.retention) return profile;
  return {
    ...profile,
    clocks: {
      ...profile.clocks,
      retention: {
        years: years ?? DEFAULT_RETENTION_YEARS,
        from: 'last-contact',
        source: 'Settings: Keep complaint records for (years)',
      },
    },
  };
}
