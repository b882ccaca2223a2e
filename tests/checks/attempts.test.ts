// One attempt, two views: the device's AAD log events and Entra's sign-in rows, linked by Correlation ID,
// counted once, with Entra's more specific code winning and the sign-in log delay respected.
import { describe, expect, it } from 'vitest';
import { buildAttempts } from '../../main/checks/attempts';
import { loadTables } from '../../main/checks/tables';
import type { AadErrorFact, SignInFact } from '../../main/model/facts';

const device = (corr: string | null, time: string, aadsts: string | null, eventId = 1098): AadErrorFact => ({
  kind: 'aad-error', time, eventId, hresult: '0xCAA20003', aadsts, oauthCode: 'invalid_grant', correlationId: corr, traceId: null,
  resource: null, client: null, description: null, computer: 'MTR-1', account: 'room@contoso.com', origin: 'app',
  evidence: { source: 'Windows/EventLog/aad.evtx', locator: `record ${time} · event ${eventId}`, time, excerpt: `AADSTS${aadsts}` },
});
const entra = (id: string, corr: string, errorCode: number, time: string): SignInFact => ({
  kind: 'signin', time, id, errorCode, failureReason: errorCode === 50055 ? 'The password is expired.' : null, correlationId: corr, appDisplayName: null,
  resourceDisplayName: null, clientAppUsed: null, interactive: true, conditionalAccessStatus: 'notApplied', failedPolicies: [],
  authenticationRequirement: null, ipAddress: '203.0.113.7', userPrincipalName: 'room@contoso.com', location: 'Berlin, Berlin, DE',
  evidence: { source: `graph:/auditLogs/signIns/${id}`, locator: `correlationId ${corr}`, time, excerpt: `errorCode ${errorCode}` },
});
const C1 = '7F6E5D4C-AAAA-4BBB-8CCC-DDDDEEEEFFFF';
const C2 = '11111111-2222-4333-8444-555555555555';
const C3 = '22222222-2222-4333-8444-555555555555';

describe('sign-in attempts', () => {
  const tables = loadTables();
  const build = (d: AadErrorFact[], e: SignInFact[], readAt = '2026-03-10T12:00:00Z') =>
    buildAttempts({ device: d, entra: e, tables, entraRead: true, readAt, delayMinutes: 30 });

  it('links by Correlation ID case-insensitively and counts a linked attempt once', () => {
    const a = build([device(C1, '2026-03-10T10:00:00Z', '50126'), device(C1, '2026-03-10T10:00:00Z', '50126', 1097)], [entra('row-1', C1.toLowerCase(), 50126, '2026-03-10T10:00:01Z')]);
    expect(a).toHaveLength(1);
    expect(a[0]?.attempt).toMatchObject({ id: 'attempt-1', correlationId: C1, entraState: 'matched', code: 'AADSTS50126', check: 'credentials' });
    expect(a[0]?.attempt.entra).toMatchObject({ id: 'row-1', errorCode: 50126, ipAddress: '203.0.113.7', location: 'Berlin, Berlin, DE' });
    expect(a[0]?.evidence.fields).toContainEqual({ label: 'Entra: Request ID', value: 'row-1', copy: true });
  });

  it("Entra's more specific code wins: 50126 on the device, 50055 in Entra → the expired password", () => {
    const [a] = build([device(C1, '2026-03-10T10:00:00Z', '50126')], [entra('row-1', C1, 50055, '2026-03-10T10:00:01Z')]);
    expect(a?.code).toBe('50055');
    expect(a?.deviceCode).toBe('50126');
    expect(a?.attempt).toMatchObject({ code: 'AADSTS50055', check: 'password', device: { aadsts: 'AADSTS50126' } });
  });

  it('a success in Entra never clears a device failure', () => {
    const [a] = build([device(C1, '2026-03-10T10:00:00Z', '50076')], [entra('row-1', C1, 0, '2026-03-10T10:00:01Z')]);
    expect(a?.code).toBe('50076');
  });

  it('attempts newer than the sign-in log delay are "not yet in Entra", older misses "not in Entra"', () => {
    const a = build([device(C2, '2026-03-10T11:45:00Z', '50076'), device(C3, '2026-03-10T09:00:00Z', '50076')], []);
    expect(a.map((x) => [x.attempt.correlationId, x.attempt.entraState])).toEqual([
      [C3, 'not-in-entra'],
      [C2, 'not-yet-in-entra'],
    ]);
  });

  it('Entra rows without a device event are attempts of their own; without Graph nothing is judged', () => {
    const a = build([], [entra('row-9', C2, 53003, '2026-03-10T08:00:00Z')]);
    expect(a[0]?.attempt).toMatchObject({ device: null, entraState: 'entra-only', check: 'conditional-access' });
    const b = buildAttempts({ device: [device(C1, '2026-03-10T10:00:00Z', '50126')], entra: [], tables, entraRead: false, readAt: null, delayMinutes: 30 });
    expect(b[0]?.attempt.entraState).toBe('not-looked-up');
  });
});
