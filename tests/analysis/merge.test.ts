// One attempt, two views: a device bundle and Entra's sign-ins for the same room, through the real MSAL and
// Graph client against the fake tenant. Attempts are data, counted once; Entra's more specific code wins;
// another account's evidence is never mixed in; attempts too recent for the sign-in log are not "missing".
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyse } from '../../main/analysis/analyse';
import { AppTemp } from '../../main/fs/app-temp';
import type { AnalysisResult, CheckId, CheckResult } from '../../main/model/analysis';
import { analysisResultSchema } from '../../main/model/analysis-schema';
import { graphRequests, signedIn } from '../graph/support';
import { writeBundleZip } from '../support/bundles/build';
import { BOARDROOM, HUDDLE_5X } from '../support/bundles/device';
import type { Condition, Scenario } from '../support/bundles/scenarios';
import type { FakeTenant } from '../support/fake-tenant';

const NOW = new Date('2026-03-10T12:00:00Z');
let tenant: FakeTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

const check = (r: AnalysisResult, id: CheckId) => r.checks.find((c) => c.id === id) as CheckResult;
const verdict = (r: AnalysisResult, id: CheckId) => `${check(r, id).status}/${check(r, id).reason.code}`;
const aad = (code: string): Condition => ({ kind: 'aadsts', code, exchange: `80131500 : AADSTS${code}`, teams: 'Unhealthy' });

function bundleScenario(over: Partial<Scenario>): Scenario {
  return {
    id: 'merge',
    title: 'merge',
    description: 'merge',
    device: BOARDROOM,
    start: new Date(NOW.getTime() - 3 * 3_600_000).toISOString(),
    hours: 3,
    phases: [{ fromHour: 0, conditions: [{ kind: 'healthy' }] }],
    teamsLog: 'classic',
    seed: 77,
    sample: false,
    ...over,
  };
}

