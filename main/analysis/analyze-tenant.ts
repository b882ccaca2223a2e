// The Graph path: the resource account's sign-ins and settings from Microsoft Graph, alone or merged with
// a bundle's evidence, through the same seven checks.
import type { AuthProvider } from '../auth/provider';
import type { CloudId } from '../auth/cloud';
import type { BundleEvidence } from '../evidence/from-bundle';
import { collectGraphFacts } from '../graph';
import type { GraphProgress } from '../graph/graph-run';
import type { AnalysisResult } from '../model/analysis';
import type { AadErrorFact, Fact, HeartbeatFact } from '../model/facts';
import { assemble } from './assemble';
import { sourcesText } from './analyze-bundle';
import { linkCorrelations } from './correlate';

const DAY = 86_400_000;
/** Entra keeps sign-in logs 30 days (P1/P2). */
const RETENTION_DAYS = 30;

export interface TenantAnalysisInput {
  auth: Pick<AuthProvider, 'getAccessToken'>;
  cloud?: CloudId;
  /** A custom Graph URL instead of the cloud's (only its origin counts). */
  graphUrl?: string;
  /** The resource account; when omitted, the bundle's heartbeat Alias. */
  account?: string | null;
  /** Days back from now when there is no bundle to take the window from. */
  days?: number;
  bundle?: { name: string; evidence: BundleEvidence };
  tenantName: string;
  now?: Date;
  signal?: AbortSignal;
  onProgress?: (p: GraphProgress) => void;
}

/** The account a bundle is about: the latest heartbeat's Alias. */
export function accountFromBundle(facts: Fact[]): string | null {
  const beats = facts.filter((f): f is HeartbeatFact => f.kind === 'heartbeat' && !!f.alias).sort((a, b) => a.time.localeCompare(b.time));
  return beats.at(-1)?.alias ?? null;
}

/** The bundle's own period (an hour either side), else the last `days`; never older than retention. */
export function graphWindow(now: Date, facts: Fact[] | null, days = 7): { from: string; to: string } {
  const times = (facts ?? []).map((f) => ('time' in f ? f.time : null)).filter((t): t is string => !!t).sort();
  const oldest = now.getTime() - RETENTION_DAYS * DAY;
  if (times.length > 0) {
    const from = Math.max(Date.parse(times[0] as string) - 3_600_000, oldest);
    const to = Math.min(Date.parse(times.at(-1) as string) + 3_600_000, now.getTime());
    if (from < to) return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  }
  return { from: new Date(Math.max(now.getTime() - days * DAY, oldest)).toISOString(), to: now.toISOString() };
}

export class MissingAccountError extends Error {
  constructor() {
    super('Which resource account? Type its UPN (room@contoso.com); no bundle heartbeat names it.');
  }
}

export async function analyzeTenant(input: TenantAnalysisInput): Promise<AnalysisResult> {
  const now = input.now ?? new Date();
  const bundleFacts = input.bundle?.evidence.facts ?? [];
  const account = input.account?.trim() || accountFromBundle(bundleFacts);
  if (!account) throw new MissingAccountError();
  const correlationIds = [...new Set(bundleFacts.filter((f): f is AadErrorFact => f.kind === 'aad-error' && !!f.correlationId).map((f) => f.correlationId as string))];
  const graph = await collectGraphFacts({
    auth: input.auth,
    cloud: input.graphUrl ? undefined : (input.cloud ?? 'global'),
    graphUrl: input.graphUrl,
    account,
    window: graphWindow(now, input.bundle ? bundleFacts : null, input.days),
    // Newest first: the most recent failures are the ones worth matching.
    correlationIds: correlationIds.reverse(),
    signal: input.signal,
    onProgress: input.onProgress,
  });
  const facts = [...bundleFacts, ...graph.facts];
  const links = linkCorrelations(facts);
  const sources = [...(input.bundle ? sourcesText(input.bundle.evidence) : []), `Microsoft Graph for ${account} in ${input.tenantName}`];
  if (links.matched > 0) sources.push(`${links.matched} device attempt(s) matched to Entra sign-ins by Correlation ID`);
  return assemble({
    input: {
      kind: input.bundle ? 'bundle+tenant' : 'tenant',
      name: input.bundle ? `${input.bundle.name} + ${input.tenantName}` : input.tenantName,
      sources,
    },
    facts,
    sources: { ...input.bundle?.evidence.sources, ...graph.sources },
    warnings: [...(input.bundle?.evidence.warnings ?? []), ...graph.warnings],
    account,
    now,
  });
}
