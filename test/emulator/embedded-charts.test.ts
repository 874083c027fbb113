/**
 * Embedded charts and the Form's own response store, as a script meets them on Google
 * (developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder,
 * developers.google.com/apps-script/reference/forms/form#deleteresponseresponseid).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../emulator/index';

const SCRIPT = `
  function data() {
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    sheet.getRange(1, 1, 3, 3).setValues([['Quarter', 'Email', 'Post'], ['Q1', 4, 1], ['Q2', 2, 3]]);
    return sheet;
  }
  function chart() {
    const sheet = data();
    for (const c of sheet.getCharts()) sheet.removeChart(c);
    sheet.insertChart(
      sheet.newChart().setChartType(Charts.ChartType.COLUMN).addRange(sheet.getRange(1, 1, 3, 3))
        .setNumHeaders(1).setOption('title', 'Received').setPosition(5, 1, 0, 0).build(),
    );
    const c = sheet.getCharts()[0];
    return { count: sheet.getCharts().length, id: c.getChartId(), title: c.getOptions().get('title'),
      row: c.getContainerInfo().getAnchorRow(), ranges: c.getRanges().map((r) => r.getA1Notation()) };
  }
  function empty() { const sheet = data(); return sheet.newChart().setChartType(Charts.ChartType.COLUMN).build(); }
  function foreign() {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const other = ss.insertSheet('Other');
    const built = other.newChart().addRange(other.getRange('A1:B2')).build();
    data().insertChart(built);
  }
  function removeTwice() {
    const sheet = data();
    const c = sheet.newChart().addRange(sheet.getRange('A1:C3')).build();
    sheet.insertChart(c);
    sheet.removeChart(c);
    sheet.removeChart(c);
  }
  function blob() { const sheet = data(); chart(); return sheet.getCharts()[0].getBlob(); }
  function setupForm() {
    const form = FormApp.create('Complaint');
    form.addTextItem().setTitle('Your name');
    form.addCheckboxItem().setTitle('Contact by').setChoiceValues(['Email', 'Post']);
    form.setDestination(FormApp.DestinationType.SPREADSHEET, SpreadsheetApp.getActiveSpreadsheet().getId());
    return form.getId();
  }
  function responses(id) {
    return FormApp.openById(id).getResponses().map((r) => ({ id: r.getId(), at: r.getTimestamp().toISOString(),
      answers: r.getItemResponses().map((i) => [i.getItem().getTitle(), i.getResponse()]) }));
  }
  function remove(formId, responseId) { FormApp.openById(formId).deleteResponse(responseId); return responses(formId).length; }
  function edit(formId) { return FormApp.openById(formId).getResponses()[0].toPrefilledUrl(); }`;

function emulator(): Emulator {
  const dir = mkdtempSync(join(tmpdir(), 'emu-charts-'));
  writeFileSync(join(dir, 'Code.js'), SCRIPT);
  return new Emulator({ bundlePath: join(dir, 'Code.js'), now: new Date('2026-01-05T09:00:00Z') });
}

describe('embedded charts (Sheet.newChart, insertChart, getCharts, removeChart)', () => {
  it('a chart built from a range is inserted, read back by id and replaced rather than piled up on each run', () => {
    const emu = emulator();
    const first = emu.run('chart');
    const second = emu.run('chart');
    expect(second.result).toMatchObject({ count: 1, title: 'Received', row: 5, ranges: ['A1:C3'] });
    expect((second.result as { id: number }).id).not.toBe((first.result as { id: number }).id);
    expect(second.stats.calls['Sheet.insertChart']).toBe(1);
    expect(second.stats.calls['Sheet.removeChart']).toBe(1);
    // Drawn below the cells, with its title and each series named.
    const html = emu.renderSheet(emu.spreadsheet.getSheets()[0]!.getName());
    expect(html).toContain('<svg role="img"');
    expect(html).toContain('<title>Received</title>');
    expect(html).toMatch(/Email[\s\S]*Post/);
  });

  it('refuses, as the stricter reading where the documentation is silent, a chart with no data, one built for another sheet, and removing one not on the sheet', () => {
    const emu = emulator();
    expect(() => emu.run('empty')).toThrow(/no data/);
    expect(() => emu.run('foreign')).toThrow(/another sheet/);
    expect(() => emu.run('removeTwice')).toThrow(/not on this sheet/);
  });

  it('an EmbeddedChart member it does not emulate throws rather than doing nothing', () => {
    expect(() => emulator().run('blob')).toThrow('not emulated: EmbeddedChart.getBlob');
  });
});

describe("the Form's own response store (FormApp)", () => {
  it('keeps each response with its time and answers; deleteResponse "does not delete copies of responses stored in external response destinations (such as spreadsheets)"', () => {
    const emu = emulator();
    const formId = emu.run('setupForm').result as string;
    emu.submitForm({ 'Your name': 'Robin Hale', 'Contact by': ['Email', 'Post'] });
    emu.advanceBy(60_000);
    emu.submitForm({ 'Your name': 'Sam Jones', 'Contact by': ['Post'] });
    const list = emu.run('responses', formId).result as { id: string; at: string; answers: unknown[] }[];
    expect(list).toHaveLength(2);
    expect(list[0]!.at).toBe(emu.formResponses(formId)[0]!.timestamp.toISOString());
    expect(list[0]).toMatchObject({
      answers: [
        ['Your name', 'Robin Hale'],
        ['Contact by', ['Email', 'Post']],
      ],
    });
    expect(emu.run('remove', formId, list[0]!.id).result).toBe(1);
    // The responses tab keeps both rows.
    expect(emu.sheetValues('Form responses 1')).toHaveLength(3);
    expect(emu.formResponses(formId).map((r) => r.answers['Your name'])).toEqual(['Sam Jones']);
    expect(() => emu.run('remove', formId, list[0]!.id)).toThrow(/No response with ID/);
  });

  it('a FormResponse member it does not emulate throws', () => {
    const emu = emulator();
    const formId = emu.run('setupForm').result as string;
    emu.submitForm({ 'Your name': 'Robin Hale' });
    expect(() => emu.run('edit', formId)).toThrow('not emulated: FormResponse.toPrefilledUrl');
  });
});