async function merged(tenantScenario: Parameters<typeof signedIn>[0] extends infer O ? (O extends { scenario?: infer S } ? S : never) : never, s: (t: FakeTenant) => Scenario, account?: (t: FakeTenant) => string, graph?: { nonPremium?: boolean }) {
  const signed = await signedIn({ scenario: tenantScenario, now: NOW, graph });
  tenant = signed.tenant;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-merge-'));
  try {
    const zip = path.join(dir, 'room.zip');
    await writeBundleZip(s(signed.tenant), zip, { correlationIds: signed.tenant.deviceCorrelationIds });
    const r = await analyse(
      {
        bundle: { path: zip, temp: new AppTemp(path.join(dir, 'temp')) },
        tenant: { auth: signed.auth, graphUrl: signed.tenant.graphBaseUrl, account: account ? account(signed.tenant) : signed.tenant.room.upn, tenantName: 'contoso.com' },
      },
      { now: NOW },
    );
    analysisResultSchema.parse(JSON.parse(JSON.stringify(r)));
    return r;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('bundle + tenant: one answer per attempt', () => {
  it('AADSTS50126 on the device, 50055 in Entra for the same attempts: the expired password is the cause', async () => {
    const r = await merged('expired-behind-50126', (t) =>
      bundleScenario({ device: { ...BOARDROOM, alias: t.room.upn }, phases: [{ fromHour: 0, conditions: [{ kind: 'healthy' }] }, { fromHour: 1.5, conditions: [aad('50126')] }] }),
    );
    expect(verdict(r, 'password')).toBe('fail/failing');
    const pw = check(r, 'password');
    expect(pw.summary).toMatch(/For 6 of these attempts the device logged AADSTS50126, but Entra's sign-in for the same Correlation ID says the password expired/);
    expect(pw.attemptCounts).toEqual({ total: 6, confirmedInEntra: 6 });
    // Credentials: the password was right, only expired — it follows from the expired password.
    expect(verdict(r, 'credentials')).toBe('pass/healthy');
    expect(check(r, 'credentials').summary).toMatch(/6 attempts the device logged as AADSTS50126 follow from the expired password/);
    // The attempts are data: both views on each, counted once.
    const attempts = r.attempts ?? [];
    const linked = attempts.filter((a) => a.entraState === 'matched');
    expect(linked).toHaveLength(6);
    expect(linked.every((a) => a.device?.aadsts === 'AADSTS50126' && a.entra?.errorCode === 50055 && a.code === 'AADSTS50055' && a.check === 'password')).toBe(true);
    expect(new Set(attempts.map((a) => a.id)).size).toBe(attempts.length);
    expect(pw.occurrences).toBe(6);
  });

  it('a bundle from another room than the account read: warned, and no Entra row is mixed into a check', async () => {
    const r = await merged('mfa', () => bundleScenario({ device: HUDDLE_5X, phases: [{ fromHour: 0, conditions: [aad('50126')] }] }));
    expect(r.warnings.find((w) => w.source === 'account')?.message).toMatch(/signed in as huddle7@contoso\.com, but the tenant was read for mtr-boardroom@contoso\.com/);
    // The huddle's own evidence decides; the boardroom's MFA rows do not appear anywhere in the verdicts.
    expect(verdict(r, 'credentials')).toBe('fail/failing');
    expect(check(r, 'mfa').status).not.toBe('fail');
    for (const c of r.checks) expect(c.evidence.every((e) => !e.source.startsWith('graph:'))).toBe(true);
    expect((r.attempts ?? []).every((a) => a.entra === null)).toBe(true);
    // No Correlation ID of the huddle was looked up in the boardroom's name.
    expect(graphRequests(tenant as FakeTenant, '/v1.0/auditLogs/signIns').some((q) => /correlationId/.test(q.query.$filter ?? ''))).toBe(false);
  });

  it('offline device, nothing in Entra: the network fails on both views, the rest is not reached', async () => {
    const r = await merged('network', (t) => bundleScenario({ device: { ...BOARDROOM, alias: t.room.upn }, phases: [{ fromHour: 0, conditions: [{ kind: 'offline' }] }] }));
    expect(verdict(r, 'network')).toBe('fail/failing');
    expect(check(r, 'network').summary).toMatch(/Entra has no sign-in for mtr-boardroom@contoso\.com .*nothing reached it/);
    for (const id of ['mfa', 'conditional-access', 'credentials'] as const) expect(verdict(r, id)).toBe('unknown/not-reached');
  });

  it('attempts newer than the sign-in log delay are "not yet in Entra", older unmatched ones are said plainly', async () => {
    const r = await merged('network', (t) =>
      bundleScenario({ device: { ...BOARDROOM, alias: t.room.upn }, phases: [{ fromHour: 0, conditions: [{ kind: 'healthy' }] }, { fromHour: 1, conditions: [aad('53003')] }] }),
    );
    const states = (r.attempts ?? []).map((a) => a.entraState);
    expect(states.filter((s) => s === 'not-yet-in-entra').length).toBeGreaterThan(0);
    expect(states.filter((s) => s === 'not-in-entra').length).toBeGreaterThan(0);
    expect(r.warnings.some((w) => /newer than the sign-in log delay \(30 minutes\) and are not in Entra yet: that is expected/.test(w.message))).toBe(true);
    expect(check(r, 'conditional-access').summary).toMatch(/too recent to be in Entra's sign-in logs yet/);
  });

  it('CA failure in both views: each device attempt carries its Entra row', async () => {
    const r = await merged('conditional-access', (t) =>
      bundleScenario({ device: { ...BOARDROOM, alias: t.room.upn }, phases: [{ fromHour: 0, conditions: [{ kind: 'healthy' }] }, { fromHour: 2.5, conditions: [aad('53003')] }] }),
    );
    const ca = check(r, 'conditional-access');
    expect(ca.status).toBe('fail');
    expect(ca.attemptCounts?.confirmedInEntra).toBe(1);
    const linked = (r.attempts ?? []).find((a) => a.entraState === 'matched');
    expect(linked?.entra?.conditionalAccessStatus).toBe('failure');
    const ev = ca.evidence.find((e) => e.fields?.some((f) => f.label === 'Entra: Request ID'));
    expect(ev?.fields?.map((f) => f.label)).toEqual(expect.arrayContaining(['Correlation ID', 'Entra: Sign-in error code', 'Entra: Conditional Access', 'Entra: IP address']));
  });
});

describe('tenant only', () => {
  it('a healthy room without an Exchange plan: the mailbox passes on the room list (rooms need no license)', async () => {
    const s = await signedIn({ scenario: 'healthy-no-exchange-plan', now: NOW });
    tenant = s.tenant;
    const r = await analyse({ tenant: { auth: s.auth, graphUrl: s.tenant.graphBaseUrl, account: s.tenant.room.upn, tenantName: 'contoso.com' } }, { now: NOW });
    expect(verdict(r, 'mailbox')).toBe('pass/healthy');
    expect(r.checks.every((c) => c.status === 'pass')).toBe(true);
  });

  it('an account that does not exist: "no such account", and nothing else is judged', async () => {
    const s = await signedIn({ scenario: 'healthy', now: NOW });
    tenant = s.tenant;
    const r = await analyse({ tenant: { auth: s.auth, graphUrl: s.tenant.graphBaseUrl, account: 'mtr-nobody@contoso.com', tenantName: 'contoso.com' } }, { now: NOW });
    expect(verdict(r, 'credentials')).toBe('fail/failing');
    expect(check(r, 'credentials').summary).toMatch(/No such account in this tenant: No user mtr-nobody@contoso\.com exists/);
    for (const id of ['mfa', 'conditional-access', 'password', 'mailbox', 'license'] as const) expect(verdict(r, id)).toBe('unknown/not-reached');
    expect(check(r, 'network').status).toBe('unknown');
    // Only the sign-in logs for the name as typed are read after the 404 (AADSTS50034 rows would be there); no
    // licence or room is read for an account that does not exist.
    expect(graphRequests(s.tenant, '/v1.0/auditLogs/signIns').every((q) => (q.query.$filter ?? '').includes('mtr-nobody@contoso.com'))).toBe(true);
    expect(graphRequests(s.tenant, `/v1.0/users/mtr-nobody@contoso.com/licenseDetails`)).toEqual([]);
    expect(check(r, 'credentials').evidence[0]).toMatchObject({ source: 'graph:/users/mtr-nobody@contoso.com', locator: 'HTTP 404' });
  });

  it('a tenant without Entra ID P1: each check that needs sign-in logs says so itself', async () => {
    const s = await signedIn({ scenario: 'healthy', now: NOW, graph: { nonPremium: true } });
    tenant = s.tenant;
    const r = await analyse({ tenant: { auth: s.auth, graphUrl: s.tenant.graphBaseUrl, account: s.tenant.room.upn, tenantName: 'contoso.com' } }, { now: NOW });
    for (const id of ['mfa', 'conditional-access', 'credentials', 'network'] as const) {
      const c = check(r, id);
      expect(c.status, id).toBe('unknown');
      expect(`${c.reason.code} ${c.reason.text}`, id).toMatch(/no-premium|P1 or P2/);
    }
    // Checks with other Graph evidence still decide.
    expect(verdict(r, 'license')).toBe('pass/healthy');
    expect(verdict(r, 'mailbox')).toBe('pass/healthy');
  });
});
