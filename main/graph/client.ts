// A Microsoft Graph client for one collection run: tokens from our AuthProvider, retries that honour
// Retry-After and the run's AbortSignal, and the cloud's (or a test tenant's) Graph origin as base URL.
// Node 20's global fetch does the HTTP (the graph-client calls fetch directly when it is defined).
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  TelemetryHandler,
  type AuthenticationProvider,
} from '@microsoft/microsoft-graph-client';
import { CancelledError } from '../model/cancellation';
import { AuthProblemError } from '../auth/access-problems';
import type { AuthProvider } from '../auth/provider';
import { DEFAULT_RETRY, RetryAfterHandler, type RetryPolicy } from './retry';

/** Hosts the graph-client already treats as Graph (it only attaches tokens to those or to custom hosts). */
const KNOWN_GRAPH_HOSTS = new Set([
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn',
]);

export interface GraphClientOptions {
  auth: Pick<AuthProvider, 'getAccessToken'>;
  /** Graph origin, e.g. https://graph.microsoft.us or https://127.0.0.1:8443 (no version). */
  graphUrl: string;
  /** Scopes to ask tokens for; the provider's defaults when omitted. */
  scopes?: readonly string[];
  signal?: AbortSignal;
  retry?: Partial<Omit<RetryPolicy, 'signal'>>;
}

export interface GraphSession {
  client: Client;
  /** Set when a token could not be had: the whole run must stop with that problem. */
  authFailure(): AuthProblemError | undefined;
}

export function createGraphSession(options: GraphClientOptions): GraphSession {
  const { auth, signal } = options;
  let authFailure: AuthProblemError | undefined;
  // The graph-client wraps whatever getAccessToken throws in a GraphError, so the cause is kept here.
  const tokens: AuthenticationProvider = {
    getAccessToken: async () => {
      try {
        return await auth.getAccessToken(options.scopes, signal);
      } catch (error) {
        if (error instanceof AuthProblemError) authFailure = error;
        if (error instanceof CancelledError) throw error;
        throw error instanceof Error ? error : new Error(String(error));
      }
    },
  };
  const origin = new URL(options.graphUrl);
  const customHosts = KNOWN_GRAPH_HOSTS.has(origin.hostname) ? undefined : new Set([origin.hostname]);
  const client = Client.initWithMiddleware({
    baseUrl: `${origin.origin}/`,
    defaultVersion: 'v1.0',
    customHosts,
    // Order matters: the token is attached once, before the retry loop re-sends the same request.
    middleware: [
      new AuthenticationHandler(tokens),
      new RetryAfterHandler({ ...DEFAULT_RETRY, ...options.retry, signal }),
      new TelemetryHandler(),
      new HTTPMessageHandler(),
    ],
  });
  return { client, authFailure: () => authFailure };
}
