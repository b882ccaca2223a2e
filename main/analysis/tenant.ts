// The Graph path: the resource account's sign-ins and settings from Microsoft Graph, alone or merged with
// a bundle's evidence, through the same seven checks.
import type { AuthProvider } from '../auth/provider';
import { DEFAULT_SIGNIN_LOG_DELAY_MINUTES } from '../checks/attempts';
import type { CloudId } from '../auth/cloud';
import type { BundleEvidence } from '../evidence/from-bundle';
import { collectGraphFacts } from '../graph';
import type { GraphProgress } from '../graph/graph-run';
import type { AnalysisResult } from '../model/analysis';
import { formatCount } from '../model/display-format';
import { accountView, isCurrentFact } from '../checks/account-view';
import type { AadErrorFact, Fact } from '../model/facts';
import { assemble, type LiveNetworkInput } from './assemble';
import { bundleParts, sourcesText } from './bundle';
import { countLinks } from './correlate';

const DAY = 86_400_000;
/** Entra keeps sign-in logs 30 days (P1/P2). */
const RETENTION_DAYS = 30;

/** The one tenant input: a single account (analyse), or every room of the tenant (tenant-rooms.ts). */
export interface TenantInput {
  auth: Pick<AuthProvider, 'getAccessToken'>;
  /** The tenant's cloud, or a custom Graph URL (a test tenant, a private cloud): see auth/cloud.ts graphOrigin. */
  cloud?: CloudId;
  graphUrl?: string;
  /** Shown in the result ("mixed.zip + contoso.com"). */
  tenantName: string;
  /** The resource account; when omitted, the bundle's current account (single account only). */
  account?: string | null;
  /** Days back from now when there is no bundle to take the window from (1–30). */
  days?: number;
  /** Read per-user MFA (beta, needs UserAuthenticationMethod.Read.All): only when asked. */
  perUserMfa?: boolean;
  /** Sign-in logs arrive this many minutes late: newer device attempts are "not yet in Entra". */
  signInLogDelayMinutes?: number;
}

/** What goes with the tenant in one analysis: a bundle's evidence, a live test, the clock and the job's hooks. */
export interface TenantContext {
  bundle?: { name: string; evidence: BundleEvidence };
  liveNetwork?: LiveNetworkInput | null;
  now?: Date;
  signal?: AbortSignal;
  onProgress?: (p: GraphProgress) => void;
}

/** The account a bundle is about: the one the device uses now (heartbeat or 3000/3001/4000 Alias, AAD UPN, Teams log). */
export function accountFromBundle(facts: Fact[]): string | null {
  const view = accountView(facts, null);
  return view.current && view.current.includes('@') ? view.current : null;
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

export async function analyseTenant(input: TenantInput, job: TenantContext = {}): Promise<AnalysisResult> {
  const now = job.now ?? new Date();
  const bundleFacts = job.bundle?.evidence.facts ?? [];
  const account = input.account?.trim() || accountFromBundle(bundleFacts);
  if (!account) throw new MissingAccountError();
  // Only the current account's attempts are looked up: an earlier account's are history.
  const view = accountView(bundleFacts, account);
  const correlationIds = [
    ...new Set(bundleFacts.filter((f): f is AadErrorFact => f.kind === 'aad-error' && f.origin === 'app' && !!f.correlationId && isCurrentFact(view, f)).map((f) => f.correlationId as string)),
  ];
  const graph = await collectGraphFacts({
    auth: input.auth,
    cloud: input.graphUrl ? undefined : (input.cloud ?? 'global'),
    graphUrl: input.graphUrl,
    account,
    window: graphWindow(now, job.bundle ? bundleFacts : null, input.days),
    // Newest first: the most recent failures are the ones worth matching.
    correlationIds: view.mismatch ? [] : correlationIds.reverse(),
    perUserMfa: input.perUserMfa ?? false,
    signal: job.signal,
    onProgress: job.onProgress,
  });
  const facts = [...bundleFacts, ...graph.facts];
  const sources = [...(job.bundle ? sourcesText(job.bundle.evidence) : []), `Microsoft Graph for ${account} in ${input.tenantName}`];
  const parts = job.bundle ? bundleParts(job.bundle.evidence) : null;
  const delay = input.signInLogDelayMinutes ?? DEFAULT_SIGNIN_LOG_DELAY_MINUTES;
  const result = assemble({
    input: {
      kind: job.bundle ? 'bundle+tenant' : 'tenant',
      name: job.bundle ? `${job.bundle.name} + ${input.tenantName}` : input.tenantName,
      sources,
    },
    ...parts,
    facts,
    sources: { ...job.bundle?.evidence.sources, ...graph.sources },
    warnings: [...(job.bundle?.evidence.warnings ?? []), ...graph.warnings],
    account,
    now,
    graphReadAt: now.toISOString(),
    signInLogDelayMinutes: delay,
    // A tenant was read: the run evaluated something even when the bundle held nothing.
    nothingToAnalyse: null,
    liveNetwork: job.liveNetwork,
  });
  const links = countLinks(result.attempts ?? []);
  if (links.matched > 0) result.input.sources.push(`${formatCount(links.matched)} device attempt(s) confirmed in Entra sign-ins by Correlation ID`);
  if (links.unmatched > 0) {
    result.warnings.push({ source: 'graph:/auditLogs/signIns', message: `${formatCount(links.unmatched)} device attempt(s) have no Entra sign-in with their Correlation ID: they did not reach Entra, or they are older than the sign-in log retention.` });
  }
  if (links.notYet > 0) {
    result.warnings.push({ source: 'graph:/auditLogs/signIns', message: `${formatCount(links.notYet)} device attempt(s) are newer than the sign-in log delay (${delay} minutes) and are not in Entra yet: that is expected, not evidence.` });
  }
  return result;
}
