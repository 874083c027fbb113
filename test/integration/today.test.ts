/**
 * The Dashboard's Today view and the administrator's warnings, through the built bundle: what a
 * caseworker sees first thing, and what Set up and the Dashboard say an administrator must put right.
 */
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../emulator/index';
import { getProfile } from '../../src/core/profile';
import { failingLettersWarning, isEmailList, roleEmailWarnings } from '../../src/gas/admin-warnings';
import { submissionToAnswers } from '../../src/gas/form-questions';
import { parseSettings } from '../../src/gas/settings';
import { Table } from '../../src/gas/table';
import { BASE, Office } from './harness';

type Row = unknown[];

const setSetting = (office: Office, key: string, value: string) => {
  const i = office.emu.sheetValues('Settings').findIndex((r) => r[0] === key);
  if (i < 0) throw new Error(`No Settings row ${key}`);
  office.emu.spreadsheet
    .getSheetByName('Settings')!
    .getRange(i + 1, 3)
    .setValue(value);
};

/** The Today view's section (title up to its count) and its lines, read as a caseworker reads it. */
function section(dashboard: Row[], title: string): Row[] | 'Nothing' {
  const start = dashboard.findIndex((r) => String(r[0]).startsWith(title));
  if (start < 0) throw new Error(`No section ${title}`);
  if (dashboard[start]![1] === 'Nothing') return 'Nothing';
  const lines: Row[] = [];
  for (const r of dashboard.slice(start + 1)) {
    if (!/^WIL-/.test(String(r[0])) && r[0] !== '') break;
    if (r.every((c) => c === '')) break;
    lines.push(r);
  }
  return lines;
}

/** Staff record an outcome and close the case, as on the Cases tab: the outcome letter waits for approval. */
function close(office: Office, reference: string): void {
  const closing = office.profile.lifecycle.transitions.find((t) => t.action === 'close')!;
  const closed = office.profile.lifecycle.states.find((s) => s.id === closing.to)!;
  office.edit(reference, 'Outcome', office.profile.outcomes[0]!.label);
  office.edit(reference, 'Stage', closed.label);
}

/**
 * A week of an office (Wiltshire acknowledges in 5 working days): two posted complaints, one by email
 * (acknowledged by the sender), one asking for a phone call, one closed with its outcome letter waiting,
 * and a safeguarding alert that could not go because the lead's email is missing.
 */
function week(): Office {
  const office = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
  setSetting(office, 'name:complaints-team-leader', 'Priya Shah');
  office.submit({ name: 'Ann Able', preferredContact: 'post', address: '1 High Street, Devizes' });
  office.emu.advanceTo(new Date('2026-03-03T09:00:00Z'));
  office.submit({ name: 'Eve Early', preferredContact: 'post', address: '2 High Street, Devizes' });
  office.emu.advanceTo(new Date('2026-03-04T09:00:00Z'));
  office.submit({ name: 'Ben Brown' });
  office.emu.advanceTo(new Date('2026-03-09T09:00:00Z'));
  office.submit({ name: 'Dan Phone', preferredContact: 'phone', phone: '01225 111222' });
  office.submit({ name: 'Fay Final' });
  office.emu.run('sendQueuedMail');
  close(office, 'WIL-2026-0005');
  setSetting(office, 'role:safeguarding-lead', '');
  office.submit({ name: 'Gil Guard', safeguarding: true });
  office.emu.advanceTo(new Date('2026-03-10T09:00:00Z'));
  office.emu.run('runDailySweep');
  return office;
}

