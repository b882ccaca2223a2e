// The one story of an analysis, computed once next to the verdicts: state and headline, the ranked actions
// ("Do this first"), each check's banner and the exit code. The sheet, the app, the fleet row and table and the
// CLI render this; none of them ranks, counts or decides again (docs/ARCHITECTURE.md, "Diagnosis").
import { byStage } from '../checks/verdict';
import {
  CHECK_IDS,
  type CheckBanner,
  type CheckId,
  type CheckResult,
  type DeviceInfo,
  type Diagnosis,
  type DiagnosisAction,
  type InputSummary,
  type UndecidedCheck,
} from '../model/analysis';
import { formatDeviceTime } from '../model/display-format';

export interface DiagnosisInput {
  checks: readonly CheckResult[];
  device: DeviceInfo;
  input: InputSummary;
  /** Nothing in the input could be evaluated; the reason, naming what was found. */
  nothingEvaluated: string | null;
}

/** What a heartbeat aspect is called in a sentence. */
const ASPECT_NAME: Record<string, string> = {
  network: 'The room\'s network',
  token: 'The room\'s sign-in',
  exchange: 'The room\'s Exchange connection (calendar)',
  teams: 'Teams sign-in on the room',
};

/**
 * The order of stacked failures: the earliest stage of Entra's evaluation first (network, then the password
 * itself, then its expiry, then MFA and Conditional Access, then mailbox and license; checks/verdict.ts STAGE).
 * Entra checks that the password is right before it checks whether it has expired, and refuses with an earlier
 * stage's code as long as that stage fails: a room refused with 50126/50053 today is not meeting its expired
 * password, so the credentials come first, and fixing a later stage first cannot be verified.
 * Then urgency: trouble nobody can explain and current failures before resolved problems before risks.
 */
const KIND_RANK: Record<DiagnosisAction['kind'], number> = { unexplained: 0, current: 1, resolved: 2, risk: 3 };
const STAGE_ORDER = byStage(CHECK_IDS);

/** An action's place in the ranking, comparable across rooms (the fleet table sorts rooms by their first). */
export function actionRank(kind: DiagnosisAction['kind'], check: CheckId): number {
  return KIND_RANK[kind] * CHECK_IDS.length + STAGE_ORDER.indexOf(check);
}

function bannerState(c: CheckResult): CheckBanner['state'] {
  if (c.status === 'pass') return 'healthy';
  if (c.status === 'unknown') return 'undecided';
  if (c.reason.code === 'resolved') return 'resolved';
  return c.status === 'fail' ? 'current' : 'risk';
}

/** The sentence for a resolved problem: past tense, when it ended, and what to do if it returns. */
function resolvedSentence(c: CheckResult, device: DeviceInfo): string {
  const when = (iso: string | undefined) => formatDeviceTime(iso, device);
  const span = c.firstSeen ? ` from ${when(c.firstSeen)} to ${when(c.lastSeen)}` : '';
  const back = c.recoveredAt ? `; healthy again since ${when(c.recoveredAt)}` : '';
  const fix = c.remedy[0] ? ` If it comes back: ${c.remedy[0]}` : '';
  return `Resolved, nothing to do now: ${c.title} failed${span}${back}.${fix}`;
}

/** What would settle an undecided check: the check's own word, else its reason. */
function settleText(c: CheckResult): string {
  if (c.missingSource) return c.missingSource;
  return c.reason.text;
}

function unexplainedAction(c: CheckResult, device: DeviceInfo, input: InputSummary): DiagnosisAction | null {
  if (!c.unexplained) return null;
  const what = ASPECT_NAME[c.unexplained.aspect] ?? `${c.title}`;
  const source = input.kind === 'tenant' ? 'the tenant\'s evidence' : 'this bundle';
  const settle = c.missingSource ? ` Would be settled by: ${c.missingSource}` : ' Collect the device logs again with every category (the Teams client logs above all) and read the tenant\'s sign-in logs for the account.';
  return {
    check: c.id,
    title: c.title,
    kind: 'unexplained',
    status: c.status,
    since: c.unexplained.since,
    resolvedAt: null,
    sentence: `${what} has been unhealthy since ${formatDeviceTime(c.unexplained.since, device)}, and nothing in ${source} names the cause.${settle}`,
    evidence: c.evidence.slice(-1),
    rank: actionRank('unexplained', c.id),
  };
}

