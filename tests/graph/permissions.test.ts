// A read Graph refuses becomes a SourceProblemFact + warning with a clear message; the other reads still happen.
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, type FakeTenant } from '../support/fake-tenant';
import { collectFor, graphRequests, ofKind, signedIn } from './support';

let tenant: FakeTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

describe('Graph reads that are refused', () => {
  it('non-premium tenant: sign-in logs explained, every other check still read', async () => {
    const s = await signedIn({ graph: { nonPremium: true } });
    tenant = s.tenant;
    const { facts, sources, warnings } = await collectFor(tenant, s.auth, { correlationIds: tenant.signIns.map((r) => r.correlationId).slice(0, 2) });

    const problems = ofKind(facts, 'source-problem');
    expect(problems).toEqual([
      {
        kind: 'source-problem',
        source: 'graph:/auditLogs/signIns',
        code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
        status: 403,
        message: expect.stringMatching(/Microsoft Entra ID P1\/P2.*other checks still ran/),
      },
    ]);
    expect(warnings).toEqual([{ source: 'graph:/auditLogs/signIns', message: problems[0]?.message }]);
    expect(sources).toEqual({ graphSignIns: false, graphAccount: true, graphLicenses: true, graphMailbox: true, graphPolicies: true });
    expect(ofKind(facts, 'signin')).toEqual([]);
    expect(ofKind(facts, 'account')).toHaveLength(1);
    expect(ofKind(facts, 'license')).toHaveLength(1);
    expect(ofKind(facts, 'mailbox')).toHaveLength(1);
    // Security defaults only: per-user MFA is read only when asked for.
    expect(ofKind(facts, 'mfa-policy')).toHaveLength(1);
    expect(ofKind(facts, 'ca-policy')).toHaveLength(1);
    // The same endpoint is not hammered for the non-interactive and Correlation ID lookups.
    expect(graphRequests(tenant, '/v1.0/auditLogs/signIns')).toHaveLength(1);
    expect(graphRequests(tenant, '/beta/auditLogs/signIns')).toHaveLength(0);
  });

  it('missing Policy.Read.All consent: policies explained, the rest read', async () => {
    const s = await signedIn({ auth: { consentedPermissions: ALL_PERMISSIONS.filter((p) => p !== 'Policy.Read.All') } });
    tenant = s.tenant;
    const { facts, sources } = await collectFor(tenant, s.auth);
    expect(ofKind(facts, 'source-problem').map((p) => [p.source, p.code, p.status])).toEqual([
      ['graph:/policies/identitySecurityDefaultsEnforcementPolicy', 'Authorization_RequestDenied', 403],
      ['graph:/identity/conditionalAccess/policies', 'Authorization_RequestDenied', 403],
    ]);
    expect(ofKind(facts, 'source-problem').every((p) => p.message.includes('Policy.Read.All'))).toBe(true);
    expect(sources).toEqual({ graphSignIns: true, graphAccount: true, graphLicenses: true, graphMailbox: true, graphPolicies: false });
    expect(ofKind(facts, 'signin')).toHaveLength(12);
  });

  it('technician without a reader role: every read explained, nothing claimed as read', async () => {
    const s = await signedIn({ graph: { technicianWithoutRole: true } });
    tenant = s.tenant;
    const { facts, sources, warnings } = await collectFor(tenant, s.auth);
    expect(sources).toEqual({ graphSignIns: false, graphAccount: false, graphLicenses: false, graphMailbox: false, graphPolicies: false });
    const problems = ofKind(facts, 'source-problem');
    expect(problems.length).toBeGreaterThanOrEqual(5);
    expect(problems.every((p) => p.code === 'Authorization_RequestDenied' && /Global Reader/.test(p.message))).toBe(true);
    expect(warnings).toHaveLength(problems.length);
    expect(facts.filter((f) => f.kind !== 'source-problem')).toEqual([]);
  });

  it('an unknown resource account is named as such', async () => {
    const s = await signedIn();
    tenant = s.tenant;
    const { facts, sources } = await collectFor(tenant, s.auth, { account: 'mtr-nowhere@contoso.com' });
    expect(sources.graphAccount).toBe(false);
    expect(ofKind(facts, 'source-problem')[0]).toMatchObject({ status: 404, message: expect.stringContaining('No user mtr-nowhere@contoso.com exists') });
  });
});
