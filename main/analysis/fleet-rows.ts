// One analysis → one fleet row: who the room is, the seven statuses, and the one check to fix first.
import { CHECK_IDS, type AnalysisResult, type CheckStatus } from '../model/analysis';
import type { FirstToFix, FleetRefusal, FleetResult, FleetRow } from '../model/fleet-result';
import { TOOL_VERSION } from './assemble';

/** The room's first action, as its own sheet's "Do this first" has it. */
export function firstToFix(analysis: Pick<AnalysisResult, 'diagnosis'>): FirstToFix | null {
  const a = analysis.diagnosis.actions[0];
  return a ? { check: a.check, title: a.title, status: a.status, kind: a.kind, action: a.sentence, since: a.since, rank: a.rank } : null;
}

export function fleetRow(source: string, analysis: AnalysisResult): FleetRow {
  const statuses = Object.fromEntries(CHECK_IDS.map((id) => [id, analysis.checks.find((c) => c.id === id)?.status ?? 'unknown'])) as Record<
    (typeof CHECK_IDS)[number],
    CheckStatus
  >;
  const d = analysis.device;
  return {
    source,
    room: d.displayName,
    computer: d.computer,
    appVersion: d.appVersion,
    account: d.account,
    statuses,
    firstToFix: firstToFix(analysis),
    state: analysis.diagnosis.state,
    headline: analysis.diagnosis.headline,
    exitCode: analysis.diagnosis.exitCode,
    analysis,
  };
}

export function fleetResult(name: string, rows: FleetRow[], refused: FleetRefusal[], now = new Date()): FleetResult {
  return { schemaVersion: 1, kind: 'fleet', generatedAt: now.toISOString(), tool: { name: 'MTR Doctor', version: TOOL_VERSION }, name, rows, refused };
}

/**
 * The fleet's exit code: 2 only when no room could be analysed; 0 only when every input was analysed and
 * every room is all-clear (a refused bundle is a room nobody looked at, not a pass); 1 otherwise.
 */
export function fleetExitCode(fleet: Pick<FleetResult, 'rows' | 'refused'>): 0 | 1 | 2 {
  if (fleet.rows.length === 0) return 2;
  if (fleet.refused.length > 0) return 1;
  return fleet.rows.some((r) => r.exitCode !== 0) ? 1 : 0;
}
