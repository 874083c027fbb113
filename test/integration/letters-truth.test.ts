/**
 * Letters that are true (issue 9, Deliver 3) and the Outbox edits that go with them, on the built bundle
 * in the emulator (run `npm run build` first): the rule that matched, consent and the pass-on task,
 * bracketed guidance, acknowledgements marked printed or phoned, the office contact block, the signer,
 * printed letters' heading and the progress update's promise.
 */
import { describe, expect, it } from 'vitest';
import type { Submission } from '../../src/core/model';
import { Office } from './harness';

type Row = Record<string, unknown>;

function outboxCell(office: Office, key: string, header: string): string {
  const values = office.emu.sheetValues(office.mailTabOf(key));
  const row = values.findIndex((r) => r[values[0]!.indexOf('Key')] === key);
  const col = values[0]!.indexOf(header);
  if (row < 0 || col < 0) throw new Error(`No Outbox cell for ${key} / ${header}`);
  return `${String.fromCharCode(65 + col)}${row + 1}`;
}

/** Staff typing into the Outbox: fires onEdit, as approving a letter does. */
function editOutbox(office: Office, key: string, header: string, value: unknown): void {
  for (const inv of office.emu.edit(office.mailTabOf(key), outboxCell(office, key, header), value))
    if (inv.error) throw inv.error;
}

/** A value put in without an edit event (as a script or a paste the trigger missed would). */
function setOutbox(office: Office, key: string, header: string, value: unknown): void {
  office.emu.spreadsheet
    .getSheetByName(office.mailTabOf(key))!
    .getRange(outboxCell(office, key, header))
    .setValue(value);
}

function setSetting(office: Office, key: string, value: string): void {
  const i = office.emu.sheetValues('Settings').findIndex((r) => r[0] === key);
  if (i < 0) throw new Error(`No setting ${key}`);
  office.emu.spreadsheet
    .getSheetByName('Settings')!
    .getRange(i + 1, 3)
    .setValue(value);
}

const send = (office: Office) => office.emu.run('sendQueuedMail');
const row = (office: Office, kind: string, reference?: string): Row =>
  office.mail().find((r) => r['Kind'] === kind && (!reference || r['Reference'] === reference))!;
const mailTo = (office: Office, to = 'alex.morgan@example.org') =>
  office.emu.mail.sent.filter((m) => m.to === to);

/** Staff record an outcome and close the case, as on the Cases tab. */
function close(office: Office, reference: string): void {
  const closing = office.profile.lifecycle.transitions.find((t) => t.action === 'close')!;
  const closed = office.profile.lifecycle.states.find((s) => s.id === closing.to)!;
  office.edit(reference, 'Outcome', office.profile.outcomes[0]!.label);
  office.edit(reference, 'Stage', closed.label);
}

describe('the letter and "Where it goes" come from the rule that matched', () => {
  it.each([
    ['dyfed-powys', '000 §5'],
    [
      'west-midlands',
      '001 ¶2 "All complaints about police officers and plice staff must be submitted to West Midlands Police"',
    ],
    ['wiltshire', '002 §3 "Complaints about members of Wiltshire Police are subject to separate procedures"'],
  ])('%s: a complaint about a police officer gets the force letter (%s), not the crime letter', (policy) => {
    const office = new Office(policy);
    office.submit({ subject: 'police' });
    const rule = office.profile.redirects.find((r) => r.id === 'police-to-force')!;
    const letter = String(row(office, 'redirect')['Body']);
    expect(letter).toContain(rule.contact);
    expect(letter).toContain(rule.explanation);
    expect(letter).not.toMatch(
      /999|crime must be reported|criminal behaviour must be reported|possible crime/,
    );
    expect(office.cases()[0]!['Where it goes']).toBe(`Redirected: ${rule.contact}`);
  });
});

