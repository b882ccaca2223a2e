// `mtr-doctor network`: test, from this machine, whether the network it is on lets a Teams Room sign in.
// parse → run → render, like the other commands; the engine is main/network.
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import type { LiveNetworkFact } from '../model/facts';
import {
  CLOUDS,
  type Cloud,
  DEFAULT_STEP_TIMEOUT_MS,
  DEFAULT_TOTAL_TIMEOUT_MS,
  discoverProxy,
  endpointsFor,
  EndpointsFileError,
  mergeEndpoints,
  readEndpointsFile,
  runLiveNetworkTest,
} from '../network';
import { formatUtc } from '../model/display-format';
import { UsageError, type CliCommand } from './command';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, writeLine, type CliIo } from './io';

export const NETWORK_USAGE =
  'mtr-doctor network [--cloud global|usgov|dod|china] [--proxy URL|--no-proxy] [--endpoints FILE] [--dns SERVER[,SERVER]]\n' +
  '                     [--format text|json] [--timeout-ms N] [--total-ms N]';

export interface NetworkArgs {
  cloud: Cloud;
  proxy: string | null;
  noProxy: boolean;
  endpointsFile: string | null;
  dnsServers: string[] | null;
  format: 'text' | 'json';
  stepTimeoutMs: number;
  totalTimeoutMs: number;
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive whole number of milliseconds, not "${raw}"`);
  return n;
}

/** A DNS server as Resolver.setServers takes it: an address, "address:port" or "[IPv6]:port". Names are not (they would need DNS). */
function dnsServer(raw: string): string {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(raw);
  const plain = bracketed ? null : /^([^:]+)(?::(\d+))?$/.exec(raw);
  const [address, port] = bracketed ? [bracketed[1], bracketed[2]] : plain ? [plain[1], plain[2]] : [raw, undefined];
  const portOk = port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
  if (isIP(address ?? '') === 0 || !portOk) {
    throw new UsageError(`--dns takes DNS server addresses (10.0.0.53, 10.0.0.53:5353 or [2001:db8::53]:53), not "${raw}"`);
  }
  return raw;
}

export function parseNetworkArgs(argv: string[]): NetworkArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      cloud: { type: 'string', default: 'global' },
      proxy: { type: 'string' },
      'no-proxy': { type: 'boolean', default: false },
      endpoints: { type: 'string' },
      dns: { type: 'string' },
      format: { type: 'string', default: 'text' },
      'timeout-ms': { type: 'string' },
      'total-ms': { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!(CLOUDS as readonly string[]).includes(values.cloud)) throw new UsageError(`--cloud must be one of ${CLOUDS.join(', ')}, not "${values.cloud}"`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
  if (values.proxy && values['no-proxy']) throw new UsageError('--proxy and --no-proxy cannot be used together');
  return {
    cloud: values.cloud as Cloud,
    proxy: values.proxy ?? null,
    noProxy: values['no-proxy'],
    endpointsFile: values.endpoints ?? null,
    dnsServers: values.dns !== undefined ? values.dns.split(',').map((s) => dnsServer(s.trim())) : null,
    format: values.format,
    stepTimeoutMs: positiveInt('--timeout-ms', values['timeout-ms'], DEFAULT_STEP_TIMEOUT_MS),
    totalTimeoutMs: positiveInt('--total-ms', values['total-ms'], DEFAULT_TOTAL_TIMEOUT_MS),
  };
}

const MARK = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', unknown: '----' } as const;

export function renderNetworkText(f: LiveNetworkFact): string {
  const lines: string[] = [];
  lines.push(`Live network test from ${f.machine}, ${formatUtc(f.time)} (${f.durationMs} ms), ${f.cloud} endpoints`);
  lines.push(`Interfaces: ${f.interfaces.map((i) => `${i.name} ${i.address}`).join(', ') || 'none'}`);
  if (f.route) lines.push(`Left from: ${f.route.localAddress}${f.route.interface ? ` (${f.route.interface})` : ''}`);
  lines.push(`Proxy: ${f.proxy.url ?? 'none'} (${f.proxy.source})`);
  for (const n of f.proxy.notes) lines.push(`  ${n}`);
  lines.push('');
  for (const r of f.endpoints) {
    lines.push(`${MARK[r.status]}  ${r.service.padEnd(12)} ${r.host}:${r.port}  ${r.message}`);
    for (const s of r.steps) lines.push(`        ${s.step.padEnd(5)} ${s.status.padEnd(7)} ${String(s.ms).padStart(5)} ms  ${s.detail}`);
  }
  lines.push('', `Verdict: ${MARK[f.verdict]} — ${f.summary}`);
  // The fact's own advice: the JSON output carries the very same sentences.
  if (f.advice.length > 0) {
    lines.push('What to do:');
    f.advice.forEach((a, i) => lines.push(`  ${i + 1}. ${a.text}`));
  }
  return `${lines.join('\n')}\n`;
}

export function networkExitCode(f: LiveNetworkFact): number {
  if (f.verdict === 'fail' || (f.verdict === 'unknown' && f.incomplete === 'deadline')) return EXIT_FINDINGS;
  if (f.verdict === 'unknown') return EXIT_BAD_INPUT;
  return EXIT_OK;
}

/** Resolves the endpoint list and the proxy, runs the test, renders it. Ctrl+C cancels and still prints what was found. */
export async function runNetwork(args: NetworkArgs, io: CliIo, signal?: AbortSignal): Promise<number> {
  let endpoints;
  let proxy;
  try {
    endpoints = mergeEndpoints(endpointsFor(args.cloud), args.endpointsFile ? await readEndpointsFile(args.endpointsFile) : null);
    proxy = await discoverProxy({ proxy: args.proxy, noProxy: args.noProxy });
  } catch (err) {
    writeLine(io.stderr, `mtr-doctor network: ${err instanceof EndpointsFileError ? err.message : (err as Error).message}`);
    return EXIT_BAD_INPUT;
  }
  if (endpoints.length === 0) {
    writeLine(io.stderr, `mtr-doctor network: ${args.endpointsFile}: the endpoint list is empty`);
    return EXIT_BAD_INPUT;
  }
  const cancel = new AbortController();
  const onSigint = () => cancel.abort();
  if (!signal) process.once('SIGINT', onSigint);
  try {
    const fact = await runLiveNetworkTest({
      cloud: args.cloud,
      endpoints,
      proxy,
      dnsServers: args.dnsServers,
      stepTimeoutMs: args.stepTimeoutMs,
      totalTimeoutMs: args.totalTimeoutMs,
      signal: signal ?? cancel.signal,
      onProgress: args.format === 'text' ? ({ done, total, endpoint }) => io.stderr.write(`[${done}/${total}] ${endpoint.host}:${endpoint.port} ${endpoint.status}\n`) : undefined,
    });
    io.stdout.write(args.format === 'json' ? `${JSON.stringify(fact, null, 2)}\n` : renderNetworkText(fact));
    return networkExitCode(fact);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

export const networkCommand: CliCommand<NetworkArgs> = {
  name: 'network',
  usage: NETWORK_USAGE,
  parse: parseNetworkArgs,
  run: (args, io) => runNetwork(args, io),
};
