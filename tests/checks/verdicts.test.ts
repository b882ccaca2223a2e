// Verdicts a technician can sign: a check passes only on positive evidence of health for the current account
// after its last failure. Bundles the team had not seen — offline rooms, lockouts, unreadable logs, odd encodings,
// account changes, real device formats — each asserted by status AND reason.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../main/analysis/analyse';
import { exitCodeFor } from '../../main/cli/analyze-command';
import { AppTemp } from '../../main/fs/app-temp';
import type { AnalysisResult, CheckId, CheckResult } from '../../main/model/analysis';
import { analysisResultSchema } from '../../main/model/analysis-schema';
import { analyzeScenario, NOW } from '../support/analyze-scenario';
import { BOARDROOM, HUDDLE_5X, LOBBY_5X } from '../support/bundles/device';
import { scenario, START, type Condition, type Scenario } from '../support/bundles/scenarios';
import { buildZip } from '../support/zip-builder';

const check = (r: AnalysisResult, id: CheckId) => r.checks.find((c) => c.id === id) as CheckResult;
const verdict = (r: AnalysisResult, id: CheckId) => {
  const c = check(r, id);
  return `${c.status}/${c.reason.code}`;
};
const verdicts = (r: AnalysisResult) => Object.fromEntries(r.checks.map((c) => [c.id, `${c.status}/${c.reason.code}`]));

const base = (over: Partial<Scenario>): Scenario => ({
  id: 'x',
  title: 'x',
  description: 'x',
  device: BOARDROOM,
  start: START,
  hours: 24,
  phases: [{ fromHour: 0, conditions: [{ kind: 'healthy' }] }],
  teamsLog: 'classic',
  seed: 42,
  sample: false,
  ...over,
});

async function run(s: Scenario): Promise<AnalysisResult> {
  const { result } = await analyzeScenario(s);
  analysisResultSchema.parse(JSON.parse(JSON.stringify(result)));
  return result;
}

/** Every pass must name positive evidence and the sources it read. */
function expectHonestPasses(r: AnalysisResult): void {
  for (const c of r.checks.filter((x) => x.status === 'pass')) {
    expect(c.reason.code, c.id).toBe('healthy');
    expect(c.lastHealthy, c.id).toBeTruthy();
    expect(c.checked.length, c.id).toBeGreaterThan(0);
  }
}

