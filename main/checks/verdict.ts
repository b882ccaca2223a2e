// The one rule every check follows (docs/ARCHITECTURE.md, "Verdicts"): a check passes only on positive
// evidence of health for the current account after its last failure. Otherwise it fails (current failures),
// warns (failures, then health: resolved), or is unknown with a reason from a fixed vocabulary — an earlier
// blocking failure (not-reached), an unreadable or missing source, a tenant without Entra ID P1, failures that
// belong to a previous account (history-only), or a source that shows no failure but no health either.
import { formatCount } from '../model/display-format';
import type { CheckedSource, CheckId, CheckResult, Evidence, Reason } from '../model/analysis';
import type { UnreadableSource } from '../model/facts';
import { failureOutcome, result, selectEvidence, type Outcome, type Sighting, when } from './compose';
import type { CheckContext, HealthAspect, HealthSighting } from './context';
import { unclaimedAfter, unclaimedFailures, type UnclaimedCause } from './unclaimed';

/** Where a check's evidence can come from, for saying why it is unknown. */
export type SourceKind = 'aad' | 'srs' | 'teams' | 'signins' | 'account' | 'licenses' | 'mailbox' | 'policies';

/** The order in which Entra and the device meet each check: an earlier failure hides the later checks. */
export const STAGE: Record<CheckId, number> = {
  network: 0,
  credentials: 1,
  password: 2,
  mfa: 3,
  'conditional-access': 3,
  mailbox: 4,
  license: 4,
};

/** Checks in evaluation order (earlier stages first); results are shown in the article's order. */
export function byStage(ids: readonly CheckId[]): CheckId[] {
  return [...ids].sort((a, b) => STAGE[a] - STAGE[b]);
}

export interface VerdictInput {
  id: CheckId;
  /** Current failures of the current account. */
  failures: Sighting[];
  describe: Parameters<typeof failureOutcome>[1];
  remedy: string[];
  /** Attempts (not evidence lines) the failures stand for. */
  count?: number;
  /** Positive evidence of health for this check. */
  health: HealthSighting[];
  /** The heartbeat aspect this check's health is read from: trouble in it after the last health needs a cause. */
  aspect?: HealthAspect;
  /** Earlier-stage checks that fail now. */
  blockers: CheckResult[];
  sources: SourceKind[];
  /** A previous account's failures. */
  history?: Sighting[];
  /** The pass sentence, given the last healthy sighting and how many there were. */
  passText: (last: HealthSighting, all: HealthSighting[]) => string;
  /** What the read sources show when they show neither failure nor health. */
  quietText: string;
  /** One plain sentence of consequence and action, for fail and warn. */
  action?: string;
  extraEvidence?: Evidence[];
  /** `remedy` is the whole fix: the table's generic steps are not added. */
  replaceRemedy?: boolean;
}

const SOURCE_LABELS: Record<SourceKind, string[]> = {
  aad: ['AAD Operational log'],
  srs: ['Skype Room System log'],
  teams: ['Teams log'],
  signins: ['Entra sign-in logs'],
  account: ['Entra account'],
  licenses: ['Entra licenses'],
  mailbox: ['Room list'],
  policies: ['Conditional Access policies', 'Security defaults'],
};

const UNREADABLE_KIND: Partial<Record<SourceKind, UnreadableSource['kind']>> = { aad: 'aad', srs: 'srs', teams: 'teams' };

/** What each source is, in the words of "Would be settled by …": the device's files, then the tenant's. */
const SETTLED_BY: Record<SourceKind, { from: 'device' | 'tenant'; what: string }> = {
  aad: { from: 'device', what: 'the AAD Operational log (Microsoft-Windows-AAD_Operational.evtx)' },
  srs: { from: 'device', what: 'heartbeats in the Skype Room System log' },
  teams: { from: 'device', what: 'a Teams client log (Logs.txt or MSTeams_*.log)' },
  signins: { from: 'tenant', what: 'Entra sign-in logs' },
  account: { from: 'tenant', what: "the account's password policy and last change" },
  licenses: { from: 'tenant', what: "the account's licenses" },
  mailbox: { from: 'tenant', what: 'the room list' },
  policies: { from: 'tenant', what: 'Conditional Access policies' },
};

/**
 * Only what this input lacks among the check's sources ("from the device: … or …; from the tenant: …"), never
 * a file it already holds; a damaged one is named as such. Null when every source was read.
 */
