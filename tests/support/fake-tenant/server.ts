// A local stand-in for Microsoft Entra ID and Microsoft Graph: two plain Node https servers on 127.0.0.1
// (login and Graph, like the real separate hosts), scenario data per check, and a request log.
// No Electron or vitest imports, so a Playwright run of the app can start it too.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleGraph } from './graph';
import { grantTypes, handleIdentity } from './identity';
import { APP_CLIENT_ID, ROOM, TECHNICIAN, TENANT_DOMAIN, TENANT_ID } from './ids';
import { buildFleetData, type FleetData } from './fleet';
import { buildTenantData, type TenantScenarioName, type TenantData } from './scenarios';
import type { SignInRow } from './signins';
import type { AuthBehaviour, GraphBehaviour, RequestLogEntry, TenantState } from './state';
import { generateTestTls, processTrusts, tlsFromEnvironment, type TestTls } from './tls';

export const ALL_PERMISSIONS = [
  'AuditLog.Read.All',
  'Directory.Read.All',
  'Policy.Read.All',
  'LicenseAssignment.Read.All',
  'Place.Read.All',
  'UserAuthenticationMethod.Read.All',
];

export interface FakeTenantOptions {
  scenario?: TenantScenarioName;
  /** Replace the scenario's sign-ins with this many successful interactive ones (paging tests). */
  signInCount?: number;
  /** The clock the scenario data is built around (sign-in times, password age). Default: now. */
  now?: Date;
  auth?: Partial<AuthBehaviour>;
  graph?: Partial<GraphBehaviour>;
  /** A tenant with this many Teams Rooms (fleet.ts), each with its own scenario; `scenario` then only names the single room. */
  rooms?: number;
  /** Changes the scenario's directory before the tenant starts (e.g. another licence). */
  patch?: (data: TenantData) => void;
}

/** Many rooms: their sign-ins, room list, policies and domain replace the single room's tenant-wide data. */
function withFleet(data: TenantData, rooms: number | undefined, now: Date): TenantState['data'] {
  if (!rooms) return data;
  const fleet = buildFleetData(rooms, now);
  return { ...data, fleet, signIns: fleet.signIns, rooms: fleet.places, caPolicies: fleet.caPolicies, domain: fleet.domain, securityDefaultsEnabled: false };
}

function patched(data: TenantData, patch: FakeTenantOptions['patch']): TenantData {
  patch?.(data);
  return data;
}

