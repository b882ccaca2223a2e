import { afterEach, describe, expect, it } from 'vitest';
import type { FakeTenant } from '../support/fake-tenant';
import { collectFor, graphRequests, ofKind, signedIn } from './support';

let tenant: FakeTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

describe('sign-in paging', () => {
  it('follows @odata.nextLink through 3 000 sign-ins in pages of 1 000', async () => {
    const s = await signedIn({ signInCount: 3000 });
    tenant = s.tenant;
    const pages: number[] = [];
    const { facts, warnings } = await collectFor(tenant, s.auth, {
      onProgress: (p) => {
        if (p.phase === 'sign-ins' && p.done > 0) pages.push(p.done);
      },
    });

    const signIns = ofKind(facts, 'signin');
    expect(signIns).toHaveLength(3000);
    expect(new Set(signIns.map((f) => f.id)).size).toBe(3000);
    expect(warnings).toEqual([]);
    const requests = graphRequests(tenant, '/v1.0/auditLogs/signIns');
    expect(requests.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(requests[0]?.query).toMatchObject({ $top: '1000', $filter: expect.stringContaining("userPrincipalName eq 'mtr-boardroom@contoso.com'") });
    expect(requests.slice(1).every((r) => r.query.$skiptoken)).toBe(true);
    expect(pages).toEqual([1000, 2000, 3000]);
  });

  it('asks for smaller pages with $top', async () => {
    const s = await signedIn({ signInCount: 3000 });
    tenant = s.tenant;
    const { facts } = await collectFor(tenant, s.auth, { pageSize: 500 });
    expect(ofKind(facts, 'signin')).toHaveLength(3000);
    expect(graphRequests(tenant, '/v1.0/auditLogs/signIns').map((r) => r.query.$top)).toEqual(Array(6).fill('500'));
  });

  it('stops at the cap and says so', async () => {
    const s = await signedIn({ signInCount: 3000 });
    tenant = s.tenant;
    const { facts, warnings } = await collectFor(tenant, s.auth, { maxSignIns: 1500 });
    expect(ofKind(facts, 'signin')).toHaveLength(1500);
    expect(graphRequests(tenant, '/v1.0/auditLogs/signIns')).toHaveLength(2);
    expect(warnings).toEqual([expect.objectContaining({ message: expect.stringContaining('Only the newest 1500 interactive sign-ins') })]);
    // Graph returns newest first, so the cap keeps the most recent sign-ins.
    const oldestKept = ofKind(facts, 'signin').map((f) => f.time).sort()[0] ?? '';
    expect(tenant.signIns.filter((r) => r.createdDateTime >= oldestKept)).toHaveLength(1500);
  });

  it('looks up a device Correlation ID outside the window', async () => {
    const s = await signedIn({ scenario: 'healthy' });
    tenant = s.tenant;
    const old = [...tenant.signIns].sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime))[0];
    const to = new Date(tenant.window.to);
    const window = { from: new Date(to.getTime() - 3_600_000).toISOString(), to: to.toISOString() };
    const { facts, warnings } = await collectFor(tenant, s.auth, { window, correlationIds: [old?.correlationId ?? ''] });
    expect(ofKind(facts, 'signin').map((f) => f.correlationId)).toEqual([old?.correlationId]);
    expect(warnings).toEqual([]);
    // Filtered by the account too: a lookup never brings in another account's row.
    expect(graphRequests(tenant, '/v1.0/auditLogs/signIns').at(-1)?.query.$filter).toBe(`correlationId eq '${old?.correlationId ?? ''}' and userPrincipalName eq '${tenant.room.upn}'`);
  });
});