export function settledBy(ctx: CheckContext, kinds: SourceKind[]): string | null {
  const unreadable = new Set((ctx.set.unreadable ?? []).map((u) => u.kind));
  const missing = kinds.filter((k) => !anySource(ctx, [k]));
  const words = (from: 'device' | 'tenant') =>
    missing.filter((k) => SETTLED_BY[k].from === from).map((k) => (UNREADABLE_KIND[k] && unreadable.has(UNREADABLE_KIND[k]) ? `a readable copy of ${SETTLED_BY[k].what}` : SETTLED_BY[k].what));
  const or = (list: string[]) => (list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`);
  const and = (list: string[]) => (list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`);
  const device = words('device');
  const tenant = words('tenant');
  const parts = [device.length ? `from the device, ${or(device)}` : null, tenant.length ? `from the tenant, ${and(tenant)}` : null].filter(Boolean);
  return parts.length ? `${parts.join('; or ')}.`.replace(/^f/, 'F') : null;
}

/** The sources a check read (bundle files and Graph resources), for "Checked: …". */
export function checkedFor(ctx: CheckContext, kinds: SourceKind[]): CheckedSource[] {
  const labels = kinds.flatMap((k) => SOURCE_LABELS[k]);
  return [...ctx.checked(...labels), ...graphChecked(ctx).filter((c) => labels.includes(c.label))];
}

function graphChecked(ctx: CheckContext): CheckedSource[] {
  const out: CheckedSource[] = [];
  for (const q of ctx.of('signin-query')) {
    out.push({ label: 'Entra sign-in logs', source: q.evidence.source, count: q.interactive + (q.nonInteractive ?? 0), unit: 'sign-ins', from: q.from, to: q.to });
  }
  for (const a of ctx.of('account')) out.push({ label: 'Entra account', source: a.evidence.source, count: 1, unit: 'account', from: null, to: null });
  for (const l of ctx.of('license')) out.push({ label: 'Entra licenses', source: l.evidence.source, count: l.skus.length, unit: 'licenses', from: null, to: null });
  for (const m of ctx.of('mailbox')) out.push({ label: 'Room list', source: m.evidence.source, count: m.roomFound ? 1 : 0, unit: 'matching rooms', from: null, to: null });
  const ca = ctx.of('ca-policy');
  if (ctx.sources.graphPolicies) out.push({ label: 'Conditional Access policies', source: 'graph:/identity/conditionalAccess/policies', count: ca.length, unit: 'enabled or report-only policies evaluated (What If)', from: null, to: null });
  return out;
}

/** Why nothing settles the check: unreadable source, no P1, or no source at all. */
export function missingReason(ctx: CheckContext, id: CheckId, kinds: SourceKind[]): Reason {
  const unreadable = (ctx.set.unreadable ?? []).filter((u) => kinds.some((k) => UNREADABLE_KIND[k] === u.kind));
  if (unreadable.length > 0) {
    return { code: 'source-unreadable', text: `Unreadable: ${unreadable.map((u) => `${u.source} (${u.message})`).join('; ')}. It counts as missing.` };
  }
  const premium = noPremium(ctx);
  if (premium && kinds.includes('signins')) return { code: 'no-premium', text: premium };
  return { code: 'no-source', text: `No source for this check here. It needs ${ctx.tables.meta[id].source}.` };
}

export function noPremium(ctx: CheckContext): string | null {
  const p = ctx.of('source-problem').find((s) => s.code === 'Authentication_RequestFromNonPremiumTenantOrB2CTenant' || /premium|P1/i.test(s.message));
  return p ? `Entra sign-in logs need Microsoft Entra ID P1 or P2, which this tenant does not have, so no sign-in could be read for this check (${p.source}).` : null;
}

/** The sources of this check that were read at all. */
export function anySource(ctx: CheckContext, kinds: SourceKind[]): boolean {
  const s = ctx.sources;
  return kinds.some((k) =>
    k === 'aad' ? s.aadLog : k === 'srs' ? s.heartbeats : k === 'teams' ? s.teamsLog : k === 'signins' ? s.graphSignIns : k === 'account' ? s.graphAccount : k === 'licenses' ? s.graphLicenses : k === 'mailbox' ? s.graphMailbox : s.graphPolicies,
  );
}

function blockerText(b: CheckResult): string {
  return `${b.title} failing${b.firstSeen ? ` since ${when(b.firstSeen)}` : ''}: ${b.summary}`;
}

