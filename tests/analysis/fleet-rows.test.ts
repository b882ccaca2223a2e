// The fleet's pure parts: the room's first action (its Diagnosis'), the exit code, CSV cells, and what counts as a fleet.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandFleetInputs } from '../../main/analysis/fleet-inputs';
import { fleetExitCode, firstToFix } from '../../main/analysis/fleet-rows';
import { planWorkers } from '../../main/analysis/fleet';
import { diagnose } from '../../main/analysis/diagnosis';
import type { CheckId, CheckResult, CheckStatus, ReasonCode } from '../../main/model/analysis';
import type { FleetRow } from '../../main/model/fleet-result';
import { csvCell } from '../../main/report/fleet-text';

const check = (id: CheckId, status: CheckStatus, code: ReasonCode, firstSeen?: string): CheckResult => ({
  id,
  title: id,
  status,
  summary: `${id} summary`,
  evidence: [],
  remedy: [],
  links: [],
  reason: { code, text: '' },
  checked: [],
  ...(firstSeen ? { firstSeen } : {}),
  ...(status === 'fail' || status === 'warn' ? { action: `fix ${id}` } : {}),
});

describe('first check to fix', () => {
  it("is the room's Diagnosis' first action, as its sheet has it", () => {
    const checks = [
      check('mfa', 'fail', 'failing', '2026-11-18T10:00:00Z'),
      check('conditional-access', 'pass', 'healthy'),
      check('password', 'warn', 'resolved', '2026-11-17T08:00:00Z'),
      check('credentials', 'unknown', 'no-source'),
      check('network', 'warn', 'risk'),
      check('mailbox', 'pass', 'healthy'),
      check('license', 'fail', 'failing', '2026-11-18T11:00:00Z'),
    ];
    const diagnosis = diagnose({ checks, device: { computer: null, displayName: null, account: null, appVersion: null, generation: 'unknown', generationNote: '', os: null, ipv4: null }, input: { kind: 'bundle', name: 'x', sources: [] }, nothingEvaluated: null });
    const first = diagnosis.actions[0];
    expect(firstToFix({ diagnosis })).toEqual({ check: 'mfa', title: 'mfa', status: 'fail', kind: 'current', action: first?.sentence, since: '2026-11-18T10:00:00Z', rank: first?.rank });
    expect(firstToFix({ diagnosis: { ...diagnosis, actions: [] } })).toBeNull();
  });

  it('fleet exit: 2 only with no room, 0 only when every input is an all-clear room', () => {
    const row = (exitCode: 0 | 1) => ({ exitCode }) as FleetRow;
    expect(fleetExitCode({ rows: [], refused: [{ source: 'a.zip', message: 'x' }] })).toBe(2);
    expect(fleetExitCode({ rows: [row(0), row(0)], refused: [] })).toBe(0);
    expect(fleetExitCode({ rows: [row(0), row(1)], refused: [] })).toBe(1);
    expect(fleetExitCode({ rows: [row(0)], refused: [{ source: 'b.zip', message: 'x' }] })).toBe(1);
  });
});

describe('CSV cells', () => {
  it('RFC 4180 quoting, and formulas neutralised', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    for (const evil of ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx']) expect(csvCell(evil).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
  });
});

describe('what makes a fleet', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-fleet-inputs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a folder of zips is a fleet; a folder with the device logs itself is one bundle', async () => {
    const zips = path.join(dir, 'zips');
    mkdirSync(zips);
    writeFileSync(path.join(zips, 'b.zip'), '');
    writeFileSync(path.join(zips, 'a.zip'), '');
    writeFileSync(path.join(zips, 'readme.txt'), 'notes');
    expect(await expandFleetInputs([zips])).toEqual({ bundles: [path.join(zips, 'a.zip'), path.join(zips, 'b.zip')], fleet: true });
    const device = path.join(dir, 'device');
    mkdirSync(path.join(device, 'App/Microsoft/Teams'), { recursive: true });
    writeFileSync(path.join(device, 'App/Microsoft/Teams/Logs.txt'), 'log');
    writeFileSync(path.join(device, 'old.zip'), '');
    expect(await expandFleetInputs([device])).toEqual({ bundles: [device], fleet: false });
    expect(await expandFleetInputs(['one.zip'])).toEqual({ bundles: ['one.zip'], fleet: false });
    expect((await expandFleetInputs(['one.zip', device])).fleet).toBe(true);
  });

  it('a small memory budget means fewer workers, never none', () => {
    expect(planWorkers(40, { concurrency: 4, memoryBudgetMb: 2000 })).toEqual({ workers: 4, heapMb: 500 });
    expect(planWorkers(40, { concurrency: 4, memoryBudgetMb: 320 })).toEqual({ workers: 2, heapMb: 160 });
    expect(planWorkers(40, { concurrency: 4, memoryBudgetMb: 100 }).workers).toBe(1);
    expect(planWorkers(1, { concurrency: 4, memoryBudgetMb: 2000 }).workers).toBe(1);
  });
});
