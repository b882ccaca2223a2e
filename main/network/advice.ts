// What to do after a live test: one piece of advice per cause, naming every host that showed it. The sentences
// are data (data/advice.json); the text output, the JSON and the network check all print these same strings.
import { z } from 'zod';
import type { LiveAdvice, LiveEndpointResult, LiveNetworkFact, LiveProblem } from '../model/facts';
import adviceJson from './data/advice.json';

type Cause = Exclude<LiveProblem, 'timeout' | 'cancelled'> | 'proxy-pac';
const CAUSES = [
  'proxy-auth', 'proxy-failed', 'captive-portal', 'tls-inspection', 'tls-invalid', 'tls-failed', 'blackhole', 'tcp-refused', 'clock-skew',
  'dns-failed', 'dns-refused', 'dns-no-answer', 'unexpected-answer', 'http-failed', 'media-udp-blocked', 'media-blocked', 'proxy-pac',
] as const satisfies readonly Cause[];

const tableSchema = z.object({
  source: z.object({ note: z.string(), urls: z.array(z.url()).min(1) }),
  proxyAuthSentence: z.string().min(1),
  causes: z.object(Object.fromEntries(CAUSES.map((c) => [c, z.string().min(1)])) as Record<Cause, z.ZodString>).strict(),
});

let cached: z.infer<typeof tableSchema> | null = null;
function table(): z.infer<typeof tableSchema> {
  cached ??= tableSchema.parse(adviceJson);
  return cached;
}

/** The sign-in article's sentence, quoted verbatim in the proxy-authentication advice. */
export function proxyAuthSentence(): string {
  return table().proxyAuthSentence;
}

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

function skewWords(results: readonly LiveEndpointResult[]): string {
  const worst = results.map((r) => r.clockSkewSeconds).filter((s): s is number => s !== null).sort((a, b) => Math.abs(b) - Math.abs(a))[0];
  if (worst === undefined) return 'off from';
  const minutes = Math.round(Math.abs(worst) / 60);
  // The server's clock minus ours: a positive skew means this machine is behind.
  return `${minutes} minute${minutes === 1 ? '' : 's'} ${worst > 0 ? 'behind' : 'ahead of'}`;
}

function fill(template: string, results: readonly LiveEndpointResult[], f: Pick<LiveNetworkFact, 'proxy'>): string {
  const values: Record<string, string> = {
    proxyAuthSentence: table().proxyAuthSentence,
    hosts: listed(unique(results.map((r) => r.host))),
    ports: listed(unique(results.map((r) => String(r.port)))),
    issuers: listed(unique(results.map((r) => r.tlsIssuer).filter((s): s is string => !!s))) || 'unknown',
    resolvers: listed(unique(results.flatMap((r) => r.resolvers))) || 'the system resolver',
    proxy: f.proxy.url ?? 'none',
    pac: f.proxy.pac ?? '',
    skew: skewWords(results),
  };
  return template.replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m);
}

/** Failures before warnings; within each, in the order the endpoints are listed. */
export function liveAdvice(endpoints: readonly LiveEndpointResult[], f: Pick<LiveNetworkFact, 'proxy'>): LiveAdvice[] {
  const causes = table().causes;
  const byCause = new Map<Cause, LiveEndpointResult[]>();
  for (const status of ['fail', 'warn'] as const) {
    for (const r of endpoints) {
      if (r.status !== status || !r.problem || r.problem === 'timeout' || r.problem === 'cancelled') continue;
      byCause.set(r.problem, [...(byCause.get(r.problem) ?? []), r]);
    }
  }
  const advice = [...byCause].map(([cause, results]) => ({ cause, text: fill(causes[cause], results, f), hosts: unique(results.map((r) => r.host)) }));
  if (f.proxy.pac) advice.push({ cause: 'proxy-pac', text: fill(causes['proxy-pac'], [], f), hosts: [] });
  return advice;
}