/** Applies the rule; checks add what only they know (policies, expiry dates, licenses) before calling it. */
export function decide(ctx: CheckContext, v: VerdictInput): CheckResult {
  const checked = checkedFor(ctx, v.sources);
  const history = v.history ?? [];
  const historyNote = history.length
    ? ` Earlier failures of ${ctx.account.previous.join(', ') || 'a previous account'} (${formatCount(history.length)}) are history, not today's verdict.`
    : '';

  if (v.failures.length > 0) {
    const o: Outcome = failureOutcome(v.failures, v.describe, v.remedy, v.count);
    o.recoveredAt = ctx.recoveredAfter(o.lastSeen ?? null, v.health);
    o.status = o.recoveredAt ? 'warn' : 'fail';
    if (o.recoveredAt) o.summary = `${o.summary.replace(/ It looks resolved:.*$/, '')} It looks resolved: ${whatAt(v.health, o.recoveredAt)} at ${when(o.recoveredAt)}.`;
    o.reason = o.recoveredAt
      ? { code: 'resolved', text: `Failures until ${when(o.lastSeen)}, then positive evidence of health at ${when(o.recoveredAt)}.` }
      : { code: 'failing', text: `Failing for the current account${ctx.account.current ? ` ${ctx.account.current}` : ''}, last seen ${when(o.lastSeen)}, ${brief(v.health, o.lastSeen)}` };
    o.checked = checked;
    if (v.replaceRemedy) o.replaceRemedy = true;
    if (v.action) o.action = v.action;
    o.evidence = [...(o.evidence ?? []), ...(v.extraEvidence ?? [])];
    const lastHealthy = v.health.at(-1)?.lastTime;
    if (lastHealthy) o.lastHealthy = lastHealthy;
    return attach(result(ctx, v.id, o), v.failures);
  }

  if (v.health.length > 0) {
    const last = v.health.reduce((a, b) => (b.lastTime > a.lastTime ? b : a));
    const unclaimedIds = unclaimedFailures(ctx);
    const others = ctx.failing.filter((b) => b.id !== v.id && b.status === 'fail' && !unclaimedIds.has(b.id));
    const aspect = v.aspect;
    const trouble = aspect && !last.sustained ? ctx.troubleAfter(aspect, last.lastTime) : null;
    if (aspect && trouble && others.length === 0) {
      // A code no check owns, seen after the last health, names the cause.
      const cause = unclaimedAfter(ctx, last.lastTime);
      if (cause) return unclaimedFailure(ctx, v, cause, checked, last.lastTime, trouble.evidence);
      // Healthy once, unhealthy since, and nothing here names the cause: not a pass.
      const unread = missingReason(ctx, v.id, v.sources);
      return result(ctx, v.id, {
        status: 'unknown',
        summary: `Healthy until ${when(last.lastTime)} (${last.what}), then unhealthy from ${when(trouble.time)}, and nothing in the evidence names the cause.${unread.code === 'no-source' ? '' : ` ${unread.text}`}`,
        evidence: [last.evidence, trouble.evidence],
        reason: { code: 'no-positive-evidence', text: `No positive evidence after ${when(trouble.time)}: the device reports trouble that no error explains.` },
        checked,
        lastHealthy: last.lastTime,
        unexplained: { since: trouble.time, aspect },
        missingSource: settledBy(ctx, v.sources),
      });
    }
    const later = others.filter((b) => b.firstSeen && b.firstSeen > last.lastTime);
    const note = later.length
      ? ` Last known healthy at ${when(last.lastTime)}, before ${later.map((b) => `the ${b.title} failures began at ${when(b.firstSeen)}`).join(' and ')}.`
      : '';
    return result(ctx, v.id, {
      status: 'pass',
      summary: `${v.passText(last, v.health)}${note}${historyNote}`,
      evidence: [last.evidence, ...(v.extraEvidence ?? [])],
      reason: { code: 'healthy', text: `Positive evidence of health for the current account: ${last.what} (${when(last.lastTime)}).` },
      checked,
      lastHealthy: last.lastTime,
    });
  }

  const blocking = v.blockers.filter((b) => b.status === 'fail');
  if (blocking.length > 0) {
    const b = blocking[0] as CheckResult;
    return result(ctx, v.id, {
      status: 'unknown',
      summary: `Not evaluated: ${blockerText(b)} Until that is fixed, nothing shows whether this check would pass.`,
      reason: { code: 'not-reached', text: `An earlier failure hides this check: ${b.title} (${b.summary})` },
      checked,
      evidence: v.extraEvidence,
    });
  }
  if (history.length > 0) {
    return result(ctx, v.id, {
      status: 'unknown',
      summary: `Only a previous account's failures are in the evidence (${ctx.account.previous.join(', ') || 'an earlier account'}); nothing shows how the current account ${ctx.account.current ?? ''} fares.`.replace(' .', '.'),
      evidence: selectEvidence(history, 3),
      reason: { code: 'history-only', text: `The failures belong to ${ctx.account.previous.join(', ') || 'a previous account'}, not the current account.` },
      checked,
    });
  }
  if (!anySource(ctx, v.sources)) {
    const reason = missingReason(ctx, v.id, v.sources);
    return result(ctx, v.id, { status: 'unknown', summary: reason.text, reason, checked, evidence: v.extraEvidence, missingSource: settledBy(ctx, v.sources) });
  }
  // No health at all, but the sign-in is refused with a code no check owns: for the sign-in checks, that names the cause.
  const cause = v.aspect === 'token' && ctx.failing.every((b) => b.status !== 'fail' || unclaimedFailures(ctx).has(b.id)) ? unclaimedAfter(ctx, null) : null;
  if (cause) return unclaimedFailure(ctx, v, cause, checked, null, null);
  const unreadable = missingReason(ctx, v.id, v.sources);
  const also = unreadable.code === 'source-unreadable' || unreadable.code === 'no-premium' ? ` ${unreadable.text}` : '';
  return result(ctx, v.id, {
    status: 'unknown',
    summary: `${v.quietText} Absence of an error is not health: nothing in the evidence shows this working for the current account.${also}`,
    reason: { code: 'no-positive-evidence', text: `${v.quietText}${also}` },
    checked,
    evidence: v.extraEvidence,
    missingSource: settledBy(ctx, v.sources),
  });
}

