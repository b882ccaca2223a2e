// Every Teams Room in a tenant: hundreds of rooms in the fake tenant, each with its own scenario, a throttling
// rule, and the request budget. Each room's verdicts must equal what the single-account path says about it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseTenantRooms } from '../../main/analysis/analyse-tenant-rooms';
import { analyzeTenant } from '../../main/analysis/analyze-tenant';
import type { AuthProvider } from '../../main/auth/provider';
import type { FleetResult } from '../../main/model/fleet';
import { fleetResultSchema } from '../../main/model/fleet-schema';
import { SCENARIOS, type ScenarioName } from '../support/fake-tenant';
import type { FakeTenant } from '../support/fake-tenant';
import { signedIn } from '../graph/support';

const ROOMS = 270;
const NOW = new Date();
let tenant: FakeTenant;
let auth: AuthProvider;
let fleet: FleetResult;
let partial = 0;
let throttled = 0;

beforeAll(async () => {
  // 429 beyond 150 requests (a $batch counts each of its reads) in 2 s: the run must be throttled and recover.
  ({ tenant, auth } = await signedIn({ rooms: ROOMS, now: NOW, graph: { rateLimit: { max: 150, windowMs: 2000, retryAfterSeconds: 1 } } }));
  tenant.requests.length = 0;
  fleet = await analyseTenantRooms(
    { auth, graphUrl: tenant.graphBaseUrl, tenantName: 'contoso.com', days: 7 },
    { now: NOW, onRow: () => partial++, onProgress: (p) => (throttled += p.waitingSeconds ? 1 : 0) },
  );
}, 120_000);
afterAll(() => tenant?.close());

describe('analyze --tenant --all-rooms (engine)', () => {
  it('finds the rooms both ways and says where the lists disagree', () => {
    fleetResultSchema.parse(fleet);
    const rooms = tenant.fleet?.rooms ?? [];
    expect(fleet.rows).toHaveLength(ROOMS);
    expect(partial).toBe(ROOMS);
    const d = fleet.discovery;
    // Mailbox rooms are missing from the room list; license rooms hold the wrong SKU.
    expect(d?.placesOnly.sort()).toEqual(rooms.filter((r) => r.scenario === 'license').map((r) => r.upn).sort());
    expect(d?.licensedOnly.sort()).toEqual(rooms.filter((r) => r.scenario === 'mailbox').map((r) => r.upn).sort());
  });

  it('was throttled, waited, and spent well under two requests per room', () => {
    const graph = tenant.requests.filter((r) => r.server === 'graph');
    expect(graph.some((r) => r.status === 429)).toBe(true);
    expect(throttled).toBeGreaterThan(0);
    expect(fleet.requests?.total).toBe(graph.length);
    expect(graph.length / ROOMS).toBeLessThanOrEqual(2);
    expect(fleet.requests?.perRoom).toBeLessThanOrEqual(2);
    // No per-account request outside $batch; sign-ins in a few window queries, not one per room.
    expect(graph.filter((r) => /^\/v1\.0\/users\/[^/]+/.test(r.path))).toEqual([]);
    const signInQueries = graph.filter((r) => r.path.endsWith('/auditLogs/signIns') && r.status === 200 && !r.query.$skiptoken);
    expect(signInQueries.length).toBe(2 * Math.ceil(ROOMS / 15));
  });

  it("every room's verdicts equal the single-account analysis of that room", async () => {
    const rooms = tenant.fleet?.rooms ?? [];
    const statuses = new Map<string, string>();
    for (const scenario of SCENARIOS) {
      const sample = rooms.filter((r) => r.scenario === scenario);
      const alone = await analyzeTenant({ auth, graphUrl: tenant.graphBaseUrl, account: sample[0]?.upn, tenantName: 'contoso.com', days: 7, now: NOW });
      const expected = alone.checks.map((c) => `${c.id}:${c.status}:${c.reason.code}`).join(' ');
      statuses.set(scenario, expected);
      for (const room of sample) {
        const row = fleet.rows.find((r) => r.source === room.upn);
        expect(row?.analysis.checks.map((c) => `${c.id}:${c.status}:${c.reason.code}`).join(' '), `${room.upn} (${scenario})`).toBe(expected);
      }
    }
  }, 60_000);

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