describe('no pass without positive evidence (issue 8)', () => {
  it('device offline the whole window: network fails, every check behind it is not reached', async () => {
    const r = await run(base({ id: 'offline', phases: [{ fromHour: 0, conditions: [{ kind: 'offline' }] }] }));
    expect(verdict(r, 'network')).toBe('fail/failing');
    for (const id of ['mfa', 'conditional-access', 'password', 'credentials', 'mailbox', 'license'] as const) {
      expect(verdict(r, id), id).toBe('unknown/not-reached');
      expect(check(r, id).summary).toMatch(/^Not evaluated: Network connectivity failing since/);
    }
    expect(exitCodeFor(r)).toBe(1);
  });

  it('wrong password then lockout from the start: credentials fail, mailbox and license are not reached', async () => {
    const wrong: Condition = { kind: 'aadsts', code: '50126', exchange: '80131500 : AADSTS50126', teams: 'Unhealthy' };
    const locked: Condition = { kind: 'aadsts', code: '50053', exchange: '80131500 : AADSTS50053', teams: 'Unhealthy' };
    const r = await run(base({ id: 'lockout', phases: [{ fromHour: 0, conditions: [wrong] }, { fromHour: 6, conditions: [locked] }] }));
    expect(verdicts(r)).toMatchObject({
      credentials: 'fail/failing',
      network: 'pass/healthy',
      mailbox: 'unknown/not-reached',
      license: 'unknown/not-reached',
      password: 'unknown/not-reached',
      mfa: 'unknown/not-reached',
      'conditional-access': 'unknown/not-reached',
    });
    expectHonestPasses(r);
  });

  it('AAD log cut inside its header and no heartbeats: the sign-in checks say the log is unreadable', async () => {
    const r = await run(base({ id: 'cut-aad', cutAadLog: true, omit: ['srs'] }));
    const aad = 'Windows/EventLog/Microsoft-Windows-AAD_Operational.evtx';
    for (const id of ['mfa', 'conditional-access', 'password', 'credentials'] as const) {
      expect(verdict(r, id), id).toBe('unknown/source-unreadable');
      expect(check(r, id).reason.text).toContain(aad);
    }
    expect(r.warnings.some((w) => w.source === aad && /counted as missing/.test(w.message))).toBe(true);
    expect(r.input.sources.some((x) => x.startsWith('AAD Operational log'))).toBe(false);
    expect(exitCodeFor(r)).toBe(1);
  });

  it('AAD log unreadable but heartbeats healthy: the pass rests on the heartbeats and the damage is still named', async () => {
    const r = await run(base({ id: 'cut-aad-hb', cutAadLog: true }));
    expect(verdict(r, 'mfa')).toBe('pass/healthy');
    expect(check(r, 'mfa').checked.map((c) => c.label)).toEqual(['Skype Room System log']);
    expect(r.warnings.some((w) => /AAD_Operational\.evtx$/.test(w.source))).toBe(true);
  });

  it.each(['utf16le-nobom', 'utf16be-nobom', 'nul-padded'] as const)('Teams log as %s: the license errors are all found', async (enc) => {
    const r = await run({ ...scenario('license'), id: `license-${enc}`, teamsLogEncoding: enc });
    expect(verdict(r, 'license')).toBe('fail/failing');
    // 19 hours of license errors every 15 minutes.
    expect(check(r, 'license').occurrences).toBe(76);
  });

  it.each([
    ['an empty zip', [] as { name: string; data: Buffer }[], /0 entries, nothing to analyse/],
    ['a zip with only a readme', [{ name: 'readme.txt', data: Buffer.from('Logs.txt licenseError get_skype_license\r\n') }], /1 entry, none of them an event log or a Teams log/],
    ['a zip of other event logs', [{ name: 'notes.log', data: Buffer.from('x') }], /none of them an event log or a Teams log/],
  ])('nothing to analyse (%s): exit 2, named', async (_label, entries, message) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-nothing-'));
    try {
      const zip = path.join(dir, 'logs.zip');
      writeFileSync(zip, buildZip(entries));
      const r = await analyse({ bundle: { path: zip, temp: new AppTemp(path.join(dir, 'temp')) } }, { now: NOW });
      expect(r.nothingEvaluated).toBe(true);
      expect(exitCodeFor(r)).toBe(2);
      expect(r.warnings[0]?.message).toMatch(message);
      expect(r.warnings[0]?.message).toMatch(/Download the logs again/);
      expect(r.checks.every((c) => c.status === 'unknown')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an empty folder: exit 2', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-empty-'));
    try {
      mkdirSync(path.join(dir, 'bundle'));
      expect(exitCodeFor(await analyse({ bundle: { path: path.join(dir, 'bundle'), temp: new AppTemp(path.join(dir, 'temp')) } }, { now: NOW }))).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("resource account changed: the old account's expired password is history, today's verdict is the new account's", async () => {
    const expired: Condition = { kind: 'aadsts', code: '50055', exchange: '80131500 : AADSTS50055', teams: 'Unhealthy' };
    const r = await run(
      base({ id: 'changed', accountChange: { atHour: 8, previous: 'oldroom@contoso.com' }, phases: [{ fromHour: 0, conditions: [expired] }, { fromHour: 8, conditions: [{ kind: 'healthy' }] }] }),
    );
    expect(r.device.account).toBe('mtr-boardroom@contoso.com');
    expect(r.device.previousAccounts).toEqual(['oldroom@contoso.com']);
    expect(verdict(r, 'password')).toBe('pass/healthy');
    expect(check(r, 'password').summary).toMatch(/Earlier failures of oldroom@contoso\.com .* are history/);
    expect(check(r, 'password').remedy).toEqual([]);
    expect(r.warnings.some((w) => w.source === 'account' && /changed resource account: it used oldroom@contoso\.com/.test(w.message))).toBe(true);
  });

  it("only a previous account's failures and nothing about the new one: history-only, never a pass", async () => {
    const expired: Condition = { kind: 'aadsts', code: '50055', exchange: '80131500 : AADSTS50055', teams: 'Unhealthy' };
    const r = await run(base({ id: 'history', omit: ['srs', 'teams'], accountChange: { atHour: 12, previous: 'oldroom@contoso.com' }, phases: [{ fromHour: 0, conditions: [expired] }, { fromHour: 12, conditions: [{ kind: 'healthy' }] }] }));
    // The AAD log names both accounts (UPN in 1097/1098); heartbeats and Teams logs are not in this collection,
    // so nothing shows whether the new account signs in.
    expect(r.device.account).toBe('mtr-boardroom@contoso.com');
    expect(verdict(r, 'password')).toBe('unknown/history-only');
  });

  it('the evidence period spans every source, to the last heartbeat', async () => {
    const r = await run(scenario('healthy'));
    expect(r.period.to?.slice(0, 16)).toBe('2026-11-19T05:55');
    expect(r.period.from?.slice(0, 10)).toBe('2026-11-17');
  });

  it('a missing category (portal collection without Teams logs) is unknown, never healthy by silence', async () => {
    const r = await run({ ...scenario('license'), id: 'no-teams-log', omit: ['teams'] });
    // Heartbeats show Teams sign-in unhealthy since 11:00 with no error that names the cause.
    expect(verdict(r, 'license')).toBe('unknown/no-positive-evidence');
    expect(check(r, 'license').summary).toMatch(/then unhealthy from 2026-11-18 11:0\d UTC/);
  });
});

describe('real device formats (issue 15)', () => {
  it('MFA only in AAD events 1100, heartbeats without the code: MFA fails', async () => {
    const mfa1100: Condition = { kind: 'aadsts', code: '50076', exchange: 'Disconnected', teams: 'Unhealthy' };
    const r = await run(base({ id: 'mfa-1100', aadForm: { eventId: 1100 }, phases: [{ fromHour: 0, conditions: [mfa1100] }] }));
    expect(verdict(r, 'mfa')).toBe('fail/failing');
    expect(check(r, 'mfa').evidence.some((e) => /event 1100$/.test(e.locator))).toBe(true);
    expect(exitCodeFor(r)).toBe(1);
  });

  it('localized AAD text and signed-decimal errors: matched on the code and the AADSTS number', async () => {
    const ca: Condition = { kind: 'aadsts', code: '53003', exchange: '80131500 : AADSTS53003', teams: 'Unhealthy' };
    const r = await run(base({ id: 'localized', aadForm: { localized: true, signedDecimal: true }, phases: [{ fromHour: 0, conditions: [{ kind: 'healthy' }] }, { fromHour: 6, conditions: [ca] }] }));
    expect(verdict(r, 'conditional-access')).toBe('fail/failing');
    const ev = check(r, 'conditional-access').evidence.find((e) => /event 1098/.test(e.locator));
    expect(ev?.fields).toContainEqual({ label: 'Error', value: '0xCAA20003', copy: true });
    expect(ev?.fields?.find((f) => f.label === 'Correlation ID')?.value).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('Windows logon (PRT) plugin noise — 1081 AADSTS50126, 1084 timeouts, failing 1104 — decides nothing', async () => {
    const r = await run(base({ id: 'prt', prtNoise: true }));
    expect(Object.values(verdicts(r)).every((v) => v === 'pass/healthy')).toBe(true);
    expect(r.warnings).toEqual([]);
    expect(check(r, 'network').summary).toMatch(/logon \(PRT\) plugin also logged 24 transport errors \(context only\)/);
    expect(r.codes.find((c) => c.code === 'AADSTS50126')).toBeUndefined();
  });

  it("Teams-only 4.x room: the Skype field's free text does not make it unhealthy or change any verdict", async () => {
    const r = await run(scenario('license'));
    expect(verdict(r, 'mfa')).toBe('pass/healthy');
    expect(verdict(r, 'credentials')).toBe('pass/healthy');
  });

  it.each([
    ['UTC+8', HUDDLE_5X, '2026-11-18T09'],
    ['UTC−5', LOBBY_5X, '2026-11-18T09'],
  ] as const)('new Teams in %s: UTC digits with the offset appended are read as UTC, confirmed by the file name', async (_z, device, first) => {
    const r = await run({ ...scenario('license-5x'), id: `nt-${device.computer}`, device });
    const lic = check(r, 'license');
    expect(lic.firstSeen?.slice(0, 13)).toBe(first);
    expect(lic.lastSeen && lic.lastSeen < '2026-11-18T18:05').toBe(true);
    expect(r.device.utcOffsetMinutes).toBe(device.utcOffsetMinutes);
    expect(r.warnings.filter((w) => /dated after|could not confirm/.test(w.message))).toEqual([]);
    expect(r.device.generation).toBe('5.x');
  });

  it('a new-Teams license error fixed three hours before collection is resolved, not failing past the collection', async () => {
    const r = await run({
      ...scenario('license-5x'),
      id: 'nt-fixed',
      phases: [{ fromHour: 0, conditions: [{ kind: 'healthy' }] }, { fromHour: 3, conditions: [{ kind: 'license' }] }, { fromHour: 9, conditions: [{ kind: 'healthy' }] }],
    });
    const lic = check(r, 'license');
    expect(`${lic.status}/${lic.reason.code}`).toBe('warn/resolved');
    expect(lic.lastSeen && lic.lastSeen < '2026-11-18T15:00').toBe(true);
    expect(lic.recoveredAt?.slice(0, 13)).toBe('2026-11-18T15');
  });

  it('the account comes from 3000/4000 and AAD events when every heartbeat Alias is empty', async () => {
    const r = await run(scenario('healthy'));
    expect(r.device.account).toBe('mtr-boardroom@contoso.com');
    expect(r.device.utcOffsetMinutes).toBe(60);
    expect(r.device.utcOffsetSource).toMatch(/Logs\.txt \(UTC\+01:00\)/);
  });
});
