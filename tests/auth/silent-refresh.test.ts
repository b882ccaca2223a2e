import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError } from '../../main/model/cancellation';
import { createMsalAuthProvider } from '../../main/auth/msal-provider';
import { AuthProblemError } from '../../main/auth/access-problems';
import type { AuthProvider } from '../../main/auth/provider';
import { fakeBrowser, startFakeTenant, type FakeTenant } from '../support/fake-tenant';
import { settingsFor } from './support';

let tenant: FakeTenant;
afterEach(() => tenant.close());

/** Access tokens shorter-lived than MSAL's 5-minute renewal margin, so every getAccessToken refreshes. */
async function signedInWithShortTokens(): Promise<{ auth: AuthProvider; browser: ReturnType<typeof fakeBrowser> }> {
  tenant = await startFakeTenant({ auth: { accessTokenLifetimeSeconds: 60 } });
  expect(tenant.trusted).toBe(true);
  const browser = fakeBrowser();
  const auth = await createMsalAuthProvider({ settings: settingsFor(tenant), openBrowser: browser.openBrowser });
  expect((await auth.signInInteractive()).ok).toBe(true);
  return { auth, browser };
}

const grants = () => tenant.requests.filter((r) => r.grantType).map((r) => `${r.grantType} ${r.status}`);

async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthProblemError);
  return (error as AuthProblemError).problem;
}

describe('silent token refresh', () => {
  it('refreshes an expiring access token with the refresh token, without the browser', async () => {
    const { auth, browser } = await signedInWithShortTokens();
    const token = await auth.getAccessToken();
    expect(grants()).toEqual(['authorization_code 200', 'refresh_token 200']);
    expect(browser.opened).toHaveLength(1);
    expect(tenant.issuedTokens()).toContain(token);
  });

  it.each([
    ['expired', 'AADSTS700082'],
    ['revoked', 'AADSTS50173'],
    ['sign-in-frequency', 'AADSTS70043'],
  ] as const)('a %s refresh token asks the technician to sign in again (%s)', async (refreshTokens, code) => {
    const { auth } = await signedInWithShortTokens();
    tenant.setAuth({ refreshTokens });

    const problem = await problemOf(auth.getAccessToken());

    expect(problem).toMatchObject({ id: 'sign-in-again', code, title: 'Sign in again' });
    expect(grants().at(-1)).toBe('refresh_token 400');
    // Signing in again fixes it.
    tenant.setAuth({ refreshTokens: 'valid' });
    expect((await auth.signInInteractive()).ok).toBe(true);
    const issued = await auth.getAccessToken();
    expect(tenant.issuedTokens()).toContain(issued);
  });

  it('without a signed-in account says so', async () => {
    tenant = await startFakeTenant();
    const auth = await createMsalAuthProvider({ settings: settingsFor(tenant), openBrowser: fakeBrowser().openBrowser });
    expect(await problemOf(auth.getAccessToken())).toMatchObject({ id: 'not-signed-in' });
  });

  it('honours an aborted signal', async () => {
    const { auth } = await signedInWithShortTokens();
    await expect(auth.getAccessToken(undefined, AbortSignal.abort())).rejects.toBeInstanceOf(CancelledError);
  });
});
