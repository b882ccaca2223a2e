// The resource account's Entra sign-ins: v1.0 (interactive) and beta (non-interactive) over the window,
// plus the sign-in behind each Correlation ID the device logged.
import type { SignInFact, SignInQueryFact } from '../model/facts';
import { odataDate, odataString } from './odata';
import { graphEvidence } from './provenance';
import type { GraphRun } from './graph-run';
import { signInSchema, type GraphSignIn } from './payload-schemas';
import { compareText } from '../model/order';

export const SIGNINS = '/auditLogs/signIns';
const RESOURCE = SIGNINS;
const NEED = 'AuditLog.Read.All and Directory.Read.All, and a role such as Global Reader or Reports Reader';
export const NON_INTERACTIVE = "signInEventTypes/any(t: t eq 'nonInteractiveUser')";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CA_STATUSES = new Set(['success', 'failure', 'notApplied', 'unknownFutureValue']);

export function toSignInFact(row: GraphSignIn): SignInFact {
  const errorCode = row.status.errorCode;
  const interactive = row.isInteractive ?? (row.signInEventTypes ? row.signInEventTypes.includes('interactiveUser') : true);
  const ca = row.conditionalAccessStatus ?? null;
  const reason = row.status.failureReason ?? null;
  const app = [row.appDisplayName, row.resourceDisplayName].filter(Boolean).join(' → ');
  return {
    kind: 'signin',
    time: row.createdDateTime,
    id: row.id,
    errorCode,
    failureReason: reason,
    correlationId: row.correlationId ?? null,
    appDisplayName: row.appDisplayName ?? null,
    resourceDisplayName: row.resourceDisplayName ?? null,
    clientAppUsed: row.clientAppUsed ?? null,
    interactive,
    conditionalAccessStatus: ca && CA_STATUSES.has(ca) ? (ca as SignInFact['conditionalAccessStatus']) : null,
    failedPolicies: (row.appliedConditionalAccessPolicies ?? [])
      .filter((p) => p.result === 'failure')
      .map((p) => p.displayName ?? p.id ?? 'unnamed policy'),
    authenticationRequirement: row.authenticationRequirement ?? null,
    ipAddress: row.ipAddress ?? null,
    userPrincipalName: row.userPrincipalName?.toLowerCase() ?? null,
    location: [row.location?.city, row.location?.state, row.location?.countryOrRegion].filter(Boolean).join(', ') || null,
    additionalDetails: row.status.additionalDetails ?? null,
    caPolicies: (row.appliedConditionalAccessPolicies ?? []).map((p) => ({ id: p.id ?? null, displayName: p.displayName ?? null, result: p.result ?? null })),
    country: row.location?.countryOrRegion ?? null,
    device: row.deviceDetail
      ? {
          deviceId: row.deviceDetail.deviceId ?? null,
          displayName: row.deviceDetail.displayName ?? null,
          operatingSystem: row.deviceDetail.operatingSystem ?? null,
          isCompliant: row.deviceDetail.isCompliant ?? null,
          trustType: row.deviceDetail.trustType ?? null,
        }
      : null,
    signInRisk: row.riskLevelDuringSignIn ?? null,
    evidence: graphEvidence(
      `${RESOURCE}/${row.id}`,
      `correlationId ${row.correlationId ?? 'none'}`,
      row.createdDateTime,
      `errorCode ${errorCode}${reason ? `: ${reason}` : ''}${app ? ` (${app}, ${interactive ? 'interactive' : 'non-interactive'})` : ''}`,
      row,
    ),
  };
}

/**
 * The user's signInActivity (resources/signinactivity.md): lastSuccessfulSignInDateTime is "the date and time of
 * the user's most recent successful interactive or non-interactive sign-in" (kept since December 2023, not
 * backfilled); lastSignInDateTime / lastNonInteractiveSignInDateTime are the last attempts of each kind.
 */
export interface SignInActivity {
  lastSuccessfulSignInDateTime?: string | null;
  lastSuccessfulSignInRequestId?: string | null;
  lastSignInDateTime?: string | null;
  lastNonInteractiveSignInDateTime?: string | null;
}

/**
 * The account's last successful sign-in as a sign-in fact (error code 0), the positive evidence of the all-rooms
 * mode, which reads only failures from the log. Null when Entra has none, or it is outside the window (the
 * per-account path would not have seen it either). Whether it was interactive is read from which "last
 * attempt" time it equals; a room's token refreshes are non-interactive, so that is the default.
 */
export function lastSuccessFact(upn: string, activity: SignInActivity | null | undefined, window: { from: string; to: string }): SignInFact | null {
  const at = activity?.lastSuccessfulSignInDateTime;
  if (!at || Number.isNaN(Date.parse(at)) || at < window.from) return null;
  const interactive = activity.lastSignInDateTime === at && activity.lastNonInteractiveSignInDateTime !== at;
  const id = activity.lastSuccessfulSignInRequestId ?? `lastSuccessfulSignIn-${upn}`;
  return {
    kind: 'signin',
    time: at,
    id,
    errorCode: 0,
    failureReason: null,
    correlationId: null,
    appDisplayName: null,
    resourceDisplayName: null,
    clientAppUsed: null,
    interactive,
    conditionalAccessStatus: null,
    failedPolicies: [],
    authenticationRequirement: null,
    ipAddress: null,
    userPrincipalName: upn.toLowerCase(),
    evidence: graphEvidence(
      `/users/${upn}`,
      'signInActivity.lastSuccessfulSignInDateTime',
      at,
      `Last successful sign-in of ${upn} (${interactive ? 'interactive' : 'interactive or non-interactive'}): ${at}${activity.lastSuccessfulSignInRequestId ? `, request ${activity.lastSuccessfulSignInRequestId}` : ''}`,
      activity,
    ),
  };
}