/** A failing verdict whose cause is a code no check owns (main/checks/unclaimed.ts). */
function unclaimedFailure(ctx: CheckContext, v: VerdictInput, cause: UnclaimedCause, checked: CheckedSource[], lastHealthy: string | null, trouble: Evidence | null): CheckResult {
  unclaimedFailures(ctx).add(v.id);
  const r = result(ctx, v.id, {
    status: 'fail',
    summary: `${cause.summary}${lastHealthy ? ` Healthy until ${when(lastHealthy)}, not since.` : ''}`,
    evidence: [...cause.evidence, ...(trouble ? [trouble] : [])],
    remedy: cause.remedy,
    replaceRemedy: true,
    firstSeen: cause.first,
    lastSeen: cause.last,
    occurrences: cause.count,
    reason: { code: 'failing', text: `Sign-in is refused with ${[...new Set(cause.occurrences.map((o) => `AADSTS${o.code}`))].join(', ')} for the current account${ctx.account.current ? ` ${ctx.account.current}` : ''}, last seen ${when(cause.last)}, with no sign of health after it.` },
    checked,
    lastHealthy,
    action: cause.action,
  });
  return attach(r, cause.occurrences);
}

/**
 * After the last failure: nothing healthy, or health too brief to count as recovery (heartbeats must stay
 * healthy RECOVERY_MS), said as such so "no sign of health" never stands beside a later "Last healthy".
 */
function brief(health: HealthSighting[], lastSeen: string | null | undefined): string {
  const after = lastSeen ? health.filter((h) => h.lastTime > lastSeen) : [];
  if (after.length === 0) return 'with no sign of health after it.';
  const last = after.reduce((a, b) => (b.lastTime > a.lastTime ? b : a));
  return `and the health seen after it (${last.what}, last at ${when(last.lastTime)}) did not last long enough to count as recovery.`;
}

function whatAt(health: HealthSighting[], at: string): string {
  const h = health.find((s) => s.lastTime >= at && s.time <= at) ?? health.find((s) => s.time >= at);
  return h ? h.what : 'healthy again';
}

/** Attempt ids and counts (once across device and Entra views) on a failing verdict. */
function attach(r: CheckResult, failures: Sighting[]): CheckResult {
  const ids = new Set<string>();
  let confirmed = 0;
  for (const f of failures) {
    const a = (f as { attempt?: { attempt: { id: string; entraState: string } } }).attempt;
    if (!a || ids.has(a.attempt.id)) continue;
    ids.add(a.attempt.id);
    if (a.attempt.entraState === 'matched') confirmed += 1;
  }
  if (ids.size > 0) {
    r.attemptIds = [...ids];
    r.attemptCounts = { total: ids.size, confirmedInEntra: confirmed };
  }
  return r;
}
