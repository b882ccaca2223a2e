// The network check's second source: a live test run from the technician's laptop on the room's network
// (main/network). Pure: LiveNetworkFact[] → a verdict with its own `live:` evidence, kept apart from the device's logs.
import type { CheckResult, CheckStatus, Evidence, LiveTestSection } from '../model/analysis';
import type { LiveEndpointResult, LiveNetworkFact, LiveProblem } from '../model/facts';
import { formatUtc } from '../model/display-format';
import { compareText } from '../model/order';

/** The article's sentence, quoted verbatim (seeds/teams-rooms-resource-account-sign-in-issues.md). */
export const PROXY_AUTH_SENTENCE = "Teams Rooms doesn't support proxy authentication.";

const REMEDY: Partial<Record<LiveProblem, (r: LiveEndpointResult) => string>> = {
  'proxy-auth': () =>
    `"${PROXY_AUTH_SENTENCE}" Let the room's traffic to Microsoft 365 through the proxy without authentication (an allow rule for the room's address or for the Microsoft 365 endpoints), or bypass the proxy for them.`,
  'proxy-failed': (r) => `The proxy refused or could not reach ${r.host}: allow the Microsoft 365 endpoints on the proxy, or bypass it for them.`,
  'tls-inspection': (r) =>
    `Exclude ${r.host} and the other Microsoft 365 endpoints from TLS inspection (issuer seen: ${r.tlsIssuer ?? 'unknown'}); the device fails with 0xCAA82F8F otherwise.`,
  'tls-invalid': (r) => `Check this machine's and the room's clock, and whether something on the network intercepts ${r.host}.`,
  'tls-failed': (r) => `Something on the network ends TLS connections to ${r.host}: check the firewall and proxy.`,
  'captive-portal': () =>
    "Put the room on a network without a captive portal or sign-in page (or exempt the room's address), and make sure the proxy does not answer Microsoft 365 with its own pages (0x8007000D on the device).",
  'unexpected-answer': (r) => `Something other than Microsoft answered for ${r.host}: check the proxy and firewall path.`,
  'clock-skew': () => 'Set the time source (NTP) and time zone right on the Teams Room and on this network: more than 5 minutes of skew breaks sign-in tokens.',
  'dns-failed': (r) => `Make the room's DNS servers resolve ${r.host} (asked: ${r.resolvers.join(', ') || 'the system resolver'}).`,
  'dns-no-answer': (r) => `The DNS servers (${r.resolvers.join(', ') || 'the system resolver'}) did not answer: check DNS on this network and that UDP/TCP 53 is allowed.`,
  'tcp-refused': (r) => `Allow TCP ${r.port} from the room's network to ${r.host}.`,
  'tcp-timeout': (r) => `A firewall drops TCP ${r.port} to ${r.host}: allow it from the room's network.`,
  'http-failed': (r) => `Requests to ${r.host} fail after the connection: check the proxy and firewall.`,
  'media-udp-blocked': () => 'For meetings, allow UDP 3478–3481 to the Teams transport relays (52.112.0.0/14, 52.122.0.0/15); sign-in does not need it.',
  'media-blocked': () => 'For meetings, allow UDP 3478–3481 and TCP 443 to the Teams transport relays (52.112.0.0/14, 52.122.0.0/15); sign-in does not need it.',
};

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
  const remedy = [...new Set(notable.map((r) => (r.problem ? REMEDY[r.problem]?.(r) : undefined)).filter((s): s is string => !!s))];
  if (f.proxy.pac) remedy.push(`A proxy auto-config script (${f.proxy.pac}) is set on this machine and was not evaluated: test again with --proxy set to the proxy it picks.`);
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
  const f = [...facts].sort((a, b) => compareText(a.time, b.time)).at(-1);
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
  const f = [...facts].sort((a, b) => compareText(a.time, b.time)).at(-1);
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
