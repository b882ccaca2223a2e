// The live network test: every endpoint probed in parallel (a few at a time), each step with its own timeout,
// the whole run under one deadline and the caller's AbortSignal. The result is a LiveNetworkFact.
import os from 'node:os';
import type { Evidence } from '../model/analysis';
import type { LiveEndpointResult, LiveNetworkFact } from '../model/facts';
import { DEADLINE, stopReason } from './abort';
import type { Cloud, Endpoint } from './endpoints';
import { liveAdvice } from './advice';
import { blankResult, probeEndpoint } from './endpoint-probe';
import { dnsResolver, type ResolveName } from './probes';
import type { ProxySetting } from './proxy';

export const DEFAULT_STEP_TIMEOUT_MS = 4000;
/** The issue's bound: the whole test within 15 s on a healthy network, and never longer than this anywhere. */
export const DEFAULT_TOTAL_TIMEOUT_MS = 15_000;
export const DEFAULT_CONCURRENCY = 6;

export interface LiveTestOptions {
  cloud: Cloud;
  endpoints: Endpoint[];
  proxy: ProxySetting;
  /** DNS servers to ask instead of the system's ("127.0.0.1:5353"). */
  dnsServers?: string[] | null;
  stepTimeoutMs?: number;
  totalTimeoutMs?: number;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (p: { done: number; total: number; endpoint: LiveEndpointResult }) => void;
  /** Injected in tests. */
  resolve?: ResolveName;
  hostname?: () => string;
  networkInterfaces?: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
}

export function liveInterfaces(list: NodeJS.Dict<os.NetworkInterfaceInfo[]>): LiveNetworkFact['interfaces'] {
  return Object.entries(list).flatMap(([name, infos]) =>
    (infos ?? []).filter((i) => !i.internal).map((i) => ({ name, address: i.cidr ?? i.address, family: String(i.family) })),
  );
}

function unfinished(e: Endpoint, why: 'cancelled' | 'deadline', totalMs: number): LiveEndpointResult {
  return {
    ...blankResult(e),
    problem: why === 'cancelled' ? 'cancelled' : 'timeout',
    message: why === 'cancelled' ? `${e.host}:${e.port} was not tested: the test was cancelled.` : `${e.host}:${e.port} was not tested within the test's ${totalMs / 1000} s limit.`,
  };
}

/** The address this machine's connections left from, and the interface that holds it (the first that opened). */
function routeOf(localAddress: string | null, interfaces: LiveNetworkFact['interfaces']): LiveNetworkFact['route'] {
  if (!localAddress) return null;
  const bare = localAddress.replace(/^::ffff:/i, '');
  return { localAddress: bare, interface: interfaces.find((i) => i.address.split('/')[0] === bare)?.name ?? null };
}

/** Only positive evidence passes: every required endpoint answered as Microsoft does. */
export function overallVerdict(results: LiveEndpointResult[], endpoints: Endpoint[]): LiveNetworkFact['verdict'] {
  const required = new Set(endpoints.filter((e) => e.required).map((e) => e.id));
  const req = results.filter((r) => required.has(r.id));
  if (req.some((r) => r.status === 'fail')) return 'fail';
  if (req.length === 0 || req.some((r) => r.status === 'unknown')) return 'unknown';
  if (results.some((r) => r.status === 'warn' || r.status === 'fail')) return 'warn';
  return 'pass';
}

/** Endpoints the run never finished (it stopped first), and why; null when every endpoint was tested. */
function untestedOf(results: LiveEndpointResult[], incomplete: LiveNetworkFact['incomplete']): LiveNetworkFact['untested'] {
  const count = results.filter((r) => r.status === 'unknown' && (r.problem === 'timeout' || r.problem === 'cancelled')).length;
  return incomplete && count > 0 ? { count, reason: incomplete } : null;
}

function untestedClause(untested: LiveNetworkFact['untested'], total: number, totalMs: number): string {
  if (!untested) return '';
  const were = `${untested.count} of ${total} endpoint${total === 1 ? '' : 's'} ${untested.count === 1 ? 'was' : 'were'} not tested`;
  return untested.reason === 'cancelled' ? `${were}: the test was cancelled` : `${were}: the whole test stopped at its ${totalMs / 1000} s limit`;
}

