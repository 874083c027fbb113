/**
 * The naive baseline `npm run bench` compares the product with: the same three jobs (a form submission, the
 * daily check, sending the queue) on the same spreadsheet, written the way form add-ons and tutorials
 * commonly are. Every read is a whole sheet or a single cell, every write a single cell or appendRow, and
 * mail goes out inline. It is measured, never deployed: tools/bench.ts appends it to the built bundle and
 * runs it in the emulator under the same cost model.
 *
 * Top-level functions become the script's globals once `export` is stripped (tools/bench.ts).
 */

/** Finds a column by header, reading the header row each time, as scripts that look columns up do. */
function col(sheet: GoogleAppsScript.Spreadsheet.Sheet, header: string): number {
  const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!;
  return headers.indexOf(header) + 1;
}

/** On form submit: whole-sheet reads for the next reference, an appendRow per tab, a format per cell, mail inline. */
export function naiveOnFormSubmit(e: { namedValues: Record<string, string[]> }): string {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const settings = ss.getSheetByName('Settings')!.getDataRange().getValues();
  const team = String(settings.find((r) => r[0] === 'team-email')?.[2] ?? '');
  const cases = ss.getSheetByName('Cases')!;
  const data = cases.getDataRange().getValues();
  const reference = `WIL-2026-${String(data.length).padStart(4, '0')}`;
  const answers: Record<string, string> = {};
  for (const [question, value] of Object.entries(e.namedValues)) answers[question] = value.join(', ');
  const name = Object.entries(answers).find(([q]) => /name/i.test(q))?.[1] ?? '';
  const email = Object.entries(answers).find(([q]) => /email/i.test(q))?.[1] ?? '';
  const row = data[0]!.map((header) => {
    if (header === 'Reference') return reference;
    if (header === 'Received') return new Date();
    if (header === 'Status') return 'On track';
    if (header === 'Complainant') return name;
    if (header === 'Email') return email;
    return '';
  });
  cases.appendRow(row);
  const last = cases.getLastRow();
  for (const header of ['Received', 'Acknowledge by', 'Phone']) {
    cases.getRange(last, col(cases, header)).setNumberFormat(header === 'Phone' ? '@' : 'dd/mm/yyyy');
  }
  const templates = ss.getSheetByName('Templates')!.getDataRange().getValues();
  const ack = templates.find((r) => r[0] === 'acknowledgement' && r[1] === 'en');
  const subject = String(ack?.[3] ?? 'Your complaint').replace('{{reference}}', reference);
  MailApp.sendEmail(email, subject, `Dear ${name}, we have received your complaint ${reference}.`);
  MailApp.sendEmail(team, `New complaint ${reference}`, `A new complaint has arrived: ${reference}.`);
  ss.getSheetByName('Outbox')!.appendRow([reference, 'acknowledgement', email, subject, 'sent', new Date()]);
  ss.getSheetByName('Audit')!.appendRow([new Date(), reference, 'script', 'case created', '', '', '']);
  return reference;
}

/** The daily check: row by row, a cell at a time, each open case's status and row colour written back. */
export function naiveDailyCheck(): number {
  const cases = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Cases')!;
  const status = col(cases, 'Status');
  const received = col(cases, 'Received');
  const acknowledged = col(cases, 'Acknowledged on');
  const due = col(cases, 'What is due');
  const width = cases.getLastColumn();
  let checked = 0;
  for (let r = 2; r <= cases.getLastRow(); r++) {
    if (cases.getRange(r, status).getValue() === 'Closed') continue;
    const at = cases.getRange(r, received).getValue() as Date;
    const days = (Date.now() - new Date(at).getTime()) / 86_400_000;
    const done = cases.getRange(r, acknowledged).getValue() !== '';
    const overdue = !done && days > 7;
    cases.getRange(r, status).setValue(overdue ? 'Overdue' : 'On track');
    cases.getRange(r, due).setValue(done ? 'Update due' : 'Acknowledgement due');
    cases.getRange(r, 1, 1, width).setBackground(overdue ? '#ff8a4f' : '#ffffff');
    checked += 1;
  }
  return checked;
}

/** Sending the queue: each row of both mail tabs read, sent and marked one cell at a time. */
export function naiveSendQueue(): number {
  let sent = 0;
  for (const name of ['Outbox', 'Staff mail']) {
    const tab = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name)!;
    const status = col(tab, 'Status');
    const to = col(tab, 'To');
    const subject = col(tab, 'Subject');
    const body = col(tab, 'Body');
    const sentAt = col(tab, 'Sent at');
    for (let r = 2; r <= tab.getLastRow(); r++) {
      if (tab.getRange(r, status).getValue() !== 'queued') continue;
      MailApp.sendEmail(
        String(tab.getRange(r, to).getValue()),
        String(tab.getRange(r, subject).getValue()),
        String(tab.getRange(r, body).getValue()),
      );
      tab.getRange(r, status).setValue('sent');
      tab.getRange(r, sentAt).setValue(new Date());
      sent += 1;
    }
  }
  return sent;
}
