// Issue 22, bundles that are not what they seem: each case through the whole bundle path, with its reverse.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assemble } from '../../main/analysis/assemble';
import { openBundle } from '../../main/bundle/open-bundle';
import { analyse } from '../../main/analysis/analyse';
import { collectBundleFacts } from '../../main/evidence/from-bundle';
import { AppTemp } from '../../main/fs/app-temp';
import type { AnalysisResult } from '../../main/model/analysis';
import type { SignInFact } from '../../main/model/facts';
import { allPassBut, check, statuses } from '../support/check-results';
import { analyzeScenario, NOW } from '../support/analyze-scenario';
import { scenarioFiles, writeBundleZip } from '../support/bundles/build';
import { buildZip } from '../support/zip-builder';
import { writeFileSync } from 'node:fs';
import { ODD } from '../support/bundles/odd-scenarios';

const NOTHING_NAMES = /nothing in the evidence names the cause/i;
const clockWarnings = (r: AnalysisResult) => r.warnings.filter((w) => /clock jumped back/.test(w.message));

describe('device kind', () => {
  it("a person's laptop (Outlook in the AAD log, no room marks): named, nothing judged, every view the same reason", async () => {
    const { result } = await analyzeScenario(ODD.laptop);
    expect(result.nothingEvaluated).toBe(true);
    const why = result.warnings[0]?.message ?? '';
    // The fleet lists a refused room with this first warning (analysis/fleet.ts outcomeOf).
    expect(why).toMatch(/these logs are from a Windows PC or laptop without the Teams Rooms app \(Microsoft Office \(Outlook, Word, Excel\) in the AAD log \(\d+ events\); no Skype Room System log; no Teams Rooms app files\) — MTR Doctor reads Teams Rooms on Windows bundles/);
    for (const c of result.checks) {
      expect(c.status).toBe('unknown');
      expect(c.reason.text).toBe(why);
      expect(c.evidence).toEqual([]);
    }
  });

  /** A zip of the given files through the whole bundle path. */
  const analyseFiles = async (name: string, files: { name: string; data: Buffer }[]): Promise<AnalysisResult> => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-kind-'));
    try {
      const zip = path.join(dir, name);
      writeFileSync(zip, buildZip(files));
      const bundle = await openBundle(zip, { temp: new AppTemp(path.join(dir, 'tmp')) });
      try {
        return await analyse({ bundle: { open: bundle } }, { now: NOW });
      } finally {
        await bundle.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('Teams Rooms on Android and a Surface Hub: named, nothing judged (marks unconfirmed: package and folder names)', async () => {
    const android = await analyseFiles('android.zip', [
      { name: 'logcat.txt', data: Buffer.from('11-18 06:00:01.000  1234  1240 I TeamsApp: started\n') },
      { name: 'com.microsoft.skype.teams.ipphone/logs/app.log', data: Buffer.from('2026-11-18T06:00:02Z sign-in ok\n') },
    ]);
    expect(android.nothingEvaluated).toBe(true);
    expect(android.warnings[0]?.message).toMatch(/these logs are from Teams Rooms on Android \(logcat\.txt; com\.microsoft\.skype\.teams\.ipphone\/logs\/app\.log\) — MTR Doctor reads Teams Rooms on Windows bundles/);
    // A hub's AAD log would be judged as a room's without its mark.
    const aad = scenarioFiles(ODD.aadOnlyRoom).filter((f) => /AAD_Operational/.test(f.path));
    const hub = await analyseFiles('hub.zip', [...aad.map((f) => ({ name: `SurfaceHub/${f.path}`, data: f.data }))]);
    expect(hub.nothingEvaluated).toBe(true);
    expect(hub.warnings[0]?.message).toMatch(/these logs are from a Surface Hub \(Windows Team edition\)/);
    expect(hub.checks.every((c) => c.status === 'unknown')).toBe(true);
  });

  it("reverse: a room's AAD log alone (no marks either way) is analysed as a room, with a note", async () => {
    const { result } = await analyzeScenario(ODD.aadOnlyRoom);
    expect(result.nothingEvaluated).toBeUndefined();
    expect(check(result, 'mfa').status).toBe('fail');
    expect(result.warnings.some((w) => /holds no mark of a Teams Rooms device .* analysed as a Teams Rooms on Windows bundle/.test(w.message))).toBe(true);
  });

  it('reverse: a whole room bundle carries its marks and no note', async () => {
    const { result } = await analyzeScenario('healthy');
    expect(result.warnings.some((w) => /holds no mark/.test(w.message))).toBe(false);
  });
});

describe('clock jumps', () => {
  it('TLS failures written after a jump back are current: network fails, the warning and the timeline say so', async () => {
    const { result } = await analyzeScenario(ODD.clockBack);
    const net = check(result, 'network');
    expect(net.status).toBe('fail');
    expect(net.reason.code).toBe('failing');
    const warns = clockWarnings(result);
    // Both event logs and the Teams log were written by the same clock.
    expect(warns.map((w) => w.source).sort()).toEqual(['App/Microsoft/Teams/Logs.txt', 'Windows/EventLog/Microsoft-Windows-AAD_Operational.evtx', 'Windows/EventLog/Skype Room System.evtx']);
    const srs = warns.find((w) => w.source.endsWith('Skype Room System.evtx'));
    expect(srs?.message).toMatch(/jumped back 4 days: record \d+ · event 200\d was written at 2026-11-20 1\d:\d\d UTC, record \d+ · event 200\d at 2026-11-16 1\d:\d\d UTC/);
    expect(result.timeline.some((t) => t.kind === 'clock-jump' && /Device clock jumped back from 2026-11-20 .* to 2026-11-16/.test(t.label))).toBe(true);
    // Evidence shows the time the device wrote, with the note.
    const moved = net.evidence.find((e) => e.fields?.some((f) => f.label === 'Device clock'));
    expect(moved?.time?.slice(0, 10)).toBe('2026-11-16');
    expect(moved?.fields?.find((f) => f.label === 'Device clock')?.value).toMatch(/^written at 2026-11-16 .* by a clock that had jumped back; placed in write order, about 2026-11-20/);
  });

  for (const [name, s] of [
    ['a jump forward (time sync after a slow clock)', ODD.clockForward],
    ['a three-minute step back (time sync)', ODD.clockSmallStep],
    ['the end of daylight saving in the Teams log', ODD.dstEnds],
  ] as const) {
    it(`reverse: ${name} is no jump`, async () => {
      const { result } = await analyzeScenario(s);
      expect(clockWarnings(result)).toEqual([]);
      expect(result.timeline.some((t) => t.kind === 'clock-jump')).toBe(false);
      expect(statuses(result)).toEqual(allPassBut({}));
    });
  }
});

describe('codes', () => {
  it('AADSTS50158 on every request for two days: the interactive-requirements family (MFA side), named', async () => {
    const { result } = await analyzeScenario(ODD.externalChallenge);
    const mfa = check(result, 'mfa');
    expect(mfa.status).toBe('fail');
    expect(mfa.summary).toMatch(/interactive step a room cannot take: AADSTS50158 \(ExternalSecurityChallenge\)/);
    expect(mfa.remedy[0]).toMatch(/Terms of Use/);
    for (const c of result.checks) expect(c.summary).not.toMatch(NOTHING_NAMES);
    expect(result.codes.find((c) => c.code === 'AADSTS50158')).toMatchObject({ name: 'ExternalSecurityChallenge', check: 'mfa' });
  });

  it('a code outside the table: a failing, explained state with the look-up link, never "nothing names the cause"', async () => {
    const { result } = await analyzeScenario(ODD.unknownCode);
    for (const c of result.checks) expect(c.summary).not.toMatch(NOTHING_NAMES);
    const failing = result.checks.filter((c) => c.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    for (const c of failing) {
      expect(c.summary).toMatch(/^Sign-in fails with AADSTS9999999, which MTR Doctor does not know: look it up \(https:\/\/login\.microsoftonline\.com\/error\?code=9999999\)/);
      expect(c.reason.code).toBe('failing');
      expect(c.action).toMatch(/AADSTS9999999/);
    }
    expect(check(result, 'network').status).toBe('pass');
    expect(check(result, 'credentials').status).toBe('fail');
    expect(result.codes.find((c) => c.code === 'AADSTS9999999')?.meaning).toMatch(/look it up in Microsoft Entra's error code reference \(https:\/\/login\.microsoftonline\.com\/error\?code=9999999\)/);
  });

  it('reverse: an unknown code long past in a healthy room is history, not current', async () => {
    const { result } = await analyzeScenario(ODD.unknownCodePast);
    expect(statuses(result)).toEqual(allPassBut({}));
    expect(result.codes.find((c) => c.code === 'AADSTS9999999')?.count).toBeGreaterThan(0);
  });
});

describe('wording', () => {
  it("a lockout while the room's own sign-ins succeed is not 'Wrong credentials'", async () => {
    const { result } = await analyzeScenario(ODD.lockoutElsewhere);
    const cred = check(result, 'credentials');
    expect(cred.summary).not.toMatch(/Wrong credentials/);
    expect(cred.summary).toMatch(/locked out \(AADSTS50053\) while this room's own sign-ins succeed, so the room's password is right: the lockouts come from another device or app/);
    expect(cred.action).toMatch(/Another device or app still signs in to the room account with an old password/);
  });

  it('names where the lockouts come from: the client app and IP of the Entra rows that are not the room\'s attempts', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-lockout-'));
    try {
      const zip = path.join(dir, 'room.zip');
      await writeBundleZip(ODD.lockoutElsewhere, zip);
      const bundle = await openBundle(zip, { temp: new AppTemp(path.join(dir, 'tmp')) });
      const evidence = await collectBundleFacts(bundle);
      await bundle.close();
      const row = (i: number, code: number): SignInFact => {
        const time = `2026-11-19T0${i}:00:00.000Z`;
        return {
          kind: 'signin', time, id: `row-${i}`, errorCode: code, failureReason: null, correlationId: `0000000${i}-2222-4333-8444-555555555555`,
          appDisplayName: 'Outlook Mobile', resourceDisplayName: 'Office 365 Exchange Online', clientAppUsed: 'Mobile Apps and Desktop clients', interactive: false,
          conditionalAccessStatus: 'notApplied', failedPolicies: [], authenticationRequirement: null, ipAddress: '198.51.100.23', userPrincipalName: 'mtr-boardroom@contoso.com',
          evidence: { source: `graph:/auditLogs/signIns/row-${i}`, locator: `row-${i}`, time, excerpt: `errorCode ${code}` },
        };
      };
      const result = assemble({
        input: { kind: 'bundle+tenant', name: 'room.zip + contoso', sources: [] },
        facts: [...evidence.facts, row(1, 50126), row(2, 50053), row(3, 50053)],
        sources: { ...evidence.sources, graphSignIns: true },
        warnings: [],
        checked: evidence.checked,
        now: NOW,
      });
      const cred = check(result, 'credentials');
      expect(cred.summary).toMatch(/the lockouts come from Outlook Mobile \(Mobile Apps and Desktop clients\) from IP 198\.51\.100\.23 \(3 failed sign-ins\)/);
      expect(cred.action).toMatch(/Find it \(Outlook Mobile/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reverse: the room's own wrong password, then a lockout, still says 'Wrong credentials'", async () => {
    const { result } = await analyzeScenario('credentials');
    expect(check(result, 'credentials').summary).toMatch(/^Wrong credentials: /);
  });

  it('ten minutes of Exchange GeneralError, then hours of Connected: a transient error, not a missing mailbox', async () => {
    const { result } = await analyzeScenario(ODD.mailboxBlip);
    const mb = check(result, 'mailbox');
    expect(mb.status).toBe('warn');
    expect(mb.summary).toMatch(/^A transient Exchange error, not a missing mailbox: heartbeats reported Exchange status GeneralError/);
    expect(mb.summary).not.toMatch(/found no mailbox/);
    expect(mb.action).toMatch(/nothing to fix now/);
  });

  it('reverse: GeneralError that never recovers still says Exchange found no mailbox', async () => {
    const { result } = await analyzeScenario('mailbox');
    expect(check(result, 'mailbox').summary).toMatch(/^Exchange found no mailbox for the account/);
  });
});
