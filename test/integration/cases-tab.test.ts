/**
 * Issue 10, deliver 3 (Cases): the tab a complaints officer reads. Reference first and frozen, then the
 * status in words, what is due and by when, who complained and about what, a one-line summary and who
 * has it; labels in place of ids; one date format. An office set up by an earlier version keeps working.
 */
import { describe, expect, it } from 'vitest';
import { londonDate } from '../../src/core/calendar';
import { RELATIONSHIP_LABELS, SUBJECT_LABELS } from '../../src/core/labels';
import { Office } from './harness';

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

function casesSheet(office: Office) {
  return office.emu.spreadsheet.getSheetByName('Cases')!;
}

function displayed(office: Office, reference: string, header: string): string {
  const values = office.emu.sheetValues('Cases');
  const headers = values[0]!.map(String);
  const row = values.findIndex((r) => r[headers.indexOf('Reference')] === reference) + 1;
  return casesSheet(office)
    .getRange(row, headers.indexOf(header) + 1)
    .getDisplayValue();
}

describe('the Cases tab as staff read it', () => {
  it('starts with the reference, frozen, then status, what is due, who complained, about what and a summary', () => {
    const office = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    office.submit({
      relationship: 'on-behalf',
      subject: 'senior-manager',
      preferredContact: 'post',
      address: '1 High Street, Devizes',
      description:
        'My mother   wrote to the office three times about the closure of the Devizes front counter and never had a reply.\nShe is 84.',
    });
    const headers = office.emu.sheetValues('Cases')[0]!.map(String);
    expect(headers.slice(0, 11)).toEqual([
      'Reference',
      'Status',
      'What is due',
      'Next deadline',
      'Due soon from',
      'Complainant',
      'Complainant is',
      'Complaint is about',
      'Summary',
      'Handled by',
      'Stage',
    ]);
    expect(casesSheet(office).getFrozenColumns()).toBe(1);
    expect(casesSheet(office).getFrozenRows()).toBe(1);

    const row = office.cases()[0]!;
    const reference = String(row['Reference']);
    expect(row['Status']).toBe('On track');
    expect(row['Complainant is']).toBe(RELATIONSHIP_LABELS['on-behalf']);
    expect(row['Complaint is about']).toBe(SUBJECT_LABELS['senior-manager']);
    expect(row['Received by']).toBe('Online form');
    expect(row['Preferred contact']).toBe('Post');
    expect(row['Language']).toBe('English');
    expect(row['Summary']).toBe(
      'My mother wrote to the office three times about the closure of the Devizes…',
    );

    // Days are real date cells shown dd/mm/yyyy; only Received shows the time.
    expect(isDate(row['Next deadline'])).toBe(true);
    expect(londonDate(row['Next deadline'] as Date)).toBe('2026-03-09');
    expect(displayed(office, reference, 'Next deadline')).toBe('09/03/2026');
    expect(displayed(office, reference, 'Acknowledge by')).toBe('09/03/2026');
    expect(displayed(office, reference, 'Due soon from')).toMatch(/^\d{2}\/03\/2026$/);
    expect(displayed(office, reference, 'Received')).toBe('02/03/2026 09:00');
    expect(displayed(office, reference, 'Last contact')).toBe('02/03/2026');
    expect(String(row['What is due'])).toBe('Acknowledgement due 09/03/2026');
  });

  it('reads a label or an id typed by staff, refuses anything else, and keeps the summary in step', () => {
    const office = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    office.submit();
    const reference = String(office.cases()[0]!['Reference']);

    office.edit(reference, 'Complainant is', 'Witness');
    expect(office.cases()[0]!['Complainant is']).toBe('Witness');
    office.edit(reference, 'Complaint is about', 'pcc');
    expect(office.cases()[0]!['Complaint is about']).toBe('pcc');
    office.edit(reference, 'Received by', 'post');
    office.edit(reference, 'Preferred contact', 'Phone');
    office.edit(reference, 'Language', 'Welsh');
    const changed = office.emu
      .sheetValues('Audit')
      .filter((r) => String(r[3]).startsWith('changed:'))
      .map((r) => String(r[3]));
    expect(changed).toEqual([
      'changed: Complainant is',
      'changed: Complaint is about',
      'changed: Received by',
      'changed: Preferred contact',
      'changed: Language',
    ]);
    const data = JSON.parse(String(office.cases()[0]!['Case data (do not edit)'])) as {
      complaint: Record<string, string>;
    };
    expect(data.complaint).toMatchObject({
      relationship: 'witness',
      subject: 'pcc',
      channel: 'post',
      preferredContact: 'phone',
      language: 'cy',
    });

    office.edit(reference, 'Complainant is', 'a neighbour');
    expect(office.cases()[0]!['Complainant is']).toBe('Witness');
    const refusal = office.emu.sheetValues('Audit').at(-1)!;
    expect(String(refusal[3])).toBe('refused: Complainant is');

    office.edit(reference, 'What happened', 'Short and new.\nSecond line.');
    expect(office.cases()[0]!['Summary']).toBe('Short and new.');
  });
});

describe('an office set up by an earlier version', () => {
  it('has "SLA status" renamed to Status by setup, the new column added, and ids and text days still read', () => {
    const office = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    office.submit({ preferredContact: 'post', address: '1 High Street, Devizes' });
    const sheet = casesSheet(office);
    const reference = String(office.cases()[0]!['Reference']);
    // Make the tab look as an earlier version left it: the old status header and words, ids in the
    // answer columns, deadlines as ISO text, and no Summary column.
    const headers = office.emu.sheetValues('Cases')[0]!.map(String);
    const col = (h: string) => headers.indexOf(h) + 1;
    sheet.getRange(1, col('Status')).setValue('SLA status');
    sheet.getRange(2, col('Status')).setValue('due-soon');
    sheet
      .getRange(2, col('Next deadline'), 1, 2)
      .setNumberFormat('@')
      .setValues([['2026-03-09', '2026-03-05']]);
    sheet.getRange(2, col('Complainant is')).setValue('affected');
    sheet.getRange(2, col('Complaint is about')).setValue('staff');
    sheet.getRange(2, col('Received by')).setValue('form');
    sheet.getRange(2, col('Language')).setValue('Cymraeg');
    sheet.deleteColumn(col('Summary'));
    const old = office.emu.sheetValues('Cases')[0]!.map(String);

    office.emu.run('setupSpreadsheet', 'wiltshire');
    const now = office.emu.sheetValues('Cases')[0]!.map(String);
    expect(now.filter((h) => h === 'Status' || h === 'SLA status')).toEqual(['Status']);
    expect(now.indexOf('Status')).toBe(old.indexOf('SLA status'));
    expect(now[now.length - 1]).toBe('Summary');
    expect(now.slice(0, old.length)).toEqual(old.map((h) => (h === 'SLA status' ? 'Status' : h)));

    // Old ids still mean what they meant: accepting an edit elsewhere on the row keeps them.
    office.edit(reference, 'Notes', 'Called the complainant');
    const data = JSON.parse(String(office.cases()[0]!['Case data (do not edit)'])) as {
      complaint: Record<string, string>;
    };
    expect(data.complaint).toMatchObject({ relationship: 'affected', subject: 'staff', channel: 'form' });

    // The old text deadline is read back, and the next run writes the words and a date cell.
    office.emu.advanceTo(new Date('2026-03-05T09:00:00Z'));
    const row = office.cases()[0]!;
    expect(row['Status']).toBe('Due soon');
    expect(isDate(row['Next deadline'])).toBe(true);
    expect(displayed(office, reference, 'Next deadline')).toBe('09/03/2026');
  });
});
