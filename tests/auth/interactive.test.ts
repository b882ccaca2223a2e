import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMsalAuthProvider } from '../../main/auth/msal-provider';
import { fakeBrowser, startFakeTenant, type FakeTenant } from '../support/fake-tenant';
import { loopbackPort, portIsFree } from './loopback';
import { settingsFor } from './support';

let tenant: FakeTenant;
beforeEach(async () => {
  tenant = await startFakeTenant();
  expect(tenant.trusted, 'vitest globalSetup must put the fake tenant CA in NODE_EXTRA_CA_CERTS').toBe(true);
});
afterEach(() => tenant.close());

const tokenRequests = () => tenant.requests.filter((r) => r.server === 'login' && r.path.endsWith('/oauth2/v2.0/token'));

describe('interactive sign-in (system browser, PKCE, loopback)', () => {
  it('signs the technician in through the browser and yields a Graph token', async () => {
    const browser = fakeBrowser();
    const auth = await createMsalAuthProvider({ settings: settingsFor(tenant), openBrowser: browser.openBrowser });

    const outcome = await auth.signInInteractive();

    expect(outcome).toEqual({
      ok: true,
      account: expect.objectContaining({ username: tenant.technician.upn, tenantId: tenant.tenantId }),
    });
    const authorize = new URL(browser.opened[0] ?? '');
    expect(authorize.origin + authorize.pathname).toBe(`${tenant.authority}/oauth2/v2.0/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+$/);
    expect(authorize.searchParams.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining([`${tenant.graphUrl}/AuditLog.Read.All`, `${tenant.graphUrl}/Policy.Read.All`, `${tenant.graphUrl}/Place.Read.All`]),
    );
    const visit = await browser.visits[0];
    expect(visit?.loopbackStatus).toBe(200);
    expect(visit?.loopbackPage).toContain('You can close this tab');
    // The code was redeemed with the PKCE verifier (the fake tenant rejects a mismatch).
    expect(tokenRequests().map((r) => [r.grantType, r.status])).toEqual([['authorization_code', 200]]);

    const token = await auth.getAccessToken();
    expect(tenant.issuedTokens()).toContain(token);
    expect(await auth.currentAccount()).toMatchObject({ username: tenant.technician.upn });
    expect(await portIsFree(loopbackPort(browser.opened[0] ?? ''))).toBe(true);
  });

  it('cancelling while the browser is open ends with "cancelled" and frees the loopback port', async () => {
    const browser = fakeBrowser('ignore');
    const auth = await createMsalAuthProvider({ settings: settingsFor(tenant), openBrowser: browser.openBrowser });
    const controller = new AbortController();

    const pending = auth.signInInteractive({ signal: controller.signal });
    await vi.waitFor(() => expect(browser.opened).toHaveLength(1));
    const port = loopbackPort(browser.opened[0] ?? '');
    expect(await portIsFree(port)).toBe(false);
    controller.abort();
    const outcome = await pending;

    expect(outcome).toEqual({ ok: false, problem: expect.objectContaining({ id: 'cancelled', title: 'Sign-in cancelled' }) });
    expect(await portIsFree(port)).toBe(true);
    expect(tokenRequests()).toHaveLength(0);
    expect(await auth.currentAccount()).toBeNull();
  });

  it('cancelling before the browser opened never opens it', async () => {
    const browser = fakeBrowser();
    const auth = await createMsalAuthProvider({ settings: settingsFor(tenant), openBrowser: browser.openBrowser });
    const controller = new AbortController();

    const pending = auth.signInInteractive({ signal: controller.signal });
    controller.abort();

    expect(await pending).toMatchObject({ ok: false, problem: { id: 'cancelled' } });
    expect(browser.opened).toEqual([]);
    expect(await auth.currentAccount()).toBeNull();
  });
});
