/**
 * Entry points Apps Script calls. Every export here becomes a top-level function in build/Code.js;
 * each one only wires the shell (src/gas) to the core (src/core).
 */
export function onOpen(): void {
  SpreadsheetApp.getUi().createMenu('Complaints').addItem('About this system', 'showAbout').addToUi();
}

export function showAbout(): void {
  SpreadsheetApp.getUi().alert(
    'Complaints system',
    'Complaints handling for the Office of the Police and Crime Commissioner.',
    SpreadsheetApp.getUi().ButtonSet.OK,
  );
}