/** What a sign-in query covered (account, window, counts): the checks' "Checked: Entra sign-in logs …". */
export function signInQueryFact(
  upn: string,
  window: { from: string; to: string },
  locator: string,
  interactive: number,
  nonInteractive: number | null,
  /** What the counts are when they are not every row (the all-rooms mode's failures and last success). */
  what = 'sign-in(s)',
): SignInQueryFact {
  return {
    kind: 'signin-query',
    account: upn,
    from: window.from,
    to: window.to,
    interactive,
    nonInteractive,
    evidence: {
      source: `graph:${RESOURCE}`,
      locator,
      time: null,
      excerpt: `${interactive} interactive${nonInteractive === null ? '' : ` and ${nonInteractive} non-interactive`} ${what} for ${upn} between ${window.from} and ${window.to}`,
    },
  };
}

export interface SignInLimits {
  /** Per query; the newest rows are kept (Graph returns newest first). */
  maxSignIns: number;
  /** $top: Graph's maximum for sign-ins is 1000. */
  pageSize: number;
  maxCorrelationIds: number;
}

export async function readSignIns(
  run: GraphRun,
  upn: string,
  window: { from: string; to: string },
  correlationIds: readonly string[],
  limits: SignInLimits,
): Promise<void> {
  const byId = new Map<string, SignInFact>();
  const add = (rows: GraphSignIn[]): number => {
    let added = 0;
    for (const row of rows) {
      if (byId.has(row.id)) continue;
      byId.set(row.id, toSignInFact(row));
      added++;
    }
    return added;
  };
  const windowFilter = `userPrincipalName eq ${odataString(upn)} and createdDateTime ge ${odataDate(window.from)} and createdDateTime le ${odataDate(window.to)}`;
  const query = (version: 'v1.0' | 'beta', filter: string, cap: number) =>
    run.getAll(run.api(RESOURCE, version).filter(encodeURIComponent(filter)).top(limits.pageSize), signInSchema, cap);
  const noteLimits = (label: string, result: { skipped: number; capped: boolean }): void => {
    if (result.capped) {
      run.warn(`graph:${RESOURCE}`, `Only the newest ${limits.maxSignIns} ${label} in the window were read; older ones were left out. Narrow the time window to see them.`);
    }
    if (result.skipped) run.warn(`graph:${RESOURCE}`, `${result.skipped} ${label} had an unexpected shape and were skipped.`);
  };

  run.begin('sign-ins');
  const interactive = await run.attempt(`graph:${RESOURCE}`, 'Sign-in logs', NEED, () => query('v1.0', windowFilter, limits.maxSignIns));
  if (!interactive) {
    // Non-interactive and correlation lookups hit the same endpoint: they would fail the same way.
    run.facts.push(...byId.values());
    return;
  }
  run.sources.graphSignIns = true;
  add(interactive.items);
  noteLimits('interactive sign-ins', interactive);

  run.begin('non-interactive-sign-ins');
  const nonInteractive = await run.attempt(`graph:/beta${RESOURCE}`, 'Non-interactive sign-in logs (beta)', NEED, () =>
    query('beta', `${windowFilter} and ${NON_INTERACTIVE}`, limits.maxSignIns),
  );
  if (nonInteractive) {
    add(nonInteractive.items);
    noteLimits('non-interactive sign-ins', nonInteractive);
  }

  run.facts.push(signInQueryFact(upn, window, windowFilter, interactive.items.length, nonInteractive ? nonInteractive.items.length : null));

  run.begin('correlation-ids');
  const known = new Set([...byId.values()].map((f) => f.correlationId?.toLowerCase()));
  const wanted = [...new Set(correlationIds.map((c) => c.trim().toLowerCase()))].filter((c) => !known.has(c));
  const malformed = wanted.filter((c) => !GUID.test(c));
  if (malformed.length) run.warn(`graph:${RESOURCE}`, `Skipped ${malformed.length} Correlation ID(s) that are not GUIDs: ${malformed.slice(0, 3).join(', ')}.`);
  const lookups = wanted.filter((c) => GUID.test(c));
  if (lookups.length > limits.maxCorrelationIds) {
    run.warn(`graph:${RESOURCE}`, `Looked up the first ${limits.maxCorrelationIds} of ${lookups.length} Correlation IDs from the device logs.`);
  }
  let done = 0;
  for (const id of lookups.slice(0, limits.maxCorrelationIds)) {
    // Filtered by the account too: a Correlation ID lookup never brings in another account's row.
    const filter = `correlationId eq ${odataString(id)} and userPrincipalName eq ${odataString(upn)}`;
    const found =
      (await run.attempt(`graph:${RESOURCE}`, `The sign-in with Correlation ID ${id}`, NEED, async () => {
        const direct = await query('v1.0', filter, 50);
        return direct.items.length ? direct : query('beta', `${filter} and ${NON_INTERACTIVE}`, 50);
      })) ?? null;
    done++;
    run.progress(done, { total: Math.min(lookups.length, limits.maxCorrelationIds) });
    // A miss is judged by the analysis, which knows the attempt's age (sign-in logs arrive minutes late).
    if (found) add(found.items.filter((r) => !r.userPrincipalName || r.userPrincipalName.toLowerCase() === upn.toLowerCase()));
  }
  run.facts.push(...[...byId.values()].sort((a, b) => compareText(a.time, b.time)));
}
