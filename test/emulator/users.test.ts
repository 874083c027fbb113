/**
 * Several Google accounts using one spreadsheet and its script: whose triggers are whose, who a trigger
 * runs as, whose quota it spends, and when Google withholds a user's address.
 */
import { describe, expect, it } from 'vitest';
import { emulatorFor as bundleEmulator } from './fixtures';
import { Clock } from '../../emulator/clock';
import { Emulator, type EmulatorOptions } from '../../emulator/index';
import { EmulatedScriptApp, EmulatedTrigger, TRIGGER_LIMIT, TriggerRegistry } from '../../emulator/triggers';

function emulatorFor(code: string, options: EmulatorOptions = {}): Emulator {
  return bundleEmulator(code, { owner: 'owner@opcc.example', ...options });
}

const ALICE = 'alice@opcc.example';
const BOB = 'bob@opcc.example';
const OUTSIDER = 'helper@gmail.com';

const SCRIPT = `
  function install() {
    ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
    ScriptApp.newTrigger('edited').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
  }
  function installMany(n) {
    for (let i = 0; i < n; i++) ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
  }
  function list() {
    return ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction());
  }
  function listHere() {
    return ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet()).map((t) => t.getHandlerFunction());
  }
  function removeAll() {
    ScriptApp.getProjectTriggers().forEach((t) => ScriptApp.deleteTrigger(t));
  }
  function who() {
    return { active: Session.getActiveUser().getEmail(), effective: Session.getEffectiveUser().getEmail() };
  }
  function tick() {
    MailApp.sendEmail('team@opcc.example', 'Hourly', 'Tick');
    PropertiesService.getUserProperties().setProperty('ticked', 'yes');
    return who();
  }
  function edited(e) {
    return { ...who(), eventUser: e.user.getEmail() };
  }
  function onEdit(e) {
    return { ...who(), eventUser: e.user.getEmail() };
  }`;

describe('installable triggers belong to their creator (developers.google.com/apps-script/guides/triggers/installable)', () => {
  it('getProjectTriggers "gets all installable triggers associated with the current project and current user"', () => {
    const emu = emulatorFor(SCRIPT);
    emu.setActiveUser(ALICE);
    emu.run('install');
    emu.setActiveUser(BOB);
    emu.run('installMany', 1);
    expect(emu.run('list').result).toEqual(['tick']);
    expect(emu.run('listHere').result).toEqual([]);
    emu.setActiveUser(ALICE);
    expect(emu.run('list').result).toEqual(['tick', 'edited']);
    expect(emu.run('listHere').result).toEqual(['edited']);
    expect(emu.triggers.map((t) => t.owner)).toEqual([ALICE, ALICE, BOB]);
    expect(emu.triggersOf(BOB)).toHaveLength(1);
  });

  it('a user who deletes "all" triggers deletes only their own: another user’s keep firing', () => {
    const emu = emulatorFor(SCRIPT);
    emu.setActiveUser(ALICE);
    emu.run('install');
    emu.setActiveUser(BOB);
    emu.run('removeAll');
    expect(emu.triggers).toHaveLength(2);
    const fired = emu.advanceBy(60 * 60_000);
    expect(fired.map((i) => i.fn)).toEqual(['tick']);
  });

  it('deleting another user’s trigger fails', () => {
    const registry = new TriggerRegistry(new Clock(Date.parse('2026-01-05T09:00:00Z')), 'Europe/London');
    const record = registry.add('tick', 'CLOCK', null, { kind: 'hours', every: 1 }, ALICE);
    expect(() => new EmulatedScriptApp(registry, BOB).deleteTrigger(new EmulatedTrigger(record))).toThrow(
      /belongs to another user/,
    );
    expect(registry.triggers).toHaveLength(1);
    new EmulatedScriptApp(registry, ALICE).deleteTrigger(new EmulatedTrigger(record));
    expect(registry.triggers).toHaveLength(0);
  });

  it('the limit of 20 triggers is per user per script ("Triggers 20 / user / script", …/guides/services/quotas)', () => {
    const emu = emulatorFor(SCRIPT);
    emu.setActiveUser(ALICE);
    emu.run('installMany', TRIGGER_LIMIT);
    expect(() => emu.run('installMany', 1)).toThrow('This script has too many triggers');
    emu.setActiveUser(BOB);
    emu.run('installMany', TRIGGER_LIMIT);
    expect(emu.triggers).toHaveLength(2 * TRIGGER_LIMIT);
  });

  it('a trigger runs as its creator: effective user, MailApp sender, that user’s quota and user properties (…/reference/base/session#geteffectiveuser)', () => {
    const emu = emulatorFor(SCRIPT, { mailQuota: 100 });
    emu.addUser(ALICE, { mailQuota: 1500 });
    emu.setActiveUser(ALICE);
    emu.run('install');
    emu.setActiveUser(BOB);
    const [run] = emu.advanceBy(60 * 60_000);
    expect(run!.result).toEqual({ active: ALICE, effective: ALICE });
    expect(run!.effectiveUser).toBe(ALICE);
    expect(emu.mail.sent.map((m) => m.from)).toEqual([ALICE]);
    expect(emu.mailOf(ALICE).remaining()).toBe(1499);
    expect(emu.mailOf(BOB).remaining()).toBe(100);
    expect(emu.userProperties(ALICE)).toEqual({ ticked: 'yes' });
    expect(emu.properties.user).toEqual({});
  });

  it('a run started by a user is theirs: active and effective user are that user', () => {
    const emu = emulatorFor(SCRIPT);
    emu.setActiveUser(BOB);
    expect(emu.run('who').result).toEqual({ active: BOB, effective: BOB });
  });
});

describe('Session.getActiveUser().getEmail() can be "" (developers.google.com/apps-script/reference/base/user#getemail)', () => {
  it('in a simple trigger the address is withheld, except for the owner’s domain', () => {
    const emu = emulatorFor(SCRIPT);
    emu.setActiveUser(BOB);
    expect(emu.edit('Sheet1', 'A1', 'x')[0]!.result).toEqual({ active: BOB, effective: BOB, eventUser: BOB });
    emu.setActiveUser(OUTSIDER);
    expect(emu.edit('Sheet1', 'A1', 'y')[0]!.result).toEqual({
      active: '',
      effective: OUTSIDER,
      eventUser: '',
    });
  });

  it('an installable trigger fired by another user sees them only if Google shows their address to its creator', () => {
    const emu = emulatorFor(SCRIPT);
    emu.setActiveUser(ALICE);
    emu.run('install');
    const installable = (user: string) => {
      emu.setActiveUser(user);
      return emu.edit('Sheet1', 'A1', user).find((i) => i.fn === 'edited')!.result;
    };
    expect(installable(ALICE)).toEqual({ active: ALICE, effective: ALICE, eventUser: ALICE });
    expect(installable(BOB)).toEqual({ active: BOB, effective: ALICE, eventUser: BOB });
    expect(installable(OUTSIDER)).toEqual({ active: '', effective: ALICE, eventUser: '' });
    // A consumer account or a policy can hide an address even inside the domain.
    emu.addUser(BOB, { hidesEmail: true });
    expect(installable(BOB)).toEqual({ active: '', effective: ALICE, eventUser: '' });
  });
});
