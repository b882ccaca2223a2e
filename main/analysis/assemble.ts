// Builds the AnalysisResult from facts (from a bundle, from Graph, or both) and the checks' verdicts.
import { runChecks } from '../checks/run';
import type { AnalysisResult, InputSummary, Warning } from '../model/analysis';
import type { Fact, FactSet, SourcePresence } from '../model/facts';
import { version } from '../../package.json';

/** The version in every result: package.json's, so a release bump changes it in one place. */
export const TOOL_VERSION: string = version;

export const NO_SOURCES: SourcePresence = {
  aadLog: false,
  heartbeats: false,
  teamsLog: false,
  graphSignIns: false,
  graphAccount: false,
  graphLicenses: false,
  graphMailbox: false,
  graphPolicies: false,
};

export interface AssembleInput {
  input: InputSummary;
  facts: Fact[];
  sources: Partial<SourcePresence>;
  warnings: Warning[];
  account?: string | null;
  now?: Date;
}

function timeOf(f: Fact): string | null {
  return 'time' in f ? f.time : null;
}

export function assemble(a: AssembleInput): AnalysisResult {
  const now = a.now ?? new Date();
  const times = a.facts
    .map(timeOf)
    .filter((t): t is string => !!t)
    .sort();
  const set: FactSet = {
    facts: a.facts,
    sources: { ...NO_SOURCES, ...a.sources },
    window: { from: times[0] ?? null, to: times.at(-1) ?? null },
  };
  const run = runChecks(set, { now, account: a.account ?? null });
  return {
    schemaVersion: 1,
    generatedAt: now.toISOString(),
    tool: { name: 'MTR Doctor', version: TOOL_VERSION },
    input: a.input,
    device: run.device,
    period: set.window,
    checks: run.checks,
    codes: run.codes,
    warnings: a.warnings,
    timeline: run.timeline,
  };
}