describe('the Today view on the Dashboard', () => {
  const office = week();
  const dashboard = office.emu.sheetValues('Dashboard');
  const owner = 'Complaints Team Leader (Priya Shah)';

  it('is the first tab, and says when it was written', () => {
    expect(office.emu.spreadsheet.getSheets()[0]!.getName()).toBe('Dashboard');
    expect(dashboard[0]!.slice(0, 2)).toEqual(['Today', 'As of 10/03/2026 09:00']);
  });

  it('lists each case under what is due, with reference, complainant, what is due and its owner', () => {
    expect(section(dashboard, 'Overdue')).toEqual([
      ['WIL-2026-0001', 'Ann Able', 'Acknowledgement overdue: was due 09/03/2026', owner],
    ]);
    expect(section(dashboard, 'Due today')).toEqual([
      ['WIL-2026-0002', 'Eve Early', 'Acknowledgement due 10/03/2026', owner],
    ]);
    const comingUp = section(dashboard, 'Due in the next 5 working days (to 17/03/2026)') as Row[];
    // Gil Guard's acknowledgement went by email, so nothing of theirs falls due this week.
    expect(comingUp.map((r) => r[0])).toEqual(['WIL-2026-0004']);
    expect(comingUp[0]).toEqual(['WIL-2026-0004', 'Dan Phone', 'Acknowledgement due 16/03/2026', owner]);
  });

  it('lists the letters waiting on a person: to approve, failed, to print, to phone', () => {
    const approve = section(dashboard, 'Letters awaiting approval') as Row[];
    expect(approve).toHaveLength(1);
    expect(approve[0]!.slice(0, 2)).toEqual(['WIL-2026-0005', 'Fay Final']);
    expect(approve[0]![2]).toBe('Outcome letter to read and approve (queued 09/03/2026)');
    const failed = section(dashboard, 'Letters that failed') as Row[];
    expect(failed.map((r) => r.slice(0, 2))).toEqual([['WIL-2026-0006', 'Gil Guard']]);
    expect(String(failed[0]![2])).toMatch(/could not be sent: see its Last error on the Outbox/);
    expect((section(dashboard, 'Letters to print') as Row[]).map((r) => r[0])).toEqual([
      'WIL-2026-0001',
      'WIL-2026-0002',
    ]);
    expect(section(dashboard, 'Calls to make')).toEqual([
      ['WIL-2026-0004', 'Dan Phone', 'Acknowledgement letter to give by phone (queued 09/03/2026)', owner],
    ]);
  });

  it('puts the counts and compliance below the Today view', () => {
    const first = (label: string) => dashboard.findIndex((r) => r[0] === label);
    expect(first('Measure')).toBeGreaterThan(first('Calls to make: 1'));
    expect(dashboard[first('All cases')]![1]).toBe(6);
    expect(first('Status: Overdue')).toBeGreaterThan(first('Measure'));
  });

  it('warns about the missing email and the failing letter, naming the role and never a value', () => {
    const warnings = dashboard.filter((r) => r[0] === 'Warning').map((r) => String(r[1]));
    expect(warnings.some((w) => /No email address for the Safeguarding lead/.test(w))).toBe(true);
    expect(warnings.some((w) => /^1 letter is failing, the oldest queued on 09\/03\/2026/.test(w))).toBe(
      true,
    );
    expect(dashboard.findIndex((r) => r[0] === 'Warning')).toBeLessThan(
      dashboard.findIndex((r) => String(r[0]).startsWith('Overdue')),
    );
  });

  it('says "Nothing" in one line for an empty section', () => {
    const quiet = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    quiet.emu.run('runDailySweep');
    const values = quiet.emu.sheetValues('Dashboard');
    for (const title of ['Overdue', 'Due today', 'Letters that failed', 'Calls to make'])
      expect(values.find((r) => String(r[0]).startsWith(title))!.slice(0, 2)).toEqual([title, 'Nothing']);
    expect(values.filter((r) => r[0] === 'Warning')).toEqual([]);
  });
});

describe('the Dashboard is the first tab', () => {
  it('on a new spreadsheet, even though the form’s responses tab is inserted first', () => {
    const office = new Office('wiltshire');
    const tabs = office.emu.spreadsheet.getSheets().map((s) => s.getName());
    expect(tabs[0]).toBe('Dashboard');
    expect(tabs).toContain('Form responses 1');
  });

  it('on an existing spreadsheet where it was last, and the sweep leaves it there', () => {
    const office = new Office('wiltshire');
    const ss = office.emu.spreadsheet;
    ss.setActiveSheet(ss.getSheetByName('Dashboard')!);
    ss.moveActiveSheet(ss.getNumSheets());
    office.emu.run('setupSpreadsheet');
    expect(ss.getSheets()[0]!.getName()).toBe('Dashboard');
    office.submit();
    office.emu.advanceTo(new Date('2026-03-05T09:00:00Z'));
    office.emu.run('runDailySweep');
    expect(ss.getSheets()[0]!.getName()).toBe('Dashboard');
  });
});

