// Runs the seven checks, in the article's order, over a set of facts.
import type { CheckResult, CodeSighting, DeviceInfo, TimelineEntry } from '../model/analysis';
import type { FactSet } from '../model/facts';
import { codeSightings } from './codes';
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

/** Each check is a small function from the evidence to a verdict. Order = Microsoft's article. */
export const CHECKS = [checkMfa, checkConditionalAccess, checkPassword, checkCredentials, checkNetwork, checkMailbox, checkLicense] as const;

export interface CheckRun {
  checks: CheckResult[];
  codes: CodeSighting[];
  timeline: TimelineEntry[];
  device: DeviceInfo;
}

export function runChecks(set: FactSet, opts: { now?: Date; account?: string | null } = {}): CheckRun {
  const ctx = new CheckContext(set, loadTables(), opts.now ?? new Date());
  return {
    checks: CHECKS.map((check) => check(ctx)),
    codes: codeSightings(ctx),
    timeline: buildTimeline(ctx),
    device: deviceInfo(ctx, opts.account ?? null),
  };
}
