import { afterEach, describe, expect, it } from 'vitest';
import type { Sleep } from '../../main/model/cancellation';
import { retryDelaySeconds } from '../../main/graph';
import type { FakeTenant } from '../support/fake-tenant';
import { collectFor, graphRequests, ofKind, signedIn } from './support';

let tenant: FakeTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

/** Records the delays the retry logic asks for instead of waiting them out. */
function recordingSleep(): { sleep: Sleep; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

describe('throttling and transient failures', () => {
  it('survives a 429 storm, waiting as long as Retry-After says each time', async () => {
    const s = await signedIn({ graph: { faults: [{ path: '/v1.0/auditLogs/signIns', status: 429, count: 3, retryAfterSeconds: 7 }] } });
    tenant = s.tenant;
    const { sleep, delays } = recordingSleep();
    const waits: number[] = [];

    const { facts, warnings } = await collectFor(tenant, s.auth, {
      retry: { sleep },
      onProgress: (p) => p.waitingSeconds !== undefined && waits.push(p.waitingSeconds),
    });

    const requests = graphRequests(tenant, '/v1.0/auditLogs/signIns');
    expect(requests.map((r) => [r.status, r.retryAfter])).toEqual([
      [429, 7],
      [429, 7],
      [429, 7],
      [200, undefined],
    ]);
    expect(delays).toEqual([7000, 7000, 7000]);
    expect(waits).toEqual([7, 7, 7]);
    expect(ofKind(facts, 'signin')).toHaveLength(12);
    expect(warnings).toEqual([]);
  });

  it('backs off 1 s then 2 s on 503s without Retry-After', async () => {
    const s = await signedIn({ graph: { faults: [{ path: '/v1.0/users/', status: 503, count: 2 }] } });
    tenant = s.tenant;
    const { sleep, delays } = recordingSleep();
    const { facts, sources } = await collectFor(tenant, s.auth, { retry: { sleep } });
    expect(delays).toEqual([1000, 2000]);
    expect(sources.graphAccount).toBe(true);
    expect(ofKind(facts, 'account')).toHaveLength(1);
  });

  it('gives up after the retry budget and still reads everything else', async () => {
    const s = await signedIn({ graph: { faults: [{ path: '/v1.0/auditLogs/signIns', status: 429, count: 50, retryAfterSeconds: 1 }] } });
    tenant = s.tenant;
    const { sleep, delays } = recordingSleep();
    const { facts, sources, warnings } = await collectFor(tenant, s.auth, { retry: { sleep, maxRetries: 2 } });
    expect(delays).toEqual([1000, 1000]);
    expect(graphRequests(tenant, '/v1.0/auditLogs/signIns')).toHaveLength(3);
    expect(ofKind(facts, 'source-problem')).toEqual([
      expect.objectContaining({ source: 'graph:/auditLogs/signIns', status: 429, message: expect.stringContaining('HTTP 429') }),
    ]);
    expect(warnings).toHaveLength(1);
    expect(sources).toMatchObject({ graphSignIns: false, graphAccount: true, graphLicenses: true, graphMailbox: true, graphPolicies: true });
  });
});

describe('Retry-After parsing', () => {
  it('reads seconds and HTTP dates, caps long waits, and backs off without it', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(retryDelaySeconds('30', 1, 120, now)).toBe(30);
    expect(retryDelaySeconds('Tue, 10 Mar 2026 12:00:45 GMT', 1, 120, now)).toBe(45);
    expect(retryDelaySeconds('3600', 1, 120, now)).toBe(120);
    expect(retryDelaySeconds(null, 1, 120, now)).toBe(1);
    expect(retryDelaySeconds(null, 3, 120, now)).toBe(4);
  });
});
