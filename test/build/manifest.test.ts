import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * The constraints of SchemaStore's "JSON schema for Google Apps Script manifest files" (draft-07) on the
 * keys a manifest may hold, restated here: the schema itself is not ours to vendor. Unknown top-level keys
 * are refused, which the public schema only warns about in editors, because a typo there is silently
 * ignored by Apps Script.
 */
const manifestSchema = z.strictObject({
  timeZone: z.string(),
  runtimeVersion: z.enum(['STABLE', 'V8', 'DEPRECATED_ES5']).optional(),
  exceptionLogging: z.enum(['NONE', 'STACKDRIVER']).optional(),
  oauthScopes: z.array(z.url()).optional(),
  urlFetchWhitelist: z.array(z.string()).optional(),
  dependencies: z.object({}).passthrough().optional(),
  executionApi: z.object({ access: z.enum(['MYSELF', 'DOMAIN', 'ANYONE', 'ANYONE_ANONYMOUS']) }).optional(),
  webapp: z
    .object({
      access: z.enum(['MYSELF', 'DOMAIN', 'ANYONE', 'ANYONE_ANONYMOUS']).optional(),
      executeAs: z.enum(['USER_ACCESSING', 'USER_DEPLOYING']).optional(),
    })
    .optional(),
  sheets: z.object({}).passthrough().optional(),
  addOns: z.object({}).passthrough().optional(),
  dataStudio: z.object({}).passthrough().optional(),
});

const manifest = JSON.parse(readFileSync(`${ROOT}build/appsscript.json`, 'utf8')) as Record<string, unknown>;

describe('build/appsscript.json', () => {
  it('validates against the Apps Script manifest schema', () => {
    expect(manifestSchema.safeParse(manifest).success).toBe(true);
    expect(manifestSchema.safeParse({ ...manifest, runtimeVersion: 'V9' }).success).toBe(false);
    expect(manifestSchema.safeParse({ ...manifest, oauthScope: [] }).success).toBe(false);
  });

  it('runs on V8 in the Europe/London time zone', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Europe/London');
  });

  it('asks for the least privilege: explicit scopes, no full Gmail, no Drive, no external requests', () => {
    const scopes = manifest.oauthScopes as string[];
    expect(scopes.length).toBeGreaterThan(0);
    expect(scopes).not.toContain('https://mail.google.com/');
    expect(scopes.filter((s) => /auth\/(drive|gmail)/.test(s))).toEqual([]);
    expect(scopes).not.toContain('https://www.googleapis.com/auth/spreadsheets');
    expect(scopes).not.toContain('https://www.googleapis.com/auth/script.external_request');
    expect(scopes).toContain('https://www.googleapis.com/auth/script.send_mail');
  });
});
