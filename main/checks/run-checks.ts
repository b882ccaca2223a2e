// Runs the seven checks over a set of facts. They are evaluated in the order Entra and the device meet them
// (network, account and password, then MFA and Conditional Access, then mailbox and license), so an earlier
// failure can hide a later check; they are reported in the article's order.
import { CHECK_IDS, type Attempt, type CheckId, type CheckResult, type CodeSighting, type DeviceInfo, type LiveTestSection, type TimelineEntry } from '../model/analysis';
import type { FactSet } from '../model/facts';
import { codeSightings, codesLeftOut } from './codes';
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
  /** The live network test's own section, when one was given. */
  liveTest: LiveTestSection | null;
}

/** One check's verdict, with what it was computed from (for the second pass). */
interface Evaluation {
  result: CheckResult;
  blockers: CheckResult[];
  readFailing: boolean;
}

export function runChecks(set: FactSet, opts: { now?: Date; account?: string | null } = {}): CheckRun {
  const ctx = new CheckContext({ ...set, requestedAccount: set.requestedAccount ?? opts.account ?? null }, loadTables(), opts.now ?? new Date());
  // A check's failure is decided by its own evidence alone, so one pass finds every failing check; the
  // second lets each check see all of them (a failure elsewhere can explain trouble this check sees).
  const first = evaluate(ctx, new Map());
  ctx.failing = [...first.values()].map((e) => e.result).filter((r) => r.status === 'fail');
  const done = evaluate(ctx, first);
  return {
    checks: CHECK_IDS.map((id) => done.get(id)?.result as CheckResult),
    codes: codeSightings(ctx),
    codesLeftOut: codesLeftOut(ctx),
    timeline: buildTimeline(ctx),
    device: deviceInfo(ctx, opts.account ?? null),
    attempts: ctx.attempts.map((a) => a.attempt),
    liveTest: ctx.liveTest,
  };
}

/**
 * Every check in stage order. A check is a function of the evidence, its blockers and (when it reads it)
 * ctx.failing: one that did not read `failing` in the first pass and gets the very same blockers keeps its
 * first verdict, which on a large bundle saves recomputing failures over every attempt.
 */
function evaluate(ctx: CheckContext, earlier: Map<CheckId, Evaluation>): Map<CheckId, Evaluation> {
  const done = new Map<CheckId, Evaluation>();
  for (const id of byStage(CHECK_IDS)) {
    const blockers = [...done.values()].map((e) => e.result).filter((r) => STAGE[r.id] < STAGE[id]);
    const before = earlier.get(id);
    if (before && !before.readFailing && sameItems(before.blockers, blockers)) {
      done.set(id, before);
      continue;
    }
    const { value, readFailing } = ctx.tracked(() => CHECKS[id](ctx, blockers));
    done.set(id, { result: value, blockers, readFailing });
  }
  return done;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
