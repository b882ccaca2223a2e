// "Do this first": which findings the customer acts on, in which order. Pure, shared by the overview and the sheet.
import { CHECK_IDS, type CheckId, type CheckResult } from '../model/analysis';
import { formatDeviceTime } from './time';

/**
 * Checks whose failure hides the others (docs: the article's order). A room that cannot reach Entra, or
 * whose account or password is refused, never gets as far as MFA, Conditional Access, the mailbox or the
 * license: fix these first. Network first (nothing else can be seen), then the account, in article order.
 */
export const BLOCKING: readonly CheckId[] = ['network', 'password', 'credentials'];

/** 0: failing now, 1: failed but looks resolved, 2: a risk or other warning. Null: nothing to do. */
export function urgency(check: Pick<CheckResult, 'status' | 'reason'>): 0 | 1 | 2 | null {
  if (check.status === 'fail') return check.reason?.code === 'resolved' ? 1 : 0;
  if (check.status === 'warn') return check.reason?.code === 'resolved' ? 1 : 2;
  return null;
}

/** The order within one urgency: blocking checks first, then the article's order. */
function blockingRank(id: CheckId): number {
  const i = BLOCKING.indexOf(id);
  return i === -1 ? BLOCKING.length + CHECK_IDS.indexOf(id) : i;
}

/**
 * The failing and warning checks, most urgent first: current failures before resolved ones before risks;
 * within each, blocking before dependent, then the article's order. Pass and No data are left out.
 */
export function rankFindings<T extends Pick<CheckResult, 'id' | 'status' | 'reason'>>(checks: readonly T[]): T[] {
  return checks
    .map((check) => ({ check, u: urgency(check) }))
    .filter((x): x is { check: T; u: 0 | 1 | 2 } => x.u !== null)
    .sort((a, b) => a.u - b.u || blockingRank(a.check.id) - blockingRank(b.check.id))
    .map((x) => x.check);
}

/** The one sentence for the customer: the check's own action, else its summary under its title. */
export function actionSentence(check: Pick<CheckResult, 'title' | 'summary' | 'action'>): string {
  return check.action ?? `${check.title}: ${check.summary}`;
}

/** The "Do this first" line: a resolved finding says so before its action ("Resolved at …; if it comes back: …"). */
export function firstSentence(check: Pick<CheckResult, 'title' | 'summary' | 'action' | 'reason' | 'recoveredAt'>, zone: Parameters<typeof formatDeviceTime>[1]): string {
  const resolved = check.reason?.code === 'resolved' && check.recoveredAt ? `Resolved at ${formatDeviceTime(check.recoveredAt, zone)}; if it comes back: ` : '';
  return `${resolved}${actionSentence(check)}`;
}