describe('Set up warns the administrator', () => {
  const message = (office: Office) => {
    office.emu.run('setupFromMenu');
    return office.emu.ui.alerts.at(-1)!;
  };

  it('names each role whose email is missing or not an email address, never the value typed', () => {
    const office = new Office('wiltshire');
    setSetting(office, 'role:director-of-operations', 'jo.bloggs at opcc');
    setSetting(office, 'role:chief-executive', '');
    office.emu.ui.respondWith('OK', 'wiltshire');
    const text = JSON.stringify(message(office));
    expect(text).toMatch(
      /The email for the Director of Operations on the Settings tab \(\\"Email for Director of Operations\\"\) is not an email address/,
    );
    expect(text).toMatch(/No email address for the Chief Executive/);
    expect(text).not.toContain('jo.bloggs');
    expect(text).not.toMatch(/No email address for the Complaints Team Leader/);
  });

  it('says how many letters are failing, since when and where to look', () => {
    const office = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    setSetting(office, 'role:safeguarding-lead', '');
    office.submit({ safeguarding: true });
    office.emu.ui.respondWith('OK', 'wiltshire');
    const text = JSON.stringify(message(office));
    expect(text).toMatch(/1 letter is failing, the oldest queued on 02\/03\/2026\. On the Outbox tab/);
    expect(text).toMatch(/Last error column/);
  });

  it('gives the public link of the form, which anyone can answer without signing in', () => {
    const office = new Office('wiltshire');
    office.emu.ui.respondWith('OK', 'wiltshire');
    const text = JSON.stringify(message(office));
    expect(text).toContain(office.emu.forms[0]!.getPublishedUrl());
    expect(text).toMatch(/without signing in/);
  });
});

describe('the public form accepts answers without sign-in', () => {
  it('setup turns off a Workspace domain’s "respondents must sign in" default, so the public can answer', () => {
    const emu = new Emulator({ now: new Date('2026-03-02T09:00:00Z'), mailQuota: 100 });
    emu.formsRequireSignInByDefault = true;
    emu.run('setupSpreadsheet', 'wiltshire');
    expect(emu.forms[0]!.requiresLogin()).toBe(false);
    const profile = getProfile('wiltshire');
    const [submitted] = emu.submitForm(submissionToAnswers(profile, BASE));
    expect(submitted!.error ?? null).toBeNull();
    // The emulator turns the public away from a form that requires sign-in, as Forms does.
    emu.forms[0]!.setRequireLogin(true);
    expect(() => emu.submitForm(submissionToAnswers(profile, BASE))).toThrow(/sign in/);
  });
});

describe('the warnings, word for word', () => {
  const profile = getProfile('wiltshire');
  const filled = () => new Office('wiltshire');

  it('accepts one address or several separated by commas, and nothing else', () => {
    expect(isEmailList('a.b@opcc.example')).toBe(true);
    expect(isEmailList('a@opcc.example, b@opcc.example')).toBe(true);
    for (const bad of ['a.b at opcc', 'a@b', 'a@opcc.example;b@opcc.example', 'Jo <jo@opcc.example>', ','])
      expect(isEmailList(bad), bad).toBe(false);
  });

  it('names the team and each role missing or mistyped, and none that is right', () => {
    const settings = parseSettings(
      Table.read(
        filled().emu.spreadsheet.getSheetByName('Settings')! as unknown as GoogleAppsScript.Spreadsheet.Sheet,
      ),
    );
    expect(roleEmailWarnings(profile, settings)).toEqual([]);
    const broken = {
      ...settings,
      teamEmail: '',
      roleEmails: { ...settings.roleEmails, 'chief-executive': 'chief exec' },
    };
    const warnings = roleEmailWarnings(profile, broken);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^No email address for the Complaints team on the Settings tab/);
    expect(warnings[1]).toMatch(/^The email for the Chief Executive .* is not an email address/);
    expect(warnings.join(' ')).not.toContain('chief exec');
  });

  it('counts failing letters from the oldest, and says nothing when none fails', () => {
    expect(
      failingLettersWarning([{ wait: 'print', reference: 'A', kind: 'outcome', queuedOn: '2026-03-01' }]),
    ).toBe(null);
    const two = failingLettersWarning([
      { wait: 'failed', reference: 'A', kind: 'outcome', queuedOn: '2026-03-04' },
      { wait: 'failed', reference: '', kind: 'digest', queuedOn: '2026-03-02' },
    ]);
    expect(two).toMatch(/^2 letters are failing, the oldest queued on 02\/03\/2026\. On the Outbox tab/);
  });
});
