// Runs the seven checks over a set of facts. They are evaluated in the order Entra and the device meet them
// (network, account and password, then MFA and Conditional Access, then mailbox and license), so an earlier
// failure can hide a later check; they are reported in the article's order.
import { CHECK_IDS, type Attempt, type CheckId, type CheckResult, type CodeSighting, type DeviceInfo, type TimelineEntry } from '../model/analysis';
import type { FactSet } from '../model/facts';
import { codeSightings, MAX_CODES } from './codes';
import { checkConditionalAccess } from './conditional-access';
import { CheckContext } from './context';
import { checkCredentials } from './credentials';
import { deviceInfo } from './device';
import { checkLicense } from './license';
import { checkMailbox } from './mailbox';
import { checkMfa } from './mfa';
import { checkNetwork } from './network';
import { checkPassword } from './password';
import { loadTables } from './tables';
import { buildTimeline } from './timeline';
import { byStage, STAGE } from './verdict';

type Check = (ctx: CheckContext, blockers: CheckResult[]) => CheckResult;

/** Each check is a small function from the evidence (and earlier-stage verdicts) to a verdict. */
export const CHECKS: Record<CheckId, Check> = {
  mfa: checkMfa,
  'conditional-access': checkConditionalAccess,
  password: checkPassword,
  credentials: checkCredentials,
  network: checkNetwork,
  mailbox: checkMailbox,
  license: checkLicense,
};

export interface CheckRun {
  checks: CheckResult[];
  codes: CodeSighting[];
  timeline: TimelineEntry[];
  device: DeviceInfo;
  attempts: Attempt[];
  /** Distinct codes seen beyond the MAX_CODES listed. */
  codesLeftOut: number;
}

export function runChecks(set: FactSet, opts: { now?: Date; account?: string | null } = {}): CheckRun {
  const ctx = new CheckContext({ ...set, requestedAccount: set.requestedAccount ?? opts.account ?? null }, loadTables(), opts.now ?? new Date());
  const evaluate = () => {
    const done = new Map<CheckId, CheckResult>();
    for (const id of byStage(CHECK_IDS)) {
      const blockers = [...done.values()].filter((r) => STAGE[r.id] < STAGE[id]);
      done.set(id, CHECKS[id](ctx, blockers));
    }
    return done;
  };
  // A check's failure is decided by its own evidence alone, so one pass finds every failing check; the
  // second lets each check see all of them (a failure elsewhere can explain trouble this check sees).
  ctx.failing = [...evaluate().values()].filter((r) => r.status === 'fail');
  const done = evaluate();
  return {
    checks: CHECK_IDS.map((id) => done.get(id) as CheckResult),
    codes: codeSightings(ctx),
    codesLeftOut: Math.max(0, new Set(ctx.occurrences.map((o) => o.code)).size - MAX_CODES),
    timeline: buildTimeline(ctx),
    device: deviceInfo(ctx, opts.account ?? null),
    attempts: ctx.attempts.map((a) => a.attempt),
  };
}
