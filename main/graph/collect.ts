// Everything Microsoft Graph can tell about one resource account, as Facts for the seven checks.
// Each resource is read on its own: a 403 on one (non-premium tenant, a missing permission) becomes a
// SourceProblemFact + warning and the others are still read; cancellation and sign-in problems stop the run.
import { z } from 'zod';
import type { Sleep } from '../model/cancellation';
import { CLOUD_IDS, graphOrigin, type CloudId } from '../auth/cloud';
import type { AuthProvider } from '../auth/provider';
import type { Warning } from '../model/analysis';
import type { Fact, SourcePresence } from '../model/facts';
import { readAccount } from './account';
import { readConditionalAccess } from './read-conditional-access';
import { readLicenses } from './licenses';
import { readMailbox } from './read-mailbox';
import { readMfaSettings } from './read-mfa-settings';
import { startGraphRun, type GraphProgress } from './graph-run';
import { readSignIns } from './signins';

export interface CollectGraphOptions {
  auth: Pick<AuthProvider, 'getAccessToken'>;
  /** The tenant's cloud (its Graph host is used) … */
  cloud?: CloudId;
  /** … or a custom Graph URL (a test tenant on https://127.0.0.1:8443); only its origin counts (auth/cloud.ts graphOrigin). One of the two. */
  graphUrl?: string;
  /** Token scopes; the auth provider's defaults when omitted. */
  scopes?: readonly string[];
  /** The resource account's UPN. */
  account: string;
  window: { from: string; to: string };
  /** Correlation IDs from the device logs, each looked up in the sign-in logs. */
  correlationIds?: readonly string[];
  signal?: AbortSignal;
  onProgress?: (progress: GraphProgress) => void;
  /** Per sign-in query (default 5000); a warning says when it was reached. */
  maxSignIns?: number;
  /** $top for sign-ins (default and Graph maximum: 1000). */
  pageSize?: number;
  /** Default 25. */
  maxCorrelationIds?: number;
  /** Read per-user MFA (beta, needs UserAuthenticationMethod.Read.All): only when asked. */
  perUserMfa?: boolean;
  /** Retries for 429/5xx (default 5, Retry-After honoured up to 120 s); `sleep` is injectable for tests. */
  retry?: { maxRetries?: number; maxDelaySeconds?: number; sleep?: Sleep };
}

export interface GraphCollection {
  facts: Fact[];
  /** Which Graph sources were actually read. */
  sources: Partial<SourcePresence>;
  warnings: Warning[];
}

const optionsSchema = z
  .object({
    cloud: z.enum(CLOUD_IDS).optional(),
    graphUrl: z.string().regex(/^https:\/\//, 'an https URL').optional(),
    account: z.string().trim().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'a user principal name such as room@contoso.com'),
    window: z
      .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
      .refine((w) => Date.parse(w.from) <= Date.parse(w.to), 'the window must start before it ends'),
    maxSignIns: z.number().int().positive().optional(),
    pageSize: z.number().int().min(1).max(1000).optional(),
    maxCorrelationIds: z.number().int().nonnegative().optional(),
  })
  .refine((o) => !!o.cloud !== !!o.graphUrl, 'give either cloud or graphUrl');

export async function collectGraphFacts(options: CollectGraphOptions): Promise<GraphCollection> {
  const checked = optionsSchema.parse(options);
  const upn = checked.account;
  const graphUrl = graphOrigin({ cloud: checked.cloud, graphUrl: checked.graphUrl });
  const run = startGraphRun({ auth: options.auth, graphUrl, scopes: options.scopes, signal: options.signal, retry: options.retry, onProgress: options.onProgress });

  const user = await readAccount(run, upn);
  const limits = { maxSignIns: checked.maxSignIns ?? 5000, pageSize: checked.pageSize ?? 1000, maxCorrelationIds: checked.maxCorrelationIds ?? 25 };
  // No such account: Entra still logs sign-ins for the name as typed (AADSTS50034), which show the device reaches
  // Entra with that name; nothing else about the account can be read.
  if (!user && run.facts.some((f) => f.kind === 'source-problem' && f.status === 404)) {
    await readSignIns(run, upn, checked.window, options.correlationIds ?? [], limits);
    return { facts: run.facts, sources: { ...run.sources }, warnings: run.warnings };
  }
  const userKey = user?.id ?? upn;
  await readSignIns(run, upn, checked.window, options.correlationIds ?? [], limits);
  await readLicenses(run, userKey);
  await readMailbox(run, upn, user);
  const securityDefaultsRead = await readMfaSettings(run, userKey, options.perUserMfa ?? false);
  const policiesRead = await readConditionalAccess(run, user);
  run.sources.graphPolicies = securityDefaultsRead && policiesRead;

  return { facts: run.facts, sources: { ...run.sources }, warnings: run.warnings };
}
