// Every Teams Room in a tenant: hundreds of rooms in the fake tenant, each with its own scenario, Graph's
// documented reports limit (scaled down in time), and the request budget. Each room's verdicts must equal what
// the single-account path says about it, though this mode reads only failures from the sign-in log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseTenantRooms } from '../../main/analysis/tenant-rooms';
import { analyse } from '../../main/analysis/analyse';
import type { AuthProvider } from '../../main/auth/provider';
import type { FleetResult } from '../../main/model/fleet-result';
import { GraphUnreachableError } from '../../main/graph/graph-run';
import { collectTenantRooms } from '../../main/graph/collect-tenant-rooms';
import { fleetResultSchema } from '../../main/model/fleet-schema';
import { renderFleetHtml } from '../../main/report/fleet-html';
import { renderFleetText } from '../../main/report/fleet-text';
import { SCENARIOS, type ScenarioName } from '../support/fake-tenant';
import type { FakeTenant } from '../support/fake-tenant';
import { MICROSOFT } from '../support/fake-tenant/ids';
import { signedIn } from '../graph/support';

const ROOMS = 270;
const NOW = new Date();
let tenant: FakeTenant;
let auth: AuthProvider;
let fleet: FleetResult;
let partial = 0;
let throttled = 0;

const verdicts = (f: FleetResult, upn: string) => f.rows.find((r) => r.source === upn)?.analysis.checks.map((c) => `${c.id}:${c.status}:${c.reason.code}`).join(' ');

beforeAll(async () => {
  // The reports limit (auditLogs) at one request in 3 s, and 429 beyond 150 requests in 2 s (each read of a
  // $batch counts): the run must be throttled both ways and recover.
  ({ tenant, auth } = await signedIn({
    rooms: ROOMS,
    now: NOW,
    graph: { rateLimit: { max: 150, windowMs: 2000, retryAfterSeconds: 1 }, reportsLimit: { max: 1, windowMs: 3000, retryAfterSeconds: 1 } },
  }));
  tenant.requests.length = 0;
  fleet = await analyseTenantRooms(
    { auth, graphUrl: tenant.graphBaseUrl, tenantName: 'contoso.com', days: 7 },
    { now: NOW, onRow: () => partial++, onProgress: (p) => (throttled = p.throttled) },
  );
}, 120_000);
afterAll(() => tenant?.close());