function summarise(verdict: LiveNetworkFact['verdict'], results: LiveEndpointResult[], untested: LiveNetworkFact['untested'], machine: string, totalMs: number): string {
  const failing = results.filter((r) => r.status === 'fail');
  const warnings = results.filter((r) => r.status === 'warn');
  const passed = results.filter((r) => r.status === 'pass').length;
  const from = `from ${machine}`;
  const notTested = untestedClause(untested, results.length, totalMs);
  const also = notTested ? ` (${notTested})` : '';
  if (verdict === 'fail') return `Live test ${from}: ${failing.length} of ${results.length} endpoints fail${also} — ${failing[0]?.message ?? ''}`;
  if (verdict === 'unknown') {
    if (untested?.reason === 'cancelled') return `Live test ${from} was cancelled after ${passed} of ${results.length} endpoints.`;
    if (untested) return `Live test ${from} ran out of time: ${notTested}.`;
    return `Live test ${from}: no endpoint that sign-in needs could be tested.`;
  }
  if (verdict === 'warn') return `Live test ${from}: sign-in endpoints reachable; ${warnings.length} warning${warnings.length === 1 ? '' : 's'}${also} — ${warnings[0]?.message ?? ''}`;
  // Only optional endpoints (the media relay) can be left untested on a pass.
  if (untested) return `Live test ${from}: every endpoint sign-in needs answered as Microsoft does; ${notTested}.`;
  return `Live test ${from}: all ${results.length} endpoints answered as Microsoft does (DNS, TCP, TLS trusted, HTTP, clock).`;
}

/** A tiny pool: runs `work` over `items` with at most `limit` in flight, stopping new work once `signal` aborts. */
async function pool<T, R>(items: T[], limit: number, signal: AbortSignal, work: (item: T, index: number) => Promise<R>): Promise<(R | undefined)[]> {
  const out: (R | undefined)[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length && !signal.aborted) {
      const i = next++;
      out[i] = await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return out;
}

export async function runLiveNetworkTest(opts: LiveTestOptions): Promise<LiveNetworkFact> {
  const totalMs = opts.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
  const stepMs = Math.min(opts.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS, totalMs);
  const started = new Date();
  const t0 = performance.now();
  const run = new AbortController();
  const timer = setTimeout(() => run.abort(DEADLINE), totalMs);
  const onCancel = () => run.abort('cancelled');
  if (opts.signal?.aborted) onCancel();
  opts.signal?.addEventListener('abort', onCancel, { once: true });
  const machine = (opts.hostname ?? os.hostname)();
  const interfaces = liveInterfaces((opts.networkInterfaces ?? os.networkInterfaces)());
  const dnsServers = opts.dnsServers ?? null;
  let localAddress: string | null = null;
  const env = {
    resolve: opts.resolve ?? dnsResolver(dnsServers, stepMs),
    dnsServers,
    proxy: opts.proxy,
    stepTimeoutMs: stepMs,
    signal: run.signal,
    onConnected: (address: string) => (localAddress ??= address),
  };
  let done = 0;
  let results: (LiveEndpointResult | undefined)[];
  try {
    results = await pool(opts.endpoints, opts.concurrency ?? DEFAULT_CONCURRENCY, run.signal, async (e) => {
      const r = await probeEndpoint(e, env);
      opts.onProgress?.({ done: ++done, total: opts.endpoints.length, endpoint: r });
      return r;
    });
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onCancel);
  }
  const incomplete = run.signal.aborted ? stopReason(run.signal) : null;
  const all = opts.endpoints.map((e, i) => results[i] ?? unfinished(e, incomplete ?? 'deadline', totalMs));
  const verdict = overallVerdict(all, opts.endpoints);
  const untested = untestedOf(all, incomplete);
  const summary = summarise(verdict, all, untested, machine, totalMs);
  const durationMs = Math.round(performance.now() - t0);
  const route = routeOf(localAddress, interfaces);
  const evidence: Evidence = {
    source: `live:${machine}`,
    locator: `${opts.cloud} endpoints${opts.proxy.url ? ` through ${opts.proxy.url}` : ''}`,
    time: started.toISOString(),
    excerpt: summary,
    fields: [
      { label: 'Machine', value: machine },
      { label: 'Interfaces', value: interfaces.map((i) => `${i.name} ${i.address}`).join(', ') || 'none' },
      ...(route ? [{ label: 'Left from', value: `${route.localAddress}${route.interface ? ` (${route.interface})` : ''}` }] : []),
      { label: 'Proxy', value: opts.proxy.url ? `${opts.proxy.url} (${opts.proxy.source})` : `none (${opts.proxy.source})` },
      { label: 'Duration', value: `${durationMs} ms` },
    ],
  };
  return {
    kind: 'live-network',
    time: started.toISOString(),
    durationMs,
    machine,
    interfaces,
    route,
    cloud: opts.cloud,
    proxy: { url: opts.proxy.url, source: opts.proxy.source, pac: opts.proxy.pac, notes: opts.proxy.notes },
    verdict,
    summary,
    incomplete,
    endpoints: all,
    untested,
    advice: liveAdvice(all, { proxy: opts.proxy }),
    evidence,
  };
}
