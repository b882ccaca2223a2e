// runChecks keeps a first-pass verdict when the check never looked at the other checks' failures and its
// blockers are the same; and CheckContext memoises evidence across both passes. Neither may change a verdict:
// every scenario bundle gives exactly what two full passes gave, the second on a fresh context.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBundleEvidence } from '../../main/analysis/bundle';
import { NO_SOURCES } from '../../main/analysis/assemble';
import { CheckContext } from '../../main/checks/context';
import { CHECKS, runChecks } from '../../main/checks/run-checks';
import { loadTables } from '../../main/checks/tables';
import { byStage, STAGE } from '../../main/checks/verdict';
import { AppTemp } from '../../main/fs/app-temp';
import { CHECK_IDS, type CheckId, type CheckResult } from '../../main/model/analysis';
import type { FactSet } from '../../main/model/facts';
import { writeBundleZip } from '../support/bundles/build';
import { SCENARIOS } from '../support/bundles/scenarios';
import { NOW } from '../support/analyze-scenario';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-passes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function factSet(id: string): Promise<FactSet> {
  const s = SCENARIOS.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id}`);
  const zip = path.join(dir, `${id}.zip`);
  await writeBundleZip(s, zip);
  const { bundle, evidence } = await readBundleEvidence(zip, { temp: new AppTemp(path.join(dir, `${id}-temp`)) });
  await bundle.close();
  return { facts: evidence.facts, sources: { ...NO_SOURCES, ...evidence.sources }, window: { from: null, to: null }, checked: evidence.checked, unreadable: evidence.unreadable, requestedAccount: null };
}

/** The plain algorithm: every check evaluated in both passes, the second on a context that shares nothing. */
function twoFullPasses(set: FactSet): CheckResult[] {
  const evaluate = (ctx: CheckContext) => {
    const done = new Map<CheckId, CheckResult>();
    for (const id of byStage(CHECK_IDS)) {
      const blockers = [...done.values()].filter((r) => STAGE[r.id] < STAGE[id]);
      done.set(id, CHECKS[id](ctx, blockers));
    }
    return done;
  };
  const first = evaluate(new CheckContext(set, loadTables(), NOW));
  const second = new CheckContext(set, loadTables(), NOW);
  second.failing = [...first.values()].filter((r) => r.status === 'fail');
  const done = evaluate(second);
  return CHECK_IDS.map((id) => done.get(id) as CheckResult);
}

describe('runChecks: two passes, work done once', () => {
  it.each(SCENARIOS.map((s) => s.id))('%s: the same verdicts as two full passes', async (id) => {
    const set = await factSet(id);
    const expected = twoFullPasses(set);
    const got = runChecks(set, { now: NOW }).checks;
    expect(got).toEqual(expected);
    // Both orders of evaluation saw failures elsewhere in at least the multi-failure sample.
    if (id === 'mixed') expect(expected.filter((c) => c.status === 'fail').length).toBeGreaterThan(1);
  });

  it('a check that reads the first pass\'s failures is evaluated again; one that does not is kept', () => {
    const ctx = new CheckContext({ facts: [], sources: NO_SOURCES, window: { from: null, to: null } }, loadTables(), NOW);
    expect(ctx.tracked(() => 1)).toEqual({ value: 1, readFailing: false });
    expect(ctx.tracked(() => ctx.failing.length)).toEqual({ value: 0, readFailing: true });
    // A memo read inside a check does not hide the check's own read of `failing`.
    expect(ctx.tracked(() => ctx.failing.length + ctx.memo('n', () => 1))).toEqual({ value: 1, readFailing: true });
  });

  it('memoised evidence may not depend on the first pass\'s failures', () => {
    const ctx = new CheckContext({ facts: [], sources: NO_SOURCES, window: { from: null, to: null } }, loadTables(), NOW);
    expect(() => ctx.memo('bad', () => ctx.failing.length)).toThrow(/read ctx.failing/);
  });
});