export interface FakeTenant {
  scenario: TenantScenarioName;
  tenantId: string;
  domain: string;
  clientId: string;
  technician: { upn: string; id: string };
  room: { upn: string; id: string };
  /** https://127.0.0.1:<port> of the identity provider. */
  loginUrl: string;
  /** loginUrl + '/' + tenantId */
  authority: string;
  /** https://127.0.0.1:<port> of Graph (no version). */
  graphUrl: string;
  /** graphUrl + '/v1.0' */
  graphBaseUrl: string;
  caFile: string;
  /** Whether this process trusts caFile (NODE_EXTRA_CA_CERTS set before it started). */
  trusted: boolean;
  /** The time window the scenario data is meant to be read with: the last 7 days before `now`. */
  window: { from: string; to: string };
  /** Correlation IDs a device bundle would carry for this scenario's failing sign-ins. */
  deviceCorrelationIds: string[];
  /** The sign-in log as stored (beta shape), for tests that need a particular row. */
  signIns: readonly SignInRow[];
  /** The rooms of a many-rooms tenant (options.rooms), with their scenarios. */
  fleet?: FleetData;
  requests: RequestLogEntry[];
  /** Every access, refresh and id token issued so far. */
  issuedTokens(): string[];
  /** Change sign-in behaviour mid-test (e.g. revoke refresh tokens after a successful sign-in). */
  setAuth(patch: Partial<AuthBehaviour>): void;
  setGraph(patch: Partial<GraphBehaviour>): void;
  /** Forget issued access tokens' validity so the next Graph call needs a refresh. */
  expireAccessTokens(): void;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startFakeTenant(options: FakeTenantOptions = {}): Promise<FakeTenant> {
  const scenario = options.scenario ?? 'healthy';
  const now = options.now ?? new Date();
  let ownTlsDir: string | null = null;
  let tls: TestTls | null = tlsFromEnvironment();
  if (!tls) {
    // Outside vitest (e.g. a Playwright run): make certificates here; the caller trusts caFile for the app.
    ownTlsDir = mkdtempSync(join(tmpdir(), 'mtr-fake-tenant-'));
    tls = generateTestTls(ownTlsDir);
  }
  const credentials = { key: readFileSync(tls.keyFile), cert: readFileSync(tls.certFile) };

  const state: TenantState = {
    tenantId: TENANT_ID,
    loginUrl: '',
    graphUrl: '',
    technician: { oid: TECHNICIAN.id, upn: TECHNICIAN.upn, name: TECHNICIAN.name },
    auth: {
      clientIds: [APP_CLIENT_ID],
      publicClientFlows: true,
      refreshTokens: 'valid',
      accessTokenLifetimeSeconds: 3600,
      deviceCodeIntervalSeconds: 1,
      deviceCodeLifetimeSeconds: 900,
      consentedPermissions: [...ALL_PERMISSIONS],
      ...options.auth,
    },
    graph: { nonPremium: false, technicianWithoutRole: false, faults: [], defaultPageSize: 1000, errorCodeNe: true, ...options.graph },
    data: withFleet(patched(buildTenantData(scenario, now, { signInCount: options.signInCount }), options.patch), options.rooms, now),
    recent: [],
    recentReports: [],
    recentActivity: [],
    codes: new Map(),
    deviceCodes: new Map(),
    refreshTokens: new Map(),
    accessTokens: new Map(),
    issued: [],
    requests: [],
  };

  const logRequest = (
    server: 'login' | 'graph',
    req: IncomingMessage,
    res: ServerResponse,
    retryAfter?: () => number | undefined,
  ): void => {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    res.on('finish', () => {
      const entry: RequestLogEntry = {
        at,
        server,
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        status: res.statusCode,
      };
      const after = retryAfter?.();
      if (after !== undefined) entry.retryAfter = after;
      const grantType = grantTypes.get(req);
      if (grantType !== undefined) entry.grantType = grantType;
      state.requests.push(entry);
    });
  };

  const login = createServer(credentials, (req, res) => {
    logRequest('login', req, res);
    handleIdentity(state, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const graph = createServer(credentials, (req, res) => {
    const outcome: { retryAfter?: number } = {};
    logRequest('graph', req, res, () => outcome.retryAfter);
    Object.assign(outcome, handleGraph(state, req, res));
  });
  const [loginPort, graphPort] = await Promise.all([listen(login), listen(graph)]);
  state.loginUrl = `https://127.0.0.1:${loginPort}`;
  state.graphUrl = `https://127.0.0.1:${graphPort}`;

  const day = 86_400_000;
  return {
    scenario,
    tenantId: TENANT_ID,
    domain: TENANT_DOMAIN,
    clientId: APP_CLIENT_ID,
    technician: { upn: TECHNICIAN.upn, id: TECHNICIAN.id },
    room: { upn: ROOM.upn, id: ROOM.id },
    loginUrl: state.loginUrl,
    authority: `${state.loginUrl}/${TENANT_ID}`,
    graphUrl: state.graphUrl,
    graphBaseUrl: `${state.graphUrl}/v1.0`,
    caFile: tls.caFile,
    trusted: processTrusts(tls.caFile),
    window: { from: new Date(now.getTime() - 7 * day).toISOString(), to: now.toISOString() },
    deviceCorrelationIds: state.data.deviceCorrelationIds,
    signIns: state.data.signIns,
    fleet: state.data.fleet,
    requests: state.requests,
    issuedTokens: () => [...state.issued],
    setAuth: (patch) => Object.assign(state.auth, patch),
    setGraph: (patch) => Object.assign(state.graph, patch),
    expireAccessTokens: () => {
      for (const grant of state.accessTokens.values()) grant.expiresAt = 0;
    },
    close: async () => {
      await Promise.all([close(login), close(graph)]);
      if (ownTlsDir) rmSync(ownTlsDir, { recursive: true, force: true });
    },
  };
}