describe('consent decides the wording, and passing a complaint on is a task for staff', () => {
  it('002 §3 "This procedure does not apply to complaints about the Police and Crime Commissioner": with consent, a to-do task with the Panel’s contact, never sent', () => {
    const office = new Office('wiltshire');
    office.submit({ subject: 'pcc', consentToShare: true });
    const letter = String(row(office, 'redirect')['Body']);
    expect(letter).toContain('We will send it to them');
    expect(letter).not.toContain('contact them yourself');
    const task = row(office, 'pass-on');
    expect(task).toMatchObject({ Status: 'to-do', To: '', 'For role': '', 'Send by': 'task' });
    const panel = office.profile.redirects.find((r) => r.id === 'pcc-to-panel')!;
    expect(String(task['Body'])).toContain(`Send it to: ${panel.contact}`);
    send(office);
    expect(office.emu.mail.sent.map((m) => m.subject)).not.toContain(task['Subject']);
    expect(row(office, 'pass-on')['Status']).toBe('to-do');
    editOutbox(office, String(task['Key']), 'Status', 'done');
    send(office);
    expect(row(office, 'pass-on')['Status']).toBe('done');
    expect(office.emu.mail.sent.map((m) => m.subject)).not.toContain(task['Subject']);
    expect(office.mail().filter((r) => r['Kind'] === 'pass-on')).toHaveLength(1);
  });

  it('without consent the letter asks them to contact the Panel themselves, and no task is queued', () => {
    const office = new Office('wiltshire');
    office.submit({ subject: 'pcc', consentToShare: false });
    const letter = String(row(office, 'redirect')['Body']);
    expect(letter).toContain('contact them yourself');
    expect(letter).not.toMatch(/We will send/);
    expect(office.mail().some((r) => r['Kind'] === 'pass-on')).toBe(false);
  });

  it('000 §3 "Any complaints received by the OPCC about the PCC will be sent to the PCP": the Welsh letter makes no promise the consent sentence then takes back', () => {
    const office = new Office('dyfed-powys');
    office.submit({ subject: 'pcc', language: 'cy', consentToShare: false });
    const letter = String(row(office, 'redirect')['Body']);
    expect(letter).not.toContain('Byddwn yn anfon eich cwyn at y Panel');
    expect(letter).toContain('cysylltwch â nhw eich hun');
    expect(letter).toContain('dppoliceandcrimepanel.wales');
  });
});

describe('a letter holding bracketed guidance for staff cannot be approved or sent', () => {
  it('approving it puts it back to awaiting-approval with a toast and an Audit entry; replacing the guidance then approving sends it', () => {
    const office = new Office('wiltshire');
    office.submit();
    send(office);
    close(office, 'WIL-2026-0001');
    const outcome = row(office, 'outcome');
    const key = String(outcome['Key']);
    expect(outcome['Status']).toBe('awaiting-approval');
    editOutbox(office, key, 'Status', 'approved');
    expect(row(office, 'outcome')['Status']).toBe('awaiting-approval');
    expect(office.emu.ui.toasts.at(-1)).toMatch(/square brackets/);
    expect(office.rows('Audit').at(-1)).toMatchObject({
      Reference: 'WIL-2026-0001',
      Action: 'refused: approve letter',
      To: 'approved',
    });
    send(office);
    expect(mailTo(office).map((m) => m.subject)).not.toContain(outcome['Subject']);

    const written = String(outcome['Body']).replace(/^\[.*\]$/m, 'We have spoken to the member of staff.');
    setOutbox(office, key, 'Body', written);
    editOutbox(office, key, 'Status', 'approved');
    expect(row(office, 'outcome')['Status']).toBe('approved');
    // Who let the letter go is on the record, as the refusal was.
    expect(office.rows('Audit').at(-1)).toMatchObject({
      Reference: 'WIL-2026-0001',
      Action: 'approve letter',
      To: 'approved',
    });
    send(office);
    const sent = mailTo(office).find((m) => m.subject === outcome['Subject'])!;
    expect(sent.body).toContain('We have spoken to the member of staff.');
    expect(sent.body).not.toMatch(/^\[.*\]$/m);
    // 000 §9 / 002 §4.4: the outcome comes from the decision maker.
    expect(sent.body).toContain('Yours sincerely,\n\nDirector of Operations\n');
  });

  it('Welsh too: the Dyfed-Powys outcome in Welsh is refused with its guidance in, and is signed by the Prif Weithredwr', () => {
    const office = new Office('dyfed-powys');
    office.submit({ language: 'cy' });
    close(office, 'DP-2026-0001');
    const outcome = row(office, 'outcome');
    expect(outcome['Language']).toBe('cy');
    editOutbox(office, String(outcome['Key']), 'Status', 'approved');
    expect(row(office, 'outcome')['Status']).toBe('awaiting-approval');
    expect(office.rows('Audit').at(-1)!['Action']).toBe('refused: approve letter');
    expect(String(outcome['Body'])).toContain('Yn gywir,\n\nPrif Weithredwr\n');
    expect(String(outcome['Body'])).toContain('E-bost: OPCC@dyfed-powys.police.uk');
  });

  it('the sender refuses one approved without an edit event, with a Last error for staff', () => {
    const office = new Office('wiltshire');
    office.submit();
    close(office, 'WIL-2026-0001');
    const key = String(row(office, 'outcome')['Key']);
    setOutbox(office, key, 'Status', 'approved');
    send(office);
    expect(row(office, 'outcome')).toMatchObject({ Status: 'awaiting-approval' });
    expect(String(row(office, 'outcome')['Last error'])).toMatch(/square brackets/);
    expect(mailTo(office).map((m) => m.subject)).not.toContain(row(office, 'outcome')['Subject']);
  });
});

