// The fake tenant's mutable state: issued codes and tokens, switches a test can flip, and the request log.
import { randomBytes } from 'node:crypto';
import { base64url } from './http';
import type { FleetData } from './fleet';
import type { TenantData } from './scenarios';

export interface AuthBehaviour {
  /** Client ids registered in the tenant (MTR Doctor's app). */
  clientIds: string[];
  /** "Allow public client flows" on the app registration: device code needs it (else AADSTS7000218). */
  publicClientFlows: boolean;
  /** What the token endpoint does with a refresh token. */
  refreshTokens: 'valid' | 'expired' | 'revoked' | 'sign-in-frequency';
  accessTokenLifetimeSeconds: number;
  deviceCodeIntervalSeconds: number;
  deviceCodeLifetimeSeconds: number;
  /** Graph permissions admin consent covers (names like "Policy.Read.All"). */
  consentedPermissions: string[];
}

export interface GraphBehaviour {
  /** Tenant without Entra ID P1/P2: 403 on auditLogs/signIns. */
  nonPremium: boolean;
  /** The technician holds no directory reader role: 403 Authorization_RequestDenied on every read. */
  technicianWithoutRole: boolean;
  /** Transient failures: the first `count` requests whose path starts with `path` get `status`. */
  faults: { path: string; status: 429 | 500 | 503 | 504; count: number; retryAfterSeconds?: number }[];
  /** Page size when the client sends no $top (Graph's default for sign-ins is 1000). */
  defaultPageSize: number;
  /** Throttling: more than `max` requests (a $batch counts each of its requests) in `windowMs` get 429 + Retry-After. */
  rateLimit?: { max: number; windowMs: number; retryAfterSeconds: number };
  /**
   * Graph's documented limit for the identity and access reports (throttling-limits, "Identity and access
   * reports"): five requests per 10 seconds per app per tenant on /auditLogs, 429 + Retry-After beyond it. A
   * bench may shrink `windowMs` to run in seconds; the counts are what matter.
   */
  reportsLimit?: { max: number; windowMs: number; retryAfterSeconds: number };
  /** The same page's limit for GET with signInActivity: 10 requests per minute. */
  signInActivityLimit?: { max: number; windowMs: number; retryAfterSeconds: number };
  /**
   * Whether auditLogs/signIns accepts `status/errorCode ne 0`. Graph's signIn reference documents only `eq` on
   * errorCode; Microsoft's Entra reporting docs use `ne 0` for failures. false: refused with a 400 as Graph may.
   */
  errorCodeNe: boolean;
}

export interface RequestLogEntry {
  /** Date.now() when the request arrived. */
  at: number;
  server: 'login' | 'graph';
  method: string;
  /** Path without query, e.g. /v1.0/auditLogs/signIns */
  path: string;
  /** Decoded query parameters (no secrets travel in queries here; bodies are never logged). */
  query: Record<string, string>;
  status: number;
  /** Retry-After sent with this response, in seconds. */
  retryAfter?: number;
  /** For token requests: the grant_type (authorization_code, refresh_token, device_code …). */
  grantType?: string;
}

export interface Principal {
  oid: string;
  upn: string;
  name: string;
}

export interface AccessGrant {
  principal: Principal;
  audience: string;
  permissions: string[];
  expiresAt: number;
}

export interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scopes: string[];
  nonce: string | null;
  principal: Principal;
  redeemed: boolean;
}

export interface PendingDeviceCode {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  approvedBy: Principal | null;
}

export interface TenantState {
  tenantId: string;
  loginUrl: string;
  graphUrl: string;
  technician: Principal;
  auth: AuthBehaviour;
  graph: GraphBehaviour;
  data: TenantData & { fleet?: FleetData };
  /** Arrival times of recent Graph requests, for the rate limit. */
  recent: number[];
  /** The same for the reports limit and the signInActivity limit. */
  recentReports: number[];
  recentActivity: number[];
  codes: Map<string, PendingCode>;
  deviceCodes: Map<string, PendingDeviceCode>;
  refreshTokens: Map<string, { clientId: string; principal: Principal; scopes: string[] }>;
  accessTokens: Map<string, AccessGrant>;
  /** Every token handed out, so tests can check none leaked into logs or files. */
  issued: string[];
  requests: RequestLogEntry[];
}

export function randomToken(bytes = 32): string {
  return base64url(randomBytes(bytes));
}
