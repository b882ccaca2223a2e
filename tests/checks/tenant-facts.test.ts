// The tenant facts real tenants have, through the whole tenant path against the fake tenant: every Teams Rooms
// SKU of Microsoft's licensing reference, a Teams plan that is not Success, a domain without a password validity
// period, a misspelt account (404 + AADSTS50034 for the name as typed), and a bundle of another account.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyse as analyseInput } from '../../main/analysis/analyse';
import skus from '../../main/checks/data/mtr-skus.json';
import { AppTemp } from '../../main/fs/app-temp';
import type { AnalysisResult, CheckId } from '../../main/model/analysis';
import { writeBundleZip } from '../support/bundles/build';
import { scenario } from '../support/bundles/scenarios';
import type { FakeTenant, FakeTenantOptions } from '../support/fake-tenant';
import { MISSPELT_UPN } from '../support/fake-tenant/scenarios';
import { signedIn } from '../graph/support';

const NOW = new Date('2026-03-10T12:00:00Z');
let tenant: FakeTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

const check = (r: AnalysisResult, id: CheckId) => r.checks.find((c) => c.id === id) as AnalysisResult['checks'][number];

async function analyse(options: FakeTenantOptions, account?: string) {
  const s = await signedIn({ now: NOW, ...options });
  tenant = s.tenant;
  return analyseInput({ tenant: { auth: s.auth, graphUrl: s.tenant.graphBaseUrl, account: account ?? s.tenant.room.upn, tenantName: 'contoso.com' } }, { now: NOW });
}

const TEAMS_PLAN_IDS: Record<string, string> = Object.fromEntries(skus.teamsPlans.map((p) => [p.servicePlanName, p.servicePlanId]));

describe('Teams Rooms licences', () => {
  it.each(skus.roomSkus.map((s) => [s.skuPartNumber, s] as const))('%s with its Teams plan on passes, named as the reference names it', async (_, sku) => {
    const r = await analyse({
      scenario: 'healthy',
      patch: (d) => {
        d.licenseDetails = [{ id: 'l1', skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, servicePlans: [{ servicePlanId: TEAMS_PLAN_IDS[sku.teamsPlan], servicePlanName: sku.teamsPlan, provisioningStatus: 'Success', appliesTo: 'User' }] }];
      },
    });
    expect(check(r, 'license')).toMatchObject({ status: 'pass', summary: `The account has ${sku.name} with Microsoft Teams enabled.` });
  });

  it('Teams Rooms Pro for EDU (Microsoft_Teams_Rooms_Pro_FAC) is a room licence', async () => {
    const r = await analyse({ scenario: 'license-edu' });
    expect(check(r, 'license')).toMatchObject({ status: 'pass', summary: 'The account has Microsoft Teams Rooms Pro for EDU with Microsoft Teams enabled.' });
  });

  it('TEAMS1 Disabled (or any status but Success) fails, naming the plan and its status', async () => {
    const r = await analyse({ scenario: 'license-teams-disabled' });
    expect(check(r, 'license')).toMatchObject({
      status: 'fail',
      summary: 'The account has Microsoft Teams Rooms Pro, but its Microsoft Teams plan (TEAMS1) is Disabled, not Success.',
      reason: { code: 'failing' },
    });
    const pending = await analyse({
      scenario: 'license-teams-disabled',
      patch: (d) => {
        for (const p of (d.licenseDetails[0]?.servicePlans ?? []) as Record<string, unknown>[]) if (p.servicePlanName === 'TEAMS1') p.provisioningStatus = 'PendingProvisioning';
      },
    });
    expect(check(pending, 'license').status).toBe('fail');
  });
});

describe('password expiry the domain does not set', () => {
  it('says what is known (accepted now) and what is not (the expiry), with the date the 90-day default would give', async () => {
    const r = await analyse({ scenario: 'password-validity-null' });
    const pw = check(r, 'password');
    expect(pw.status).toBe('pass');
    expect(pw.summary).toMatch(/^The password is accepted and has not expired: /);
    expect(pw.summary).toMatch(
      /When it expires is not known: the domain contoso\.com sets no password validity period, and Entra's default is 90 days for tenants created before 2021 and no expiration since\. If the 90-day default applies, it expires on 2026-05-09 12:00 UTC; set the account/,
    );
  });

  it('warns when the 90-day default would end the password within two weeks', async () => {
    const r = await analyse({
      scenario: 'password-validity-null',
      patch: (d) => {
        d.user.lastPasswordChangeDateTime = new Date(NOW.getTime() - 85 * 86_400_000).toISOString();
      },
    });
    expect(check(r, 'password')).toMatchObject({ status: 'warn', reason: { code: 'risk' } });
    expect(check(r, 'password').summary).toMatch(/may expire in 5 days, on .* if the 90-day default applies/);
  });
});

describe('a misspelt account', () => {
  it('fails Credentials with the 404 and the AADSTS50034 sign-ins for the name as typed in the evidence', async () => {
    const r = await analyse({ scenario: 'account-misspelt' }, MISSPELT_UPN);
    const cred = check(r, 'credentials');
    expect(cred.status).toBe('fail');
    expect(cred.summary).toMatch(/the sign-in name does not exist in the directory \(AADSTS50034\)/);
    expect(cred.evidence.some((e) => e.source === `graph:/users/${MISSPELT_UPN}` && e.locator === 'HTTP 404')).toBe(true);
    expect(cred.evidence.some((e) => e.source.startsWith('graph:/auditLogs/signIns/'))).toBe(true);
    expect(tenant?.requests.some((q) => q.path === '/v1.0/auditLogs/signIns' && (q.query.$filter ?? '').includes(MISSPELT_UPN))).toBe(true);
  });
});

describe('a bundle of one account, the tenant read for another', () => {
  it('marks the device attempts not looked up and never says they did not reach Entra', async () => {
    const s = await signedIn({ scenario: 'healthy', now: NOW });
    tenant = s.tenant;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-other-account-'));
    try {
      const zip = path.join(dir, 'room.zip');
      const base = scenario('mfa');
      await writeBundleZip({ ...base, device: { ...base.device, alias: 'mtr-other@contoso.com' }, start: '2026-03-09T06:00:00.000Z' }, zip, { correlationIds: ['3f1c2a9e-7d4b-4e21-9a63-0c5b8e7d1f20'] });
      const r = await analyseInput({ bundle: { path: zip, temp: new AppTemp(path.join(dir, 'temp')) }, tenant: { auth: s.auth, graphUrl: s.tenant.graphBaseUrl, account: s.tenant.room.upn, tenantName: 'contoso.com' } }, { now: NOW });
      expect(r.warnings.some((w) => w.source === 'account' && w.message.includes('kept out of the checks'))).toBe(true);
      const device = (r.attempts ?? []).filter((a) => a.device);
      expect(device.length).toBeGreaterThan(0);
      expect(device.every((a) => a.entraState === 'not-looked-up')).toBe(true);
      expect(r.warnings.map((w) => w.message).join('\n')).not.toMatch(/did not reach Entra/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
