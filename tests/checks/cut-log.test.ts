// A log cut short gives no all-clear (issue 23.4): an AAD log of 12 chunks cut after 3 reads clean chunk by chunk,
// and what was read shows the password accepted (AADSTS50076 comes only after it) while the lost tail holds the
// wrong password that the whole log fails on. The warning says how many events could not be read; a pass resting on
// the cut log is unknown; a pass resting on another log (heartbeats) stands.
import { describe, expect, it } from 'vitest';
import type { AnalysisResult, CheckId, CheckResult } from '../../main/model/analysis';
import { analysisResultSchema } from '../../main/model/analysis-schema';
import { analyzeScenario } from '../support/analyze-scenario';
import { scenarioFiles } from '../support/bundles/build';
import { BOARDROOM } from '../support/bundles/device';
import { START, type Condition, type Scenario } from '../support/bundles/scenarios';

const AAD = 'Windows/EventLog/Microsoft-Windows-AAD_Operational.evtx';
const code = (c: string): Condition => ({ kind: 'aadsts', code: c, exchange: `80131500 : AADSTS${c}`, teams: 'Unhealthy' });
const check = (r: AnalysisResult, id: CheckId) => r.checks.find((c) => c.id === id) as CheckResult;

/** Three and a third days of an AAD log alone: MFA required, then from hour 40 the password refused. */
const aadOnly: Scenario = {
  id: 'cut-aad-12',
  title: 'x',
  description: 'x',
  device: BOARDROOM,
  start: START,
  hours: 80,
  phases: [
    { fromHour: 0, conditions: [code('50076')] },
    { fromHour: 40, conditions: [code('50126')] },
  ],
  teamsLog: 'classic',
  omit: ['srs', 'teams', 'config'],
  seed: 2301,
  sample: false,
};

async function run(s: Scenario): Promise<AnalysisResult> {
  const { result } = await analyzeScenario(s);
  analysisResultSchema.parse(JSON.parse(JSON.stringify(result)));
  return result;
}

describe('an event log cut short (issue 23.4)', () => {
  it('the whole AAD log: 12 chunks, and Credentials fail on the wrong password of its later part', async () => {
    const aad = scenarioFiles(aadOnly).find((f) => f.path === AAD)?.data as Buffer;
    expect((aad.length - 4096) / 65536).toBe(12);
    expect(check(await run(aadOnly), 'credentials').status).toBe('fail');
  });

  it('cut after 3 of 12 chunks: the warning says how many events could not be read, and nothing passes on it', async () => {
    const aad = scenarioFiles(aadOnly).find((f) => f.path === AAD)?.data as Buffer;
    const declared = Number(aad.readBigUInt64LE(24) - 1n);
    const r = await run({ ...aadOnly, id: 'cut-aad-3-of-12', cutAadLogAfterChunks: 3 });
    const warnings = r.warnings.filter((w) => w.source === AAD || w.message.includes(AAD));
    expect(warnings).toHaveLength(1);
    const said = /^damaged event log: the file is cut short: its header declares records up to ([\d,]+) and ([\d,]+) could be read, so about ([\d,]+) events could not be read\. The events that could be read were used\.$/.exec(warnings[0]?.message ?? '');
    expect(said, warnings[0]?.message).not.toBeNull();
    const [last, read, unread] = [said?.[1], said?.[2], said?.[3]].map((x) => Number(x?.replace(/,/g, '')));
    expect(last).toBe(declared);
    // The generator numbers this log's records from 18,412: those declared are those read and those not.
    expect((read ?? 0) + (unread ?? 0)).toBe(declared - 18_412 + 1);
    expect(warnings[0]?.detail).toMatch(/declares 12 chunks, .*the file ends after 3 of them/);
    // What was read would pass Credentials (AADSTS50076 implies the password accepted): not on a log cut short.
    expect(r.checks.filter((c) => c.status === 'pass').map((c) => c.id)).toEqual([]);
    const credentials = check(r, 'credentials');
    expect(`${credentials.status}/${credentials.reason.code}`).toBe('unknown/source-unreadable');
    expect(credentials.summary).toMatch(/^Not judged: the health seen comes from Windows\/EventLog\/Microsoft-Windows-AAD_Operational\.evtx, and the file is cut short: .*; a later failure may be among the events missing\. Seen: /);
    expect(credentials.missingSource).toContain(AAD);
    expect(r.diagnosis.state).not.toBe('all-clear');
    // The failure that was read still fails.
    expect(check(r, 'mfa').status).toBe('fail');
  });

  it('cut, beside healthy heartbeats: the passes rest on the heartbeats and stand, the damage is still said', async () => {
    const r = await run({ ...aadOnly, id: 'cut-aad-hb', hours: 72, prtNoise: true, phases: [{ fromHour: 0, conditions: [{ kind: 'healthy' }] }], omit: [], cutAadLogAfterChunks: 1 });
    expect(r.warnings.some((w) => w.source === AAD && /^damaged event log: the file is cut short: /.test(w.message))).toBe(true);
    const mfa = check(r, 'mfa');
    expect(mfa.status).toBe('pass');
    expect(mfa.evidence.every((e) => e.source !== AAD)).toBe(true);
    expect(r.diagnosis.state).toBe('all-clear');
  });
});