describe('an acknowledgement marked printed or phoned is the acknowledgement', () => {
  it('printed fills "Acknowledged on" with an Audit entry, and the case does not escalate', () => {
    const office = new Office('wiltshire');
    office.submit({ preferredContact: 'post', address: '4 Mill Road, Trowbridge' });
    const ack = row(office, 'acknowledgement');
    expect(ack['Status']).toBe('print');
    expect(office.cases()[0]!['Acknowledged on']).toBe('');
    editOutbox(office, String(ack['Key']), 'Status', 'printed');
    expect(row(office, 'acknowledgement')['Sent at']).toBeInstanceOf(Date);
    const acknowledged = office.cases()[0]!['Acknowledged on'];
    expect(acknowledged).toBeInstanceOf(Date);
    expect(office.rows('Audit').at(-1)).toMatchObject({ Reference: 'WIL-2026-0001', Action: 'acknowledge' });
    expect(String(office.rows('Audit').at(-1)!['Detail'])).toMatch(/printed/);
    office.emu.advanceTo(new Date('2026-03-16T07:30:00Z'));
    office.emu.run('runDailySweep');
    expect(office.mail().filter((r) => String(r['Key']).includes('|overdue|-|ack-'))).toEqual([]);
  });

  it('phoned does the same; a date staff typed already is kept', () => {
    const office = new Office('west-midlands');
    office.submit({ preferredContact: 'phone', phone: '0121 000 0000', email: undefined });
    office.submit({ preferredContact: 'phone', phone: '0121 000 0001', email: undefined, name: 'Sam Lee' });
    const [first, second] = office.mail().filter((r) => r['Kind'] === 'acknowledgement');
    expect(first!['Status']).toBe('phone');
    const typed = new Date('2026-03-02T15:00:00Z');
    office.emu.spreadsheet
      .getSheetByName('Cases')!
      .getRange(office.cell(String(second!['Reference']), 'Acknowledged on'))
      .setValue(typed);
    office.emu.advanceBy(3600_000);
    const audited = office.rows('Audit').length;
    editOutbox(office, String(first!['Key']), 'Status', 'phoned');
    editOutbox(office, String(second!['Key']), 'Status', 'phoned');
    const cases = office.cases();
    expect(cases[0]!['Acknowledged on']).toBeInstanceOf(Date);
    expect((cases[1]!['Acknowledged on'] as Date).getTime()).toBe(typed.getTime());
    expect(
      office
        .rows('Audit')
        .slice(audited)
        .map((a) => a['Reference']),
    ).toEqual([first!['Reference']]);
  });
});

describe('an appeal acknowledgement marked printed', () => {
  it('002 §4.18 (appeals acknowledged within five working days): fills "Appeal acknowledged on"', () => {
    const office = new Office('wiltshire');
    office.submit({ preferredContact: 'post', address: '4 Mill Road, Trowbridge' });
    close(office, 'WIL-2026-0001');
    office.emu.advanceTo(new Date('2026-03-05T10:00:00Z'));
    office.edit('WIL-2026-0001', 'Appeal received', new Date('2026-03-05T09:00:00Z'));
    const ack = row(office, 'appeal-acknowledgement');
    expect(ack['Status']).toBe('print');
    editOutbox(office, String(ack['Key']), 'Status', 'printed');
    expect(office.cases()[0]!['Appeal acknowledged on']).toBeInstanceOf(Date);
    expect(office.rows('Audit').at(-1)).toMatchObject({ Action: 'acknowledge-appeal' });
  });
});