function checkAction(c: CheckResult, banner: CheckBanner): DiagnosisAction | null {
  if (banner.state !== 'current' && banner.state !== 'resolved' && banner.state !== 'risk') return null;
  return {
    check: c.id,
    title: c.title,
    kind: banner.state,
    status: c.status,
    since: c.firstSeen ?? null,
    resolvedAt: banner.state === 'resolved' ? (c.recoveredAt ?? null) : null,
    sentence: banner.text,
    evidence: c.evidence.slice(0, 2),
    rank: actionRank(banner.state, c.id),
  };
}

function banner(c: CheckResult, device: DeviceInfo): CheckBanner {
  const state = bannerState(c);
  switch (state) {
    case 'resolved':
      return { state, text: resolvedSentence(c, device) };
    case 'current':
    case 'risk':
      return { state, text: c.action ?? `${c.title}: ${c.summary}` };
    case 'undecided':
      return { state, text: `Not decided: ${c.reason.text}` };
    default:
      return { state, text: c.summary };
  }
}

const titles = (list: readonly { title: string }[]) => list.map((c) => c.title).join(', ');

function headline(state: Diagnosis['state'], checks: readonly CheckResult[], undecided: UndecidedCheck[], actions: DiagnosisAction[], reason: string | null): string {
  const failing = checks.filter((c) => c.status === 'fail').length;
  const undecidedNote = undecided.length ? ` ${undecided.length} of 7 could not be decided (${titles(undecided)}).` : '';
  switch (state) {
    case 'not-analysable':
      return `Nothing in this input could be analysed${reason ? `: ${reason}` : '.'}`;
    case 'failing':
      return `${failing} of 7 checks fail: the room cannot sign in until ${failing === 1 ? 'it is' : 'they are'} fixed.${undecidedNote}`;
    case 'undecided': {
      const trouble = actions.find((a) => a.kind === 'unexplained');
      if (trouble) return `The room is unhealthy and nothing in the evidence names the cause: this is not an all-clear.${undecidedNote}`;
      return `No check fails, but this is not an all-clear: ${undecided.length} of 7 could not be decided (${titles(undecided)}).`;
    }
    default: {
      const warnings = actions.length;
      return warnings === 0
        ? 'No sign-in problem found: all seven checks pass on evidence of health.'
        : `No check fails now: ${warnings} ${warnings === 1 ? 'finding' : 'findings'} to read (${titles(actions)}).`;
    }
  }
}

/** The Diagnosis of one analysis. Pure: the same checks give the same story in every view. */
export function diagnose(d: DiagnosisInput): Diagnosis {
  const banners = Object.fromEntries(CHECK_IDS.map((id) => [id, { state: 'undecided', text: 'Not decided: this check did not run.' }])) as Record<CheckId, CheckBanner>;
  const actions: DiagnosisAction[] = [];
  const undecided: UndecidedCheck[] = [];
  for (const c of d.checks) {
    const b = banner(c, d.device);
    banners[c.id] = b;
    const trouble = unexplainedAction(c, d.device, d.input);
    const action = trouble ?? checkAction(c, b);
    if (action) actions.push(action);
    if (c.status === 'unknown') undecided.push({ check: c.id, title: c.title, reason: c.reason.code, settle: settleText(c) });
  }
  // A check that did not run is undecided too (never an all-clear by omission).
  for (const id of CHECK_IDS) if (!d.checks.some((c) => c.id === id)) undecided.push({ check: id, title: id, reason: 'no-source', settle: 'This check did not run.' });
  // One action per cause: checks failing on the same code with the same sentence are one thing to do, said once.
  const seen = new Set<string>();
  const ranked = [...actions].sort((a, b) => a.rank - b.rank).filter((a) => !seen.has(a.sentence) && seen.add(a.sentence));
  const state: Diagnosis['state'] = d.nothingEvaluated !== null
    ? 'not-analysable'
    : d.checks.some((c) => c.status === 'fail')
      ? 'failing'
      : undecided.length > 0 || ranked.some((a) => a.kind === 'unexplained')
        ? 'undecided'
        : 'all-clear';
  const exitCode = state === 'not-analysable' ? 2 : state === 'all-clear' ? 0 : 1;
  return { state, headline: headline(state, d.checks, undecided, ranked, d.nothingEvaluated), actions: ranked, undecided, banners, exitCode };
}
