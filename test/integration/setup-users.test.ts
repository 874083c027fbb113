/**
 * Set up run by more than one person. Installable triggers belong to whoever created them and run as that
 * person; Apps Script lists and deletes only the current person's. These tests count the triggers of the
 * set Settings records, so they hold whether the emulator shows every person's triggers or only one's.
 */
import { describe, expect, it } from 'vitest';
import { Office } from './harness';

const OWNER = 'staff@opcc.example';
const SECOND = 'complaints-team-leader@opcc.example';
const HANDLERS = ['onComplaintSubmitted', 'onStaffEdit', 'runDailySweep', 'sendQueuedMail'];

function setting(office: Office, key: string): unknown {
  return office.emu.sheetValues('Settings').find((r) => r[0] === key)?.[2];
}

function recordedIds(office: Office): string[] {
  return String(setting(office, 'trigger-ids') ?? '')
    .split(/[,\s]+/)
    .filter(Boolean);
}

/** The recorded set's handlers, as they exist now. */
function recordedHandlers(office: Office): string[] {
  const ids = new Set(recordedIds(office));
  return office.emu.triggers
    .filter((t) => ids.has(t.id))
    .map((t) => t.handler)
    .sort();
}

function setupFromMenuAs(office: Office, person: string): string {
  office.emu.setActiveUser(person);
  office.emu.ui.respondWith('OK', '');
  office.emu.run('setupFromMenu');
  return office.emu.ui.alerts.at(-1)!.message;
}

describe('set up by a second person (developers.google.com/apps-script/guides/triggers/installable: "installable triggers always run under the account of the person who created them")', () => {
  it('records who installed the triggers and when', () => {
    const office = new Office('wiltshire');
    expect(setting(office, 'triggers-owner')).toBe(OWNER);
    expect(setting(office, 'triggers-installed')).toBeInstanceOf(Date);
    expect(recordedHandlers(office)).toEqual(HANDLERS);
  });

  it('run by someone else, leaves the triggers alone and says whose they are and how to take them over', () => {
    const office = new Office('wiltshire');
    const before = office.emu.triggers.map((t) => t.id);
    const message = setupFromMenuAs(office, SECOND);
    expect(office.emu.triggers.map((t) => t.id)).toEqual(before);
    expect(setting(office, 'triggers-owner')).toBe(OWNER);
    expect(message).toContain(`run as ${OWNER}`);
    expect(message).toContain('Take over the triggers');
  });

  it('run again by the owner, repairs a missing trigger and adds no other', () => {
    const office = new Office('wiltshire');
    office.emu.run('setupSpreadsheet');
    expect(office.emu.triggers).toHaveLength(4);
    // The daily trigger deleted in the Apps Script editor.
    office.emu.triggers.splice(
      office.emu.triggers.findIndex((t) => t.handler === 'runDailySweep'),
      1,
    );
    const message = setupFromMenuAs(office, OWNER);
    expect(message).toContain('Triggers added: 1');
    expect(office.emu.triggers).toHaveLength(4);
    expect(recordedHandlers(office)).toEqual(HANDLERS);
    expect(setupFromMenuAs(office, OWNER)).toContain('Triggers added: 0');
  });

  it('taken over, runs as the new person; the old edit trigger retires itself and no edit is handled twice', () => {
    const office = new Office('wiltshire');
    office.submit();
    const oldIds = recordedIds(office);
    office.emu.setActiveUser(SECOND);
    office.emu.ui.respondWith('OK');
    office.emu.run('takeOverTriggersFromMenu');
    expect(office.emu.ui.alerts.at(-1)!.message).toContain(`now run as ${SECOND}`);
    expect(office.emu.ui.alerts.at(-1)!.message).toContain('Remove my old triggers');
    expect(setting(office, 'triggers-owner')).toBe(SECOND);
    expect(recordedIds(office).some((id) => oldIds.includes(id))).toBe(false);
    expect(recordedHandlers(office)).toEqual(HANDLERS);

    office.edit('WIL-2026-0001', 'Stage', 'Stage 2: handling review by the decision maker');
    const changes = office.rows('Audit').filter((a) => a['To'] === 'stage-2');
    expect(changes).toHaveLength(1);
    expect(office.emu.triggers.some((t) => t.id === oldIds[HANDLERS.indexOf('onStaffEdit')])).toBe(false);

    // The previous owner removes the rest of theirs; the recorded set is untouched.
    office.emu.setActiveUser(OWNER);
    office.emu.run('removeMyOldTriggers');
    expect(office.emu.triggers.filter((t) => oldIds.includes(t.id))).toEqual([]);
    expect(recordedHandlers(office)).toEqual(HANDLERS);
    expect(office.emu.triggers).toHaveLength(4);
  });
});

