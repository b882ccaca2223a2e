import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMsalAuthProvider } from '../../main/auth/msal-provider';
import { fakeBrowser, startFakeTenant, type FakeTenant } from '../support/fake-tenant';
import { captureLog, settingsFor } from './support';

let tenant: FakeTenant;
beforeEach(async () => {
  tenant = await startFakeTenant();
  expect(tenant.trusted, 'vitest globalSetup must put the fake tenant CA in NODE_EXTRA_CA_CERTS').toBe(true);
});
afterEach(() => tenant.close());

describe('interactive sign-in (system browser, PKCE, loopback)', () => {
  it('signs in through the browser and gets a Graph token', async () => {
    const browser = fakeBrowser();
    const { log } = captureLog();
    const auth = await createMsalAuthProvider({ settings: settingsFor(tenant), openBrowser: browser.openBrowser, log });
    const outcome = await auth.signInInteractive();
    expect(outcome).toMatchObject({ ok: true, account: { username: tenant.technician.upn, tenantId: tenant.tenantId } });
    const visit = await browser.visits[0];
    expect(visit?.loopbackStatus).toBe(200);
    expect(visit?.loopbackPage).toContain('Signed in');

    const authorize = new URL(browser.opened[0] ?? '');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+$/);

    const token = await auth.getAccessToken();
    expect(tenant.issuedTokens()).toContain(token);
  });
});