describe('every letter carries the office contact block from Settings', () => {
  it('000 §6 "Email: OPCC@dyfed-powys.police.uk Post: ... Llangunnor SA31 2PF": Dyfed-Powys letters give both', () => {
    const office = new Office('dyfed-powys');
    office.submit();
    send(office);
    const ack = mailTo(office)[0]!;
    expect(ack.body).toContain('Email: OPCC@dyfed-powys.police.uk');
    expect(ack.body).toContain(
      'Office of the Police and Crime Commissioner for Dyfed-Powys\nAddress: Police Headquarters, Llangunnor SA31 2PF\n',
    );
    expect(ack.body).not.toContain('Phone:');
  });

  it('002 §3 "complaints@wiltshire.police.uk" is the Wiltshire default; a phone number staff add appears on the next letter', () => {
    const office = new Office('wiltshire');
    const settings = office.rows('Settings');
    expect(settings.find((s) => s['Key'] === 'office-email')!['Value']).toBe(
      'complaints@wiltshire.police.uk',
    );
    setSetting(office, 'office-phone', '01380 000000');
    office.submit();
    const body = String(row(office, 'acknowledgement')['Body']);
    expect(body.endsWith('Phone: 01380 000000\nEmail: complaints@wiltshire.police.uk')).toBe(true);
  });

  it('West Midlands: 001 gives no contact details, so the rows are blank, Settings says so, and the letter ends cleanly', () => {
    const office = new Office('west-midlands');
    const rows = office.rows('Settings').filter((s) => String(s['Key']).startsWith('office-'));
    expect(rows.map((s) => s['Key'])).toEqual(['office-address', 'office-phone', 'office-email']);
    for (const s of rows) {
      expect(s['Value']).toBe('');
      expect(String(s['Notes'])).toMatch(/policy gives none/);
    }
    office.submit();
    const body = String(row(office, 'acknowledgement')['Body']);
    expect(
      body.endsWith('Complaints Team\nOffice of the Police and Crime Commissioner for the West Midlands'),
    ).toBe(true);
  });
});

describe('printed letters are headed as letters', () => {
  it('carry the office address, the date and the recipient’s name and postal address from the Cases tab', () => {
    const office = new Office('wiltshire');
    setSetting(office, 'office-address', 'London Road, Devizes SN10 2DN');
    office.submit({
      preferredContact: 'post',
      address: '4 Mill Road, Trowbridge',
    } satisfies Partial<Submission>);
    office.emu.run('showLettersToPrint');
    const html = office.emu.ui.dialogs.at(-1)!.html;
    expect(html).toContain(
      '<p class="from">Office of the Police and Crime Commissioner for Wiltshire and Swindon<br>London Road<br>Devizes SN10 2DN</p>',
    );
    expect(html).toContain('<p class="date">Monday 2 March 2026</p>');
    expect(html).toContain('<p class="to">Alex Morgan<br>4 Mill Road<br>Trowbridge</p>');
  });
});

describe('the progress update promises the next cycle', () => {
  it('002 §4.5 "an update every 28 days": the draft due by Monday 30 March promises the next by Monday 27 April', () => {
    const office = new Office('wiltshire');
    office.submit();
    office.emu.advanceTo(new Date('2026-03-26T07:30:00Z'));
    office.emu.run('runDailySweep');
    const draft = String(row(office, 'progress-update')['Body']);
    expect(draft).toContain('We will write to you again by Monday 27 April 2026.');
    expect(draft).not.toContain('30 March');
  });
});

describe('Outbox edits other than a Status change', () => {
  it('an edit to a Body reads no Settings and records nothing', () => {
    const office = new Office('wiltshire');
    office.submit();
    close(office, 'WIL-2026-0001');
    const key = String(row(office, 'outcome')['Key']);
    const audited = office.rows('Audit').length;
    const [inv] = office.emu.edit(
      'Outbox',
      outboxCell(office, key, 'Body'),
      'Dear Alex Morgan,\n\nWe found…',
    );
    expect(inv!.error).toBeFalsy();
    // No Settings read and no trigger-health write: only the look at which cell changed.
    expect(inv!.stats.calls['Range.setValues'] ?? 0).toBe(0);
    expect(inv!.stats.calls['Range.getValues'] ?? 0).toBe(0);
    expect(inv!.stats.totalCalls).toBeLessThanOrEqual(11);
    expect(office.rows('Audit')).toHaveLength(audited);
    expect(row(office, 'outcome')['Status']).toBe('awaiting-approval');
  });
});