describe('taking over on a sheet whose Settings predate the trigger rows', () => {
  it('installs nothing it could not record and asks for Set up first', () => {
    const office = new Office('wiltshire');
    const settings = office.emu.spreadsheet.getSheetByName('Settings')!;
    const row = office.emu.sheetValues('Settings').findIndex((r) => r[0] === 'trigger-ids') + 1;
    settings.deleteRow(row);
    office.emu.setActiveUser(SECOND);
    office.emu.run('takeOverTriggersFromMenu');
    expect(office.emu.ui.alerts.at(-1)!.message).toBe('Run Complaints › Set up… first.');
    expect(office.emu.triggers).toHaveLength(4);
  });
});

describe('the Audit tab is protected (developers.google.com/apps-script/reference/spreadsheet/protection)', () => {
  it('is not warning-only, can be edited only by the people the script runs as, and setup says who', () => {
    const office = new Office('wiltshire');
    const message = setupFromMenuAs(office, OWNER);
    const [protection] = office.emu.spreadsheet.getSheetByName('Audit')!.getProtections('SHEET' as never);
    expect(protection!.isWarningOnly()).toBe(false);
    const editors = protection!.getEditors().map((u) => u.getEmail());
    // The triggers' owner, and the account setup ran as (the emulator's script owner, or that same person).
    expect(editors).toContain(OWNER);
    expect(editors.every((e) => e === OWNER || e === 'owner@opcc.example')).toBe(true);
    const said = /Only (.*) can edit the Audit tab/.exec(message)?.[1] ?? '';
    for (const editor of editors) expect(said).toContain(editor);
  });

  it('drops an editor someone added by hand when setup runs again', () => {
    const office = new Office('wiltshire');
    const [protection] = office.emu.spreadsheet.getSheetByName('Audit')!.getProtections('SHEET' as never);
    protection!.addEditor('someone@opcc.example');
    protection!.setWarningOnly(true);
    office.emu.run('setupSpreadsheet');
    expect(protection!.getEditors().map((u) => u.getEmail())).not.toContain('someone@opcc.example');
    expect(protection!.isWarningOnly()).toBe(false);
  });
});

describe('audit entries of someone who may not edit the Audit tab', () => {
  it('wait in a script property and are appended, in order, by the next staff edit (which runs as the triggers’ owner)', () => {
    const office = new Office('wiltshire');
    office.submit();
    const waiting = [
      {
        at: '2026-03-02T10:00:00.000Z',
        reference: 'WIL-2026-0002',
        actor: 'complaints-team',
        action: 'created',
        from: '',
        to: '',
        detail: 'phone',
      },
      {
        at: '2026-03-02T10:05:00.000Z',
        reference: 'WIL-2026-0001',
        actor: 'complaints-team',
        action: 'letter sent',
        from: '',
        to: '=1+1',
        detail: '',
      },
    ];
    office.emu.properties.script['audit-deferred'] = JSON.stringify(waiting);
    office.edit('WIL-2026-0001', 'Stage', 'Stage 2: handling review by the decision maker');
    const audit = office.rows('Audit').slice(-3);
    expect(audit.map((a) => [a['Reference'], a['Action']])).toEqual([
      ['WIL-2026-0002', 'created'],
      ['WIL-2026-0001', 'letter sent'],
      ['WIL-2026-0001', 'start-stage-2'],
    ]);
    expect(audit[1]!['To']).toBe('=1+1');
    expect((audit[0]!['When'] as Date).toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(office.emu.properties.script['audit-deferred']).toBeUndefined();
  });
});

describe('a form the person cannot open', () => {
  it('gets a clear message, not a second form', () => {
    const office = new Office('wiltshire');
    const settings = office.emu.spreadsheet.getSheetByName('Settings')!;
    const row = office.emu.sheetValues('Settings').findIndex((r) => r[0] === 'form-id') + 1;
    settings.getRange(row, 3).setValue('a-form-shared-with-someone-else');
    const message = setupFromMenuAs(office, OWNER);
    expect(office.emu.forms).toHaveLength(1);
    expect(setting(office, 'form-id')).toBe('a-form-shared-with-someone-else');
    expect(message).toContain('could not be opened');
    expect(message).toContain('No new form was made');
  });
});
