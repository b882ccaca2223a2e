// The password check's fix is one list for the account's kind, filled with this account's name: a synced
// account is reset in on-premises Active Directory (never "in the Microsoft 365 admin center"), a cloud one
// in the admin center; no step repeats another and no <account> placeholder is left.
import { describe, expect, it } from 'vitest';
import { NO_SOURCES } from '../../main/analysis/assemble';
import { runChecks } from '../../main/checks/run-checks';
import type { AadErrorFact, AccountFact, Fact } from '../../main/model/facts';

const NOW = new Date('2026-03-10T12:00:00Z');
const ev = (source: string) => ({ source, locator: 'x', time: null, excerpt: source });
const failure = (aadsts: string, time: string, corr: string): AadErrorFact => ({
  kind: 'aad-error', time, eventId: 1098, hresult: '0xCAA20003', aadsts, oauthCode: 'invalid_grant', correlationId: corr, traceId: null,
  resource: null, client: null, description: null, computer: 'MTR-1', account: 'room7@contoso.com', origin: 'app',
  evidence: { source: 'Windows/EventLog/aad.evtx', locator: `record ${time}`, time, excerpt: `AADSTS${aadsts}` },
});
const account = (synced: boolean): AccountFact => ({
  kind: 'account', userPrincipalName: 'room7@contoso.com', id: 'u1', accountEnabled: true, mail: 'room7@contoso.com',
  passwordPolicies: 'None', lastPasswordChangeDateTime: '2025-12-16T09:00:00Z', onPremisesSyncEnabled: synced,
  passwordValidityDays: 90, exchangePlanEnabled: true, evidence: ev('graph:/users/u1'),
});
const password = (facts: Fact[], graph = false) =>
  runChecks({ facts, sources: { ...NO_SOURCES, aadLog: true, graphAccount: graph }, window: { from: null, to: null } }, { now: NOW }).checks.find(
    (c) => c.id === 'password',
  );
const failures = (code: string) => [failure(code, '2026-03-10T10:00:00Z', 'C1'), failure(code, '2026-03-10T10:05:00Z', 'C2')];

function expectOneList(remedy: string[]) {
  expect(remedy.length).toBeGreaterThan(0);
  expect(new Set(remedy).size).toBe(remedy.length);
  // No step says the same thing twice in other words: one reset, one "enter it on the device", one "never expire".
  expect(remedy.filter((s) => /\breset\b/i.test(s) && !/^The password of/.test(s))).toHaveLength(1);
  expect(remedy.filter((s) => /Enter the new password on the device/.test(s))).toHaveLength(1);
  expect(remedy.filter((s) => /never (to )?expire/i.test(s))).toHaveLength(1);
  expect(remedy.join(' ')).not.toMatch(/<account>/);
}

describe('password fix', () => {
  it('a synced account (AADSTS50144): reset in on-premises AD, never in the Microsoft 365 admin center', () => {
    const c = password(failures('50144'));
    expect(c?.status).toBe('fail');
    expectOneList(c?.remedy ?? []);
    expect(c?.remedy[0]).toMatch(/^Reset the password of room7@contoso\.com in on-premises Active Directory/);
    expect(c?.remedy.join(' ')).not.toMatch(/admin center|Update-MgUser/);
  });

  it('an account Entra says is synced, with a cloud-looking code: still the AD list', () => {
    const c = password([...failures('50055'), account(true)], true);
    expectOneList(c?.remedy ?? []);
    expect(c?.remedy.join(' ')).not.toMatch(/admin center/);
  });

  it('a cloud account (AADSTS50055): reset in the admin center, the command names this account', () => {
    const c = password(failures('50055'));
    expectOneList(c?.remedy ?? []);
    expect(c?.remedy[0]).toMatch(/Microsoft 365 admin center .* room7@contoso\.com/);
    expect(c?.remedy.join(' ')).toContain('Update-MgUser -UserId room7@contoso.com -PasswordPolicies DisablePasswordExpiration');
    expect(c?.remedy.join(' ')).not.toMatch(/Active Directory Users/);
  });

  it('a changed password (AADSTS50133) of an account of unknown kind: enter the current one, else reset where it lives', () => {
    const c = password(failures('50133'));
    expect(c?.remedy[0]).toMatch(/^The password of room7@contoso\.com was changed/);
    expect(new Set(c?.remedy).size).toBe(c?.remedy.length);
    expect(c?.remedy.join(' ')).not.toMatch(/<account>/);
  });
});
