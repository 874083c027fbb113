/**
 * The built-in policy profiles and what the rest of the system asks of a profile. The built-ins are
 * validated by the tests rather than at load, so the Apps Script runtime does not pay for it on every run.
 * The schema (zod) lives in ./schema and is imported only where a profile is parsed, which keeps it out of
 * the Apps Script bundle: building its schema objects at every trigger run cost milliseconds.
 */
import type { ClockRule, Language, PolicyProfile, RoleId } from '../model';
import { dyfedPowys } from './dyfed-powys';
import { westMidlands } from './west-midlands';
import { wiltshire } from './wiltshire';

export const BUILT_IN_PROFILES: readonly PolicyProfile[] = [dyfedPowys, westMidlands, wiltshire];

export function getProfile(id: string): PolicyProfile {
  const found = BUILT_IN_PROFILES.find((p) => p.id === id);
  if (!found) {
    const known = BUILT_IN_PROFILES.map((p) => p.id).join(', ');
    throw new Error(`Unknown policy profile "${id}". Known profiles: ${known}.`);
  }
  return found;
}

// `complaints-team` is the actor role of staff not in the Settings directory; it is never declared.
const COMPLAINTS_TEAM: Record<Language, string> = { en: 'Complaints team', cy: 'Tîm cwynion' };

export function roleTitle(profile: PolicyProfile, roleId: RoleId, language: Language): string {
  if (roleId === 'complaints-team') return COMPLAINTS_TEAM[language];
  const role = profile.roles.find((r) => r.id === roleId);
  if (!role) return roleId;
  return language === 'cy' && role.titleCy ? role.titleCy : role.title;
}

function clock(rule: ClockRule | null, none: string): string {
  if (!rule) return none;
  const unit = rule.unit === 'working' ? 'working days' : 'calendar days';
  return `${rule.days} ${unit} (${rule.source})${rule.note ? ` - ${rule.note}` : ''}`;
}

/** A plain-English account of a profile, for an administrator checking it before use. */
export function profileSummary(profile: PolicyProfile): string {
  const title = (id: RoleId | null): string => (id === null ? 'none' : roleTitle(profile, id, 'en'));
  const lines: string[] = [];
  lines.push(`${profile.name} (${profile.id}, references ${profile.referencePrefix}-YYYY-NNNN)`);
  if (profile.nameCy) lines.push(`Welsh name: ${profile.nameCy}`);
  lines.push(`Languages: ${profile.languages.join(', ')}. Source: ${profile.sourceDocument}`);
  lines.push('', 'Roles:');
  for (const r of profile.roles) lines.push(`  - ${r.title}${r.titleCy ? ` / ${r.titleCy}` : ''} [${r.id}]`);

  lines.push('', `Who may complain (${profile.eligibility.source}):`);
  lines.push(`  - about the service or policies: ${profile.eligibility.service.join(', ')}`);
  lines.push(`  - about a person's conduct: ${profile.eligibility.conduct.join(', ')}`);

  lines.push('', 'Sent elsewhere (first match wins):');
  for (const r of profile.redirects) {
    const when = [
      r.when.subjects ? `about ${r.when.subjects.join(' or ')}` : '',
      r.when.relationships ? `from ${r.when.relationships.join(' or ')}` : '',
      r.when.allegesCrime !== undefined
        ? r.when.allegesCrime
          ? 'alleging a crime'
          : 'not alleging a crime'
        : '',
      r.when.whistleblowing !== undefined
        ? r.when.whistleblowing
          ? 'a whistleblowing disclosure'
          : 'not whistleblowing'
        : '',
    ].filter((s) => s !== '');
    lines.push(`  - ${when.join(', ')} -> ${r.target}: ${r.contact} (${r.source})`);
  }

  lines.push('', 'Routing inside the office:');
  for (const r of profile.routing) {
    const informal = r.informalResolver ? `informal resolution by ${title(r.informalResolver)}; ` : '';
    lines.push(
      `  - ${r.subject}: ${informal}handled by ${title(r.handler)}, decided by ${title(r.decisionMaker)}, ` +
        `appeal to ${title(r.appealBody)}${r.escalated ? ' (escalated)' : ''} (${r.source})`,
    );
    if (r.note) lines.push(`      ${r.note}`);
  }

  lines.push('', 'Stages:');
  for (const s of profile.lifecycle.states) {
    lines.push(`  - ${s.label} [${s.id}, ${s.kind}]`);
    for (const d of s.decisions) lines.push(`      decision: ${d.label} (${d.source})`);
  }
  lines.push('', 'Actions:');
  for (const t of profile.lifecycle.transitions) {
    const who = t.actors === 'any' ? 'complaints team' : t.actors.map(title).join(' or ');
    const guards = t.guards?.length ? `; needs ${t.guards.join(', ')}` : '';
    lines.push(`  - ${t.label}: ${t.from.join(' / ')} -> ${t.to} (by ${who}${guards})`);
  }
  for (const c of profile.lifecycle.commonActions) {
    lines.push(`  - ${c.label}: in any ${c.inKinds.join(' / ')} stage${c.to ? ` -> ${c.to}` : ''}`);
  }

  lines.push('', 'Outcomes:');
  for (const o of profile.outcomes)
    lines.push(`  - ${o.label} (${o.upheld ? 'upheld' : 'not upheld'}; ${o.source})`);

  const c = profile.clocks;
  lines.push('', 'Clocks:');
  lines.push(`  - acknowledge: ${clock(c.acknowledge, 'no deadline')}`);
  lines.push(`  - progress updates: ${clock(c.update, 'no figure set')}`);
  lines.push(`  - appeal window: ${clock(c.appealWindow, 'none')}`);
  lines.push(`  - acknowledge an appeal: ${clock(c.appealAcknowledge, 'no deadline')}`);
  lines.push(`  - decide an appeal: ${clock(c.appealDecision, 'no deadline')}`);
  lines.push(
    `  - keep the record: ${c.retention ? `${c.retention.years} years from ${c.retention.from} (${c.retention.source})` : 'not stated'}`,
  );
  lines.push(`  - "due soon" when ${c.dueSoonWorkingDays} working days or fewer remain`);

  lines.push('', `Appeals (${profile.appeal.source}):`);
  if (!profile.appeal.allowed) {
    lines.push('  - The outcome is final: there is no right of appeal.');
  } else {
    if (profile.appeal.noAppealWhenHandledBy.length > 0) {
      lines.push(
        `  - No appeal when handled personally by ${profile.appeal.noAppealWhenHandledBy.map(title).join(' or ')}.`,
      );
    }
    for (const o of profile.appeal.outcomes) lines.push(`  - outcome: ${o.label}`);
  }
  if (profile.updatesToSubject)
    lines.push('', 'Progress updates also go to the member of staff complained about.');
  if (profile.recordKeeping) lines.push('', `Record keeping: ${profile.recordKeeping}`);
  return lines.join('\n');
}
