// The wizard's "Sign in to tenant" path end to end in Chromium: settings, browser sign-in (the test plays the
// system browser against the fake tenant), Graph read, the seven checks; then device code sign-in and a
// bundle + Graph merge. The real main-process handlers, real MSAL and the real Graph client do the work.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { repoRoot, SCREENSHOTS, startHarness, type Harness } from '../support/app-harness';
import { listFiles } from '../support/fs-snapshot';
import { enterDeviceCode, fakeBrowser, startFakeTenant, type FakeTenant } from '../support/fake-tenant';

let h: Harness;
let tenant: FakeTenant;
const browser = fakeBrowser();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  tenant = await startFakeTenant({ scenario: 'mfa', now: new Date() });
  h = await startHarness({
    tenant: { endpoints: { loginUrl: tenant.loginUrl, graphUrl: tenant.graphUrl }, openBrowserFor: () => browser.openBrowser },
  });
});
afterAll(async () => {
  await h?.close();
  await tenant?.close();
});

async function fillSettings(page: Page) {
  await page.getByLabel('Application (client) ID').fill(tenant.clientId);
  await page.getByLabel('Tenant', { exact: true }).fill(tenant.tenantId);
  await page.getByLabel('Cloud').selectOption('global');
  await page.getByRole('button', { name: 'Save' }).click();
}

