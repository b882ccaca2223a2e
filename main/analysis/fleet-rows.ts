// One analysis → one fleet row: who the room is, the seven statuses, and the one check to fix first.
import { byStage } from '../checks/verdict';
import { CHECK_IDS, type AnalysisResult, type CheckResult, type CheckStatus } from '../model/analysis';
import type { FirstToFix, FleetRefusal, FleetResult, FleetRow } from '../model/fleet';
import { TOOL_VERSION } from './assemble';

/**
 * Current failures before resolved ones, then risks (a warning that has not bitten yet); within each,
 * earlier stage first (network, credentials, password, MFA/CA, mailbox, license), as Entra meets them.
 */
const RANK: Array<(c: CheckResult) => boolean> = [
  (c) => c.status === 'fail',
  (c) => c.status === 'warn' && c.reason.code === 'resolved',
  (c) => c.status === 'warn',
];

export function firstToFix(checks: readonly CheckResult[]): FirstToFix | null {
  const order = byStage(CHECK_IDS);
  for (const matches of RANK) {
    const hit = order.map((id) => checks.find((c) => c.id === id)).find((c): c is CheckResult => !!c && matches(c));
    if (hit) {
      return { check: hit.id, title: hit.title, status: hit.status, reason: hit.reason.code, action: hit.action ?? hit.summary, since: hit.firstSeen ?? null };
    }
  }
  return null;
}

/** As `mtr-doctor analyze` decides it for one room: 0 only for an all-clear, 2 when nothing was evaluated. */
export function roomExitCode(result: AnalysisResult): 0 | 1 | 2 {
  if (result.nothingEvaluated) return 2;
  return result.checks.some((c) => c.status === 'fail' || c.status === 'unknown') ? 1 : 0;
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
    firstToFix: firstToFix(analysis.checks),
    exitCode: roomExitCode(analysis),
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
