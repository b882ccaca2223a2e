// Reading an AnalysisResult in tests: the statuses by check, one check, and "all pass but these".
import { CHECK_IDS, type AnalysisResult, type CheckId, type CheckStatus } from '../../main/model/analysis';

export function statuses(r: AnalysisResult): Record<CheckId, CheckStatus> {
  return Object.fromEntries(r.checks.map((c) => [c.id, c.status])) as Record<CheckId, CheckStatus>;
}

export function check(r: AnalysisResult, id: CheckId) {
  const c = r.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id}`);
  return c;
}

export const allPassBut = (over: Partial<Record<CheckId, CheckStatus>>) =>
  Object.fromEntries(CHECK_IDS.map((id) => [id, over[id] ?? 'pass'])) as Record<CheckId, CheckStatus>;