describe('analyze --tenant --all-rooms (engine)', () => {
  it('finds the rooms both ways, says where the lists disagree, and lists bookable rooms apart, not checked', () => {
    fleetResultSchema.parse(fleet);
    const rooms = tenant.fleet?.rooms ?? [];
    const plain = tenant.fleet?.plainRooms ?? [];
    expect(plain.length).toBeGreaterThan(1);
    expect(fleet.rows).toHaveLength(ROOMS);
    expect(partial).toBe(ROOMS);
    const d = fleet.discovery;
    // Mailbox rooms are missing from the room list; license rooms hold the wrong SKU; plain rooms hold none.
    expect(d?.placesOnly.sort()).toEqual([...rooms.filter((r) => r.scenario === 'license').map((r) => r.upn), ...plain.map((p) => p.upn)].sort());
    expect(d?.licensedOnly.sort()).toEqual(rooms.filter((r) => r.scenario === 'mailbox').map((r) => r.upn).sort());
    // Neither the room without an account nor the disabled, unlicensed room mailbox is a Credentials failure.
    expect(fleet.notChecked?.map((n) => n.account)).toEqual(plain.map((p) => p.upn).sort());
    expect(fleet.notChecked?.every((n) => /bookable room/.test(n.reason))).toBe(true);
    for (const p of plain) expect(fleet.rows.some((r) => r.source === p.upn)).toBe(false);
  });

  it('the summary grid and the text name every room not checked, and count them apart from the analysed ones', () => {
    const n = fleet.notChecked?.length ?? 0;
    const html = renderFleetHtml(fleet);
    const text = renderFleetText(fleet);
    for (const view of [html, text]) {
      expect(view).toContain(`${ROOMS} rooms analysed: `);
      expect(view).toContain(` · ${n} not checked (no Teams Rooms account)`);
      for (const room of fleet.notChecked ?? []) expect(view).toContain(room.account);
    }
    expect(html).toMatch(/<h3>Rooms without a Teams Rooms account \(not checked\)<\/h3>/);
  });

  it('reads the sign-in log for failures only, tenant-wide, with documented filters; under one request per room', () => {
    const graph = tenant.requests.filter((r) => r.server === 'graph');
    expect(graph.some((r) => r.status === 429 && r.path.includes('/auditLogs/'))).toBe(true);
    expect(throttled).toBeGreaterThan(0);
    expect(fleet.requests?.total).toBe(graph.length);
    expect(graph.length / ROOMS).toBeLessThanOrEqual(1);
    // No per-account request outside $batch.
    expect(graph.filter((r) => /^\/v1\.0\/users\/[^/]+/.test(r.path))).toEqual([]);
    const reports = graph.filter((r) => r.path.endsWith('/auditLogs/signIns') && r.status === 200);
    // One failures query each for interactive and non-interactive sign-ins (paged at 1000 rows).
    expect(reports.filter((r) => !r.query.$skiptoken).map((r) => `${r.path.split('/')[1]} ${r.query.$filter}`)).toEqual([
      expect.stringMatching(/^v1\.0 createdDateTime ge \S+ and createdDateTime le \S+ and status\/errorCode ne 0$/),
      expect.stringMatching(/^beta createdDateTime ge \S+ and createdDateTime le \S+ and status\/errorCode ne 0 and signInEventTypes\/any\(t: t eq 'nonInteractiveUser'\)$/),
    ]);
    expect(graph.some((r) => / or /i.test(r.query.$filter ?? ''))).toBe(false);
    // The licence holders come with their signInActivity, 500 to a page (user-list.md).
    const holders = graph.filter((r) => r.path === '/v1.0/users' && r.status === 200 && /signInActivity/.test(r.query.$select ?? ''));
    expect(holders.length).toBeGreaterThan(0);
    expect(holders.every((r) => r.query.$top === '500' || r.query.$skiptoken)).toBe(true);
  });

  it("every room's verdicts equal the single-account analysis of that room", async () => {
    const rooms = tenant.fleet?.rooms ?? [];
    tenant.setGraph({ reportsLimit: undefined, rateLimit: undefined });
    for (const scenario of SCENARIOS) {
      const sample = rooms.filter((r) => r.scenario === scenario);
      const alone = await analyse({ tenant: { auth, graphUrl: tenant.graphBaseUrl, account: sample[0]?.upn, tenantName: 'contoso.com', days: 7 } }, { now: NOW });
      const expected = alone.checks.map((c) => `${c.id}:${c.status}:${c.reason.code}`).join(' ');
      for (const room of sample) expect(verdicts(fleet, room.upn), `${room.upn} (${scenario})`).toBe(expected);
    }
  }, 60_000);

  it('a healthy room passes on its last successful sign-in (signInActivity), the evidence it shows', () => {
    const healthy = (tenant.fleet?.rooms ?? []).find((r) => r.scenario === 'healthy');
    const row = fleet.rows.find((r) => r.source === healthy?.upn);
    const creds = row?.analysis.checks.find((c) => c.id === 'credentials');
    expect(creds?.status).toBe('pass');
    expect(creds?.evidence.some((e) => e.locator === 'signInActivity.lastSuccessfulSignInDateTime')).toBe(true);
  });

  it('each scenario shows as its own finding: the first check to fix, with the predictive warnings', () => {
    const FIRST: Record<Exclude<ScenarioName, 'network'>, string | null> = {
      healthy: null,
      mfa: 'mfa',
      'conditional-access': 'conditional-access',
      password: 'password',
      'password-synced': 'password',
      credentials: 'credentials',
      mailbox: 'mailbox',
      license: 'license',
      'expired-behind-50126': 'password',
      'healthy-no-exchange-plan': null,
    };
    for (const room of tenant.fleet?.rooms ?? []) {
      const row = fleet.rows.find((r) => r.source === room.upn);
      if (room.scenario === 'network') {
        // Nothing reached Entra in the window: no check may pass on silence, and none fails on it either.
        expect(row?.statuses.network, room.upn).not.toBe('pass');
        expect(row?.exitCode).toBe(1);
        continue;
      }
      expect(row?.firstToFix?.check ?? null, `${room.upn} (${room.scenario})`).toBe(FIRST[room.scenario]);
      if (FIRST[room.scenario] === null) expect(row?.exitCode, room.upn).toBe(0);
      else expect(row?.statuses[FIRST[room.scenario] as 'mfa']).toBe('fail');
    }
    // The room list's name reaches the row.
    expect(fleet.rows[0]?.room).toMatch(/^Room \d+ \(/);
  });
});

describe('a tenant whose Graph refuses the failures-only filter', () => {
  it('falls back to the documented per-account filter and reaches the same verdicts', async () => {
    const small = await signedIn({ rooms: SCENARIOS.length * 2, now: NOW, graph: { errorCodeNe: false } });
    try {
      small.tenant.requests.length = 0;
      const result = await analyseTenantRooms({ auth: small.auth, graphUrl: small.tenant.graphBaseUrl, tenantName: 'contoso.com', days: 7 }, { now: NOW });
      const graph = small.tenant.requests.filter((r) => r.server === 'graph' && r.path.endsWith('/auditLogs/signIns'));
      // The refused shape once (a 400, not retried), then one query per account and kind.
      expect(graph.filter((r) => r.status === 400)).toHaveLength(1);
      const ok = graph.filter((r) => r.status === 200);
      expect(ok).toHaveLength(2 * result.rows.length);
      expect(ok.every((r) => /^userPrincipalName eq '[^']+' and createdDateTime ge \S+ and createdDateTime le \S+( and signInEventTypes\/any\(t: t eq 'nonInteractiveUser'\))?$/.test(r.query.$filter ?? ''))).toBe(true);
      expect(result.warnings?.some((w) => /refused the failures-only filter/.test(w.message))).toBe(true);
      for (const room of small.tenant.fleet?.rooms ?? []) {
        const twin = (tenant.fleet?.rooms ?? []).find((r) => r.scenario === room.scenario);
        expect(verdicts(result, room.upn), `${room.upn} (${room.scenario})`).toBe(verdicts(fleet, twin?.upn ?? ''));
      }
    } finally {
      await small.tenant.close();
    }
  }, 60_000);
});

describe('the fake tenant holds the client to what Graph documents', () => {
  it("refuses 'or' in a sign-in filter, and ne on a field whose docs allow only eq", async () => {
    const token = await auth.getAccessToken();
    const ask = (filter: string) => fetch(`${tenant.graphBaseUrl}/auditLogs/signIns?$filter=${encodeURIComponent(filter)}`, { headers: { authorization: `Bearer ${token}` } });
    tenant.setGraph({ reportsLimit: undefined });
    expect((await ask("(userPrincipalName eq 'a@contoso.com' or userPrincipalName eq 'b@contoso.com')")).status).toBe(400);
    expect((await ask("userPrincipalName ne 'a@contoso.com'")).status).toBe(400);
    expect((await ask("userPrincipalName eq 'a@contoso.com' and createdDateTime ge 2026-01-01T00:00:00Z")).status).toBe(200);
  });
});

describe('a run that loses the network', () => {
  it('stops with GraphUnreachableError after the rooms it finished, instead of rooms of "could not be read"', async () => {
    const lost = await signedIn({ rooms: 60, now: NOW });
    let finished = 0;
    let closing: Promise<void> | null = null;
    const run = collectTenantRooms({
      auth: lost.auth,
      graphUrl: lost.tenant.graphBaseUrl,
      window: lost.tenant.window,
      roomSkuIds: [MICROSOFT.skus.teamsRoomsPro],
      // One $batch at a time, and retries without waiting: the network goes when the first room is in.
      concurrency: 1,
      retry: { sleep: async () => undefined },
      onRoom: () => {
        finished++;
        closing ??= lost.tenant.close();
      },
    });
    await expect(run).rejects.toBeInstanceOf(GraphUnreachableError);
    await closing;
    expect(finished).toBeGreaterThanOrEqual(1);
    expect(finished).toBeLessThan(60);
  }, 60_000);
});