describe('sign in to tenant', () => {
  it('settings → browser sign-in → Graph → the seven checks', async () => {
    const page = await h.newPage();
    await page.getByRole('button', { name: 'Sign in to tenant…' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Microsoft Graph' }).isVisible()).toBe(true);
    // Invalid settings are refused at the field, in the form's words.
    await page.getByLabel('Application (client) ID').fill('not-a-guid');
    await page.getByLabel('Tenant', { exact: true }).fill('contoso.com');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByLabel('Application (client) ID').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#client-id-error').innerText()).toMatch(/Application \(client\) ID of your app registration: a GUID/);
    expect(await page.getByRole('dialog').innerText()).not.toMatch(/clientId/);
    await fillSettings(page);
    await page.getByRole('button', { name: 'Sign in with browser' }).click();
    await expect.poll(() => page.locator('.signed-in').getByText('Signed in as').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.locator('.signed-in strong').innerText()).toBe(tenant.technician.upn);
    expect(browser.opened[0]).toMatch(new RegExp(`^${tenant.loginUrl.replace(/[.]/g, '\\.')}/`));
    await page.getByLabel('Resource account (UPN)').fill(tenant.room.upn);
    await shot(page, '10-tenant-drawer-light');
    await page.getByRole('button', { name: 'Read Microsoft Graph and run the checks' }).click();
    await expect.poll(() => page.locator('.verdict-tile').count(), { timeout: 30_000 }).toBe(4);
    expect(await page.locator('.check-link', { hasText: 'Multifactor authentication' }).innerText()).toMatch(/Fail/);
    // Tenant only: no "Inventory ✓", the top bar names the tenant by its domain, the button who is signed in.
    const domain = tenant.room.upn.split('@')[1] ?? '';
    expect(await page.locator('.step', { hasText: 'Inventory' }).innerText()).toMatch(/Not used: tenant only/);
    expect(await page.locator('.step-done', { hasText: 'Inventory' }).count()).toBe(0);
    expect(await page.locator('.bundle-chip').allInnerTexts()).toEqual([domain]);
    expect(await page.locator('.topbar-actions').innerText()).toContain(`Signed in as ${tenant.technician.upn}`);
    await page.locator('.check-link', { hasText: 'Multifactor authentication' }).click();
    expect(await page.locator('.check-summary').innerText()).toMatch(/in Entra sign-in logs/);
    // Graph evidence under Entra's names, the resource path only as a tooltip.
    expect(await page.locator('.evidence-source').first().innerText()).toBe('Entra sign-in logs');
    expect(await page.locator('.evidence-source').first().getAttribute('title')).toMatch(/^graph:\/auditLogs\/signIns\//);
    await shot(page, '11-tenant-mfa-light');
    await page.close();
  });

  it('signs out, then in again with a device code shown in the app', async () => {
    const page = await h.newPage();
    await page.getByRole('button', { name: 'Sign in to tenant' }).first().click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Use a device code' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Use a device code' }).click();
    await expect.poll(() => page.locator('.device-code-value').isVisible(), { timeout: 20_000 }).toBe(true);
    const code = await page.locator('.device-code-value').innerText();
    const uri = await page.locator('.device-code-uri').innerText();
    await shot(page, '12-tenant-device-code-light');
    expect(await enterDeviceCode(uri, code)).toBeLessThan(400);
    await expect.poll(() => page.locator('.signed-in').getByText('Signed in as').isVisible(), { timeout: 20_000 }).toBe(true);
    await page.close();
  });

  it('merges the open bundle with Graph evidence', async () => {
    const page = await h.newPage({ colorScheme: 'dark' });
    await h.dropFile(page, path.join(repoRoot, 'assets/samples/mfa.zip'));
    await expect.poll(() => page.getByRole('heading', { name: 'Inventory of mfa.zip' }).isVisible(), { timeout: 20_000 }).toBe(true);
    // Already signed in (the test before): the top bar's button says who.
    await page.getByRole('button', { name: `Signed in as ${tenant.technician.upn}` }).click();
    await page.getByLabel('Resource account (UPN)').fill(tenant.room.upn);
    expect(await page.getByLabel(/Combine with mfa\.zip/).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Read Microsoft Graph and run the checks' }).click();
    await expect.poll(() => page.locator('.verdict-tile').count(), { timeout: 30_000 }).toBe(4);
    expect(await page.locator('.bundle-chip').allInnerTexts()).toEqual(['mfa.zip', tenant.room.upn.split('@')[1]]);
    await page.locator('.check-link', { hasText: 'Multifactor authentication' }).click();
    const sources = await page.locator('.evidence-source').allInnerTexts();
    expect(sources.some((s) => s.startsWith('Windows/EventLog/'))).toBe(true);
    expect(sources.some((s) => s.startsWith('Entra '))).toBe(true);
    await shot(page, '13-merged-mfa-dark');
    await page.close();
  });

  it("merges a fleet room's bundle with Graph evidence; the tenant alone leaves the room", async () => {
    const page = await h.newPage();
    await h.dropFile(page, ['mfa', 'healthy'].map((id) => path.join(repoRoot, `assets/samples/${id}.zip`)));
    await expect.poll(() => page.locator('.fleet-row').count(), { timeout: 60_000 }).toBe(2);
    // The room whose bundle is mfa.zip: its details name the file and open it.
    for (const shut = page.locator('.fleet-toggle[aria-expanded="false"]'); await shut.count(); ) await shut.first().click();
    await page.locator('tr.fleet-details', { hasText: 'mfa.zip' }).getByRole('button', { name: /^Open / }).click();
    await expect.poll(() => page.locator('.verdict-tile').count(), { timeout: 20_000 }).toBe(4);
    await page.getByRole('button', { name: `Signed in as ${tenant.technician.upn}` }).click();
    await page.getByLabel('Resource account (UPN)').fill(tenant.room.upn);
    expect(await page.getByLabel(/Combine with mfa\.zip/).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Read Microsoft Graph and run the checks' }).click();
    const domain = tenant.room.upn.split('@')[1] ?? '';
    await expect.poll(() => page.locator('.bundle-chip').allInnerTexts(), { timeout: 30_000 }).toEqual(['mfa.zip', domain]);
    await page.locator('.check-link', { hasText: 'Multifactor authentication' }).click();
    const sources = await page.locator('.evidence-source').allInnerTexts();
    expect(sources.some((s) => s.startsWith('Windows/EventLog/'))).toBe(true);
    expect(sources.some((s) => s.startsWith('Entra '))).toBe(true);
    // Still the fleet's room: its Inventory step is the bundle's.
    await page.locator('.stepper button', { hasText: 'Inventory' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Inventory of mfa.zip' }).isVisible()).toBe(true);

    // The tenant alone: no longer that room (no bundle chip, no Inventory), the fleet one click away.
    await page.getByRole('button', { name: `Signed in as ${tenant.technician.upn}` }).click();
    await page.getByLabel(/Combine with mfa\.zip/).uncheck();
    await page.getByRole('button', { name: 'Read Microsoft Graph and run the checks' }).click();
    await expect.poll(() => page.locator('.bundle-chip').allInnerTexts(), { timeout: 30_000 }).toEqual([domain]);
    const inventoryStep = page.locator('.stepper button', { hasText: 'Inventory' });
    expect(await inventoryStep.isDisabled()).toBe(true);
    expect(await inventoryStep.innerText()).toMatch(/Not used: tenant only/);
    await page.getByRole('button', { name: 'Back to the fleet' }).first().click();
    await expect.poll(() => page.locator('.fleet-row').count()).toBe(2);
    await page.close();
  }, 120_000);

  it('never wrote a token to disk: without an OS key store the sign-in stays in memory', () => {
    const written = listFiles(path.join(h.dir, 'user-data'));
    expect(written).toEqual(['tenant-settings.json']);
  });
});
