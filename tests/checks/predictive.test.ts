// Findings ahead of the failure, from Graph facts: a password about to expire, a Conditional Access policy
// the room cannot satisfy, per-user MFA switched on before the device notices.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../main/checks/run-checks';
import { NO_SOURCES } from '../../main/analysis/assemble';
import type { AccountFact, CaPolicyFact, Fact, MfaPolicyFact } from '../../main/model/facts';

const NOW = new Date('2026-03-10T12:00:00Z');
const ev = (source: string) => ({ source, locator: 'x', time: null, excerpt: source });
const account = (over: Partial<AccountFact>): AccountFact => ({
  kind: 'account', userPrincipalName: 'room@contoso.com', id: 'u1', accountEnabled: true, mail: 'room@contoso.com',
  passwordPolicies: 'None', lastPasswordChangeDateTime: '2025-12-16T09:00:00Z', onPremisesSyncEnabled: false,
  passwordValidityDays: 90, exchangePlanEnabled: true, evidence: ev('graph:/users/u1'), ...over,
});
const run = (facts: Fact[]) =>
  runChecks({ facts, sources: { ...NO_SOURCES, graphAccount: true, graphSignIns: true, graphPolicies: true }, window: { from: null, to: null } }, { now: NOW });
const check = (facts: Fact[], id: string) => run(facts).checks.find((c) => c.id === id);

describe('predictive findings', () => {
  it('warns that the password expires in 6 days', () => {
    const c = check([account({})], 'password');
    expect(c?.status).toBe('warn');
    expect(c?.summary).toBe('The password expires in 6 days, on 2026-03-16 09:00 UTC; the room will stop signing in then.');
    expect(c?.remedy[0]).toMatch(/Turn off password expiration/);
  });

  it('fails an already expired password, passes one that never expires or is far off', () => {
    expect(check([account({ lastPasswordChangeDateTime: '2025-11-01T00:00:00Z' })], 'password')?.summary).toMatch(/^The password expired on 2026-01-30 00:00 UTC/);
    expect(check([account({ passwordPolicies: 'DisablePasswordExpiration' })], 'password')?.status).toBe('pass');
    expect(check([account({ passwordValidityDays: Number.POSITIVE_INFINITY })], 'password')?.status).toBe('pass');
    expect(check([account({ lastPasswordChangeDateTime: '2026-03-01T00:00:00Z' })], 'password')?.summary).toMatch(/valid until 2026-05-30/);
  });

  it('a synced account: expiry is decided in Active Directory, not predicted from the cloud policy', () => {
    const c = check([account({ onPremisesSyncEnabled: true, lastPasswordChangeDateTime: '2025-11-01T00:00:00Z' })], 'password');
    // No policy says it has not expired and no sign-in shows it working: unknown, never a pass.
    expect(c?.status).toBe('unknown');
    expect(c?.reason.code).toBe('no-positive-evidence');
    expect(c?.summary).toMatch(/synced from Active Directory/);
  });

  it('fails a Conditional Access policy that requires MFA of All users without excluding the room', () => {
    const policy: CaPolicyFact = {
      kind: 'ca-policy', id: 'p1', displayName: 'Require MFA for all users', state: 'enabled', unsatisfiable: ['requires MFA'],
      outcome: 'applies', grant: 'blocks', reason: 'Applies: it includes All users, targets all resources, and every other condition includes the room.',
      evidence: ev('graph:/identity/conditionalAccess/policies/p1'),
    };
    const c = check([policy], 'conditional-access');
    expect(c?.status).toBe('fail');
    expect(c?.summary).toBe('A Conditional Access policy applies to the resource account with controls a room cannot satisfy: "Require MFA for all users" (requires MFA).');
    expect(c?.remedy[0]).toMatch(/Policy "Require MFA for all users" applies to the room and requires MFA: exclude the resource account/);
    const reportOnly = check([{ ...policy, state: 'enabledForReportingButNotEnforced' }], 'conditional-access');
    expect(reportOnly?.status).toBe('warn');
    // Entra recorded it as not applied on a successful sign-in: the logs outrank the static reading.
    const contradicted = check([{ ...policy, logged: { results: { notApplied: 3 }, notAppliedOnSuccess: 3, latestNotApplied: '2026-03-10T10:00:00Z' } }], 'conditional-access');
    expect(contradicted?.status).toBe('warn');
    // A policy that does not apply or only may apply is never a failure.
    expect(check([{ ...policy, outcome: 'may-apply', dependsOn: ['locations'] }], 'conditional-access')?.status).toBe('warn');
    expect(check([{ ...policy, outcome: 'does-not-apply' }], 'conditional-access')?.status).not.toBe('fail');
  });

  it('fails per-user MFA enforced before any failure is logged, warns on security defaults', () => {
    const perUser: MfaPolicyFact = { kind: 'mfa-policy', topic: 'per-user-mfa', state: 'enforced', evidence: ev('graph:/beta/users/u1/authentication/requirements') };
    const defaults: MfaPolicyFact = { kind: 'mfa-policy', topic: 'security-defaults', state: 'enabled', evidence: ev('graph:/policies/identitySecurityDefaultsEnforcementPolicy') };
    expect(check([perUser], 'mfa')).toMatchObject({ status: 'fail', summary: expect.stringMatching(/Per-user MFA is enforced/) });
    expect(check([defaults], 'mfa')).toMatchObject({ status: 'warn', summary: expect.stringMatching(/Security defaults are on/) });
  });

  it('says which source would settle a check it has no evidence for', () => {
    const r = runChecks({ facts: [], sources: NO_SOURCES, window: { from: null, to: null } }, { now: NOW });
    expect(r.checks.every((c) => c.status === 'unknown')).toBe(true);
    expect(r.checks.find((c) => c.id === 'license')?.missingSource).toBe(
      "From the device, a Teams client log (Logs.txt or MSTeams_*.log) or heartbeats in the Skype Room System log; or from the tenant, the account's licenses.",
    );
  });
});
