// For each check of the troubleshooting article, the fake tenant holds that problem and collectGraphFacts must
// return the facts that show it; the healthy tenant must return healthy facts.
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthProvider } from '../../main/auth/provider';
import { GROUPS, MICROSOFT, type FakeTenant, type FakeTenantOptions } from '../support/fake-tenant';
import { collectFor, ofKind, signedIn } from './support';

const NOW = new Date('2026-03-10T12:00:00Z');
const DAY = 86_400_000;

let tenant: FakeTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

async function collectScenario(scenario: FakeTenantOptions['scenario'], correlationIds: string[] = [], perUserMfa = true) {
  let auth: AuthProvider;
  ({ tenant, auth } = await signedIn({ scenario, now: NOW }));
  const result = await collectFor(tenant, auth, { correlationIds: correlationIds.length ? correlationIds : tenant.deviceCorrelationIds, perUserMfa });
  return { ...result, tenant };
}

describe('Graph facts per check', () => {
  it('healthy: licensed room, mailbox, password never expires, only successful sign-ins', async () => {
    const { facts, sources, warnings } = await collectScenario('healthy');

    expect(sources).toEqual({ graphSignIns: true, graphAccount: true, graphLicenses: true, graphMailbox: true, graphPolicies: true });
    expect(warnings).toEqual([]);
    expect(ofKind(facts, 'source-problem')).toEqual([]);
    const signIns = ofKind(facts, 'signin');
    expect(signIns).toHaveLength(12);
    expect(signIns.every((s) => s.errorCode === 0 && s.conditionalAccessStatus === 'success')).toBe(true);
    expect(signIns.filter((s) => s.interactive)).toHaveLength(4);
    expect(ofKind(facts, 'account')[0]).toMatchObject({
      userPrincipalName: 'mtr-boardroom@contoso.com',
      accountEnabled: true,
      passwordPolicies: 'DisablePasswordExpiration',
      passwordValidityDays: Number.POSITIVE_INFINITY,
      exchangePlanEnabled: true,
      domainAuthenticationType: 'Managed',
    });
    const [license] = ofKind(facts, 'license');
    expect(license?.skus).toEqual([
      expect.objectContaining({
        skuId: MICROSOFT.skus.teamsRoomsPro,
        skuPartNumber: 'Microsoft_Teams_Rooms_Pro',
        plans: expect.arrayContaining([{ servicePlanName: 'TEAMS1', servicePlanId: MICROSOFT.plans.teams1, provisioningStatus: 'Success' }]),
      }),
    ]);
    // mailboxSettings of another user is not readable with delegated reader rights: unknown, not "missing".
    expect(ofKind(facts, 'mailbox')).toEqual([
      expect.objectContaining({ roomFound: true, mailboxMissing: null, roomEmailAddress: 'mtr-boardroom@contoso.com' }),
    ]);
    expect(ofKind(facts, 'mfa-policy').map((f) => [f.topic, f.state])).toEqual([
      ['security-defaults', 'disabled'],
      ['per-user-mfa', 'disabled'],
    ]);
    expect(ofKind(facts, 'ca-policy')).toEqual([
      expect.objectContaining({
        displayName: 'Teams Rooms: require compliant device',
        includedBy: `group "${GROUPS.teamsRooms.displayName}"`,
        unsatisfiable: [],
      }),
    ]);
  });

  it('mfa: 50076/50079 sign-ins, per-user MFA enforced, security defaults on', async () => {
    const { facts, tenant } = await collectScenario('mfa');
    const codes = ofKind(facts, 'signin').map((s) => s.errorCode);
    expect(new Set(codes)).toEqual(new Set([50076, 50079]));
    expect(ofKind(facts, 'signin').filter((s) => !s.interactive && s.errorCode === 50076)).toHaveLength(3);
    expect(ofKind(facts, 'signin').filter((s) => !s.interactive).every((s) => s.authenticationRequirement === 'multiFactorAuthentication')).toBe(true);
    const device = ofKind(facts, 'signin').find((s) => s.correlationId === tenant.deviceCorrelationIds[0]);
    expect(device).toMatchObject({ errorCode: 50076, failureReason: expect.stringContaining('multi-factor authentication') });
    expect(ofKind(facts, 'mfa-policy').map((f) => [f.topic, f.state])).toEqual([
      ['security-defaults', 'enabled'],
      ['per-user-mfa', 'enforced'],
    ]);
  });

  it('conditional access: 53003 with the failed policy, and the policies that reach the room', async () => {
    const { facts } = await collectScenario('conditional-access');
    const blocked = ofKind(facts, 'signin').filter((s) => s.errorCode === 53003);
    expect(blocked).toHaveLength(5);
    expect(blocked.every((s) => s.conditionalAccessStatus === 'failure' && s.failedPolicies.join() === 'Require MFA for all users')).toBe(true);

    // Every enabled and report-only policy is evaluated (the disabled one is not), each with its outcome and reason.
    const policies = Object.fromEntries(ofKind(facts, 'ca-policy').map((p) => [p.displayName, p]));
    expect(Object.keys(policies).sort()).toEqual([
      'Block legacy authentication',
      'Finance: require hybrid joined device',
      'Report-only: phishing-resistant MFA',
      'Require MFA for all users',
      'Teams Rooms: require compliant device',
    ]);
    expect(policies['Require MFA for all users']).toMatchObject({
      state: 'enabled',
      outcome: 'applies',
      includedBy: 'All users',
      grant: 'blocks',
      unsatisfiable: ['requires multifactor authentication'],
      grantControls: { operator: 'OR', builtInControls: ['mfa'] },
      logged: { results: { failure: 5 } },
    });
    expect(policies['Block legacy authentication']).toMatchObject({
      outcome: 'does-not-apply',
      reason: `Does not apply (users): the policy excludes group "${GROUPS.teamsRooms.displayName}", of which the room account is a member (directly or nested).`,
    });
    expect(policies['Finance: require hybrid joined device']?.reason).toMatch(/^Does not apply \(users\): the policy does not include the room account/);
    expect(policies['Report-only: phishing-resistant MFA']).toMatchObject({
      state: 'enabledForReportingButNotEnforced',
      outcome: 'applies',
      includedBy: `group "${GROUPS.allStaff.displayName}"`,
      unsatisfiable: ['requires authentication strength "Phishing-resistant MFA"'],
    });
    expect(policies['Teams Rooms: require compliant device']).toMatchObject({ outcome: 'applies', grant: 'none', unsatisfiable: [] });
    // The reason is in the evidence, whole.
    expect(policies['Block legacy authentication']?.evidence.fields).toContainEqual({ label: 'Reason', value: policies['Block legacy authentication']?.reason });
  });

  it('password (cloud): 50055 sign-ins and a password that expires in 6 days by policy', async () => {
    const { facts } = await collectScenario('password');
    const expired = ofKind(facts, 'signin').filter((s) => s.errorCode === 50055);
    expect(expired).toHaveLength(4);
    expect(expired[0]?.additionalDetails).toContain('password is expired');
    const [account] = ofKind(facts, 'account');
    expect(account).toMatchObject({ passwordPolicies: 'None', passwordValidityDays: 90, onPremisesSyncEnabled: null });
    // What the password check computes from the fact:
    const expiresAt = Date.parse(account?.lastPasswordChangeDateTime ?? '') + (account?.passwordValidityDays ?? 0) * DAY;
    expect((expiresAt - NOW.getTime()) / DAY).toBe(6);
  });

  it('password (synced from AD): 50144 and onPremisesSyncEnabled', async () => {
    const { facts } = await collectScenario('password-synced');
    expect(ofKind(facts, 'signin').map((s) => s.errorCode)).toEqual([50144, 50144, 50144]);
    expect(ofKind(facts, 'account')[0]).toMatchObject({ onPremisesSyncEnabled: true });
  });

  it('credentials: 50126 bad passwords, then 50053 lockout', async () => {
    const { facts } = await collectScenario('credentials');
    const signIns = ofKind(facts, 'signin');
    const bad = signIns.filter((s) => s.errorCode === 50126);
    const locked = signIns.filter((s) => s.errorCode === 50053);
    expect(bad).toHaveLength(5);
    expect(locked).toHaveLength(3);
    const lastBad = bad.map((s) => s.time).sort().at(-1) ?? '';
    expect(locked.every((s) => s.time > lastBad)).toBe(true);
  });

  it('network: no sign-in reached Entra in the window, and the device\'s Correlation ID is unknown to Entra', async () => {
    const { facts, sources, warnings } = await collectScenario('network');
    expect(sources.graphSignIns).toBe(true);
    expect(ofKind(facts, 'signin')).toEqual([]);
    expect(ofKind(facts, 'account')).toHaveLength(1);
    // The miss is judged by the analysis, which knows each attempt's age (sign-in logs arrive late).
    expect(warnings).toEqual([]);
  });

  it('per-user MFA is read only when asked for: no beta call and no "access denied" otherwise', async () => {
    const { facts, warnings } = await collectScenario('healthy', [], false);
    expect(ofKind(facts, 'mfa-policy').map((f) => f.topic)).toEqual(['security-defaults']);
    expect(warnings.filter((w) => /authentication\/requirements|denied/i.test(`${w.source} ${w.message}`))).toEqual([]);
  });

  it('mailbox: no room in /places, no Exchange plan, MailboxNotEnabledForRESTAPI', async () => {
    const { facts, sources } = await collectScenario('mailbox');
    expect(sources.graphMailbox).toBe(true);
    expect(ofKind(facts, 'mailbox')).toEqual([expect.objectContaining({ roomFound: false, mailboxMissing: true, roomEmailAddress: null })]);
    expect(ofKind(facts, 'account')[0]).toMatchObject({ exchangePlanEnabled: false, mail: null });
  });

  it('license: Teams Shared Devices (MCOCAP) instead of a Teams Rooms licence', async () => {
    const { facts } = await collectScenario('license');
    const [license] = ofKind(facts, 'license');
    expect(license?.skus.map((s) => s.skuPartNumber)).toEqual(['MCOCAP']);
    expect(license?.evidence).toMatchObject({ source: expect.stringMatching(/^graph:\/users\/.+\/licenseDetails$/), excerpt: expect.stringContaining('MCOCAP') });
  });
});
