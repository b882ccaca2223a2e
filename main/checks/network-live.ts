// The network check's second source: a live test run from the technician's laptop on the room's network
// (main/network). Pure: LiveNetworkFact[] → a verdict with its own `live:` evidence, kept apart from the device's logs.
import type { CheckResult, CheckStatus, Evidence, LiveTestSection } from '../model/analysis';
import type { LiveEndpointResult, LiveNetworkFact } from '../model/facts';
import { formatUtc } from '../model/display-format';
import { compareText } from '../model/order';

export interface LiveAssessment {
  status: CheckStatus;
  summary: string;
  evidence: Evidence[];
  remedy: string[];
}

function endpointEvidence(f: LiveNetworkFact, r: LiveEndpointResult): Evidence {
  const fields = [
    { label: 'Endpoint', value: `${r.host}:${r.port}` },
    ...(r.addresses.length ? [{ label: 'Address', value: r.addresses.join(', ') }] : []),
    ...(r.resolvers.length ? [{ label: 'DNS servers', value: r.resolvers.join(', ') }] : []),
    ...(r.tlsIssuer ? [{ label: 'Certificate issuer', value: `${r.tlsIssuer}${r.tlsTrusted ? ' (trusted)' : ' (not trusted)'}` }] : []),
    ...(r.httpStatus !== null ? [{ label: 'HTTP status', value: String(r.httpStatus) }] : []),
    ...(r.clockSkewSeconds !== null ? [{ label: 'Clock skew', value: `${r.clockSkewSeconds} s` }] : []),
  ];
  return {
    source: `live:${f.machine}`,
    locator: `${r.service} ${r.host}:${r.port}`,
    time: f.time,
    excerpt: r.message,
    raw: r.steps.map((s) => `${s.step.padEnd(5)} ${s.status.padEnd(7)} ${String(s.ms).padStart(5)} ms  ${s.detail}`).join('\n'),
    fields,
  };
}

/** The session's latest test: the one every verdict and section speaks of. */
function latestTest(facts: readonly LiveNetworkFact[]): LiveNetworkFact | undefined {
  return [...facts].sort((a, b) => compareText(a.time, b.time)).at(-1);
}

/** The latest live test's verdict, or null when no live test was run. */
export function assessLiveNetwork(facts: readonly LiveNetworkFact[]): LiveAssessment | null {
  const f = latestTest(facts);
  if (!f) return null;
  const notable = f.endpoints.filter((r) => r.status !== 'pass');
  // The advice was written once, with the test (main/network/advice.ts): one sentence per cause, its hosts named.
  const remedy = (f.advice ?? []).map((a) => a.text);
  return {
    status: f.verdict,
    summary: `${f.summary} (${formatUtc(f.time)})`,
    evidence: [f.evidence, ...notable.map((r) => endpointEvidence(f, r))],
    remedy,
  };
}

/** Status order for joining device and live verdicts: a failure from either source stands. */
const RANK: Record<CheckStatus, number> = { unknown: 0, pass: 1, warn: 2, fail: 3 };

const SHOWS: Record<CheckStatus, string> = { pass: 'healthy', fail: 'failing', warn: 'a warning', unknown: 'undecided' };

/** The newest time the device's own evidence speaks for this check (failures, recovery or health). */
function deviceLast(base: CheckResult): string | null {
  return [base.lastSeen, base.recoveredAt, base.lastHealthy].filter((t): t is string => !!t).sort().at(-1) ?? null;
}

function ago(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  if (hours < 1) return 'less than an hour';
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  return `${Math.round(hours / 24)} days`;
}

/** Which is newer, the room's own evidence or the test, and what each shows: one sentence. */
export function compareLive(base: CheckResult, f: LiveNetworkFact): string {
  const last = deviceLast(base);
  const test = `this test (${formatUtc(f.time)}) shows ${SHOWS[f.verdict]}`;
  if (!last) return `The room's own evidence says nothing dated about its network; ${test}.`;
  const diff = Date.parse(f.time) - Date.parse(last);
  const order = diff >= 0 ? `${ago(diff)} newer` : `${ago(-diff)} older`;
  return `The room's own evidence ends ${formatUtc(last)} and shows ${SHOWS[base.status]}; ${test}, ${order}.`;
}

/** The sheet's section for the latest live test: provenance, what it found, and whether it was used. */
export function liveTestSection(base: CheckResult, facts: readonly LiveNetworkFact[]): LiveTestSection | null {
  const f = latestTest(facts);
  const live = assessLiveNetwork(facts);
  if (!f || !live) return null;
  const proxy = f.proxy.url ? `${f.proxy.url} (${f.proxy.source})` : `none (${f.proxy.source})`;
  return {
    time: f.time,
    machine: f.machine,
    interfaces: f.interfaces.map((i) => `${i.name} ${i.address}`),
    proxy,
    verdict: f.verdict,
    summary: f.summary,
    onRoomNetwork: f.onRoomNetwork === true,
    comparison: `${compareLive(base, f)} ${f.onRoomNetwork ? 'The technician confirmed the laptop was on the room\'s network, so the test counts in the network check.' : 'The laptop was not confirmed to be on the room\'s network, so the test does not change the network check.'}`,
    remedy: live.remedy,
  };
}

/**
 * Adds the live test to the device-log verdict. Unconfirmed (the laptop may be on another network, months
 * later), it is only shown: its overall evidence joins, the verdict stays the device's. Confirmed on the
 * room's network, a live failure fails the check and a live pass settles a check the logs left unknown (positive
 * evidence, from this network, now) but never clears the device's own failures, which may come from another
 * time; the summary says which is newer and what each shows.
 */
export function withLiveNetwork(base: CheckResult, facts: readonly LiveNetworkFact[]): CheckResult {
  const live = assessLiveNetwork(facts);
  const f = latestTest(facts);
  if (!live || !f) return base;
  if (!f.onRoomNetwork) {
    return {
      ...base,
      summary: `${base.summary} A live test from this laptop (${formatUtc(f.time)}) shows ${SHOWS[f.verdict]}; it does not change this verdict: the laptop was not confirmed to be on the room's network.`.trim(),
      evidence: [...base.evidence, f.evidence],
    };
  }
  const status = RANK[live.status] > RANK[base.status] ? live.status : base.status;
  const changed = status !== base.status;
  const out: CheckResult = {
    ...base,
    status,
    summary: `${base.summary} ${compareLive(base, f)}`.trim(),
    evidence: [...base.evidence, ...live.evidence],
    remedy: [...live.remedy, ...base.remedy.filter((s) => !live.remedy.includes(s))],
    reason: changed ? { code: status === 'pass' ? 'healthy' : status === 'fail' ? 'failing' : 'risk', text: live.summary } : base.reason,
  };
  if (changed) delete out.missingSource;
  // The customer's sentence, when only the live test found the problem.
  if (changed && (status === 'fail' || status === 'warn') && !out.action && live.remedy[0]) out.action = `A live test of the room's network found a problem. ${live.remedy[0]}`;
  return out;
}
