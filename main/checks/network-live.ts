// The network check's second source: a live test run from the technician's laptop on the room's network
// (main/network). Pure: LiveNetworkFact[] → a verdict with its own `live:` evidence, kept apart from the device's logs.
import type { CheckResult, CheckStatus, Evidence } from '../model/analysis';
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

/** The latest live test's verdict, or null when no live test was run. */
export function assessLiveNetwork(facts: readonly LiveNetworkFact[]): LiveAssessment | null {
  const f = [...facts].sort((a, b) => compareText(a.time, b.time)).at(-1);
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

/**
 * Adds the live test to the device-log verdict as separate evidence. A live failure fails the check; a live pass
 * settles a check the logs left unknown (positive evidence, from this network, now) but never clears the
 * device's own failures, which may come from another network or another time.
 */
export function withLiveNetwork(base: CheckResult, facts: readonly LiveNetworkFact[]): CheckResult {
  const live = assessLiveNetwork(facts);
  if (!live) return base;
  const status = RANK[live.status] > RANK[base.status] ? live.status : base.status;
  const changed = status !== base.status;
  const out: CheckResult = {
    ...base,
    status,
    summary: `${base.summary} ${live.summary}`,
    evidence: [...base.evidence, ...live.evidence],
    remedy: [...live.remedy, ...base.remedy.filter((s) => !live.remedy.includes(s))],
    reason: changed ? { code: status === 'pass' ? 'healthy' : status === 'fail' ? 'failing' : 'risk', text: live.summary } : base.reason,
  };
  if (changed) delete out.missingSource;
  // The customer's sentence, when only the live test found the problem.
  if (changed && (status === 'fail' || status === 'warn') && !out.action && live.remedy[0]) out.action = `A live test of the room's network found a problem. ${live.remedy[0]}`;
  return out;
}
