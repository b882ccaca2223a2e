// Linking a device attempt and an Entra sign-in by Correlation ID, both ways.
import { describe, expect, it } from 'vitest';
import { linkCorrelations } from '../../main/analysis/correlate';
import type { AadErrorFact, SignInFact } from '../../main/model/facts';

const attempt = (id: string | null, locator: string): AadErrorFact => ({
  kind: 'aad-error', time: '2026-03-09T10:00:00Z', eventId: 1098, hresult: '0xCAA2000C', aadsts: '50076', oauthCode: 'interaction_required',
  correlationId: id, traceId: null, resource: null, client: null, description: null, computer: 'MTR-1',
  evidence: { source: 'Windows/EventLog/aad.evtx', locator, time: '2026-03-09T10:00:00Z', excerpt: 'Error 0xCAA2000C' },
});
const signIn = (id: string, corr: string): SignInFact => ({
  kind: 'signin', time: '2026-03-09T10:00:01Z', id, errorCode: 50076, failureReason: null, correlationId: corr, appDisplayName: null,
  resourceDisplayName: null, clientAppUsed: null, interactive: true, conditionalAccessStatus: null, failedPolicies: [],
  authenticationRequirement: null, ipAddress: null,
  evidence: { source: `graph:/auditLogs/signIns/${id}`, locator: `correlationId ${corr}`, time: '2026-03-09T10:00:01Z', excerpt: 'errorCode 50076' },
});

describe('linkCorrelations', () => {
  it('links matching attempts both ways, case-insensitively, and counts the rest', () => {
    const a1 = attempt('7F6E5D4C-AAAA-4BBB-8CCC-DDDDEEEEFFFF', 'record 1 · event 1098');
    const a2 = attempt('11111111-2222-4333-8444-555555555555', 'record 2 · event 1098');
    const a3 = attempt(null, 'record 3 · event 1098');
    const s1 = signIn('aaaaaaaa-0000-4000-8000-000000000001', '7f6e5d4c-aaaa-4bbb-8ccc-ddddeeeeffff');
    expect(linkCorrelations([a1, a2, a3, s1])).toEqual({ matched: 1, unmatched: 1 });
    expect(a1.evidence.excerpt).toBe('Error 0xCAA2000C — Entra sign-in aaaaaaaa-0000-4000-8000-000000000001 (error 50076)');
    expect(s1.evidence.excerpt).toBe('errorCode 50076 — same attempt as Windows/EventLog/aad.evtx record 1 · event 1098');
    expect(a2.evidence.excerpt).toBe('Error 0xCAA2000C');
  });
});
