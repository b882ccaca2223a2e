import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMsalAuthProvider } from '../../main/auth/msal-provider';
import type { DeviceCodePrompt } from '../../main/auth/provider';
import { enterDeviceCode, fakeBrowser, startFakeTenant, type FakeTenant } from '../support/fake-tenant';
import { settingsFor } from './support';

let tenant: FakeTenant;
beforeEach(async () => {
  tenant = await startFakeTenant();
  expect(tenant.trusted, 'vitest globalSetup must put the fake tenant CA in NODE_EXTRA_CA_CERTS').toBe(true);
});
afterEach(() => tenant.close());

const provider = (overrides = {}) =>
  createMsalAuthProvider({ settings: settingsFor(tenant, overrides), openBrowser: fakeBrowser('ignore').openBrowser });

const deviceCodePolls = () =>
  tenant.requests.filter((r) => r.path.endsWith('/token') && r.grantType === 'device_code').map((r) => r.status);

describe('device code sign-in', () => {
  it('shows the code, and signs in once the technician enters it on the other device', async () => {
    const auth = await provider();
    const prompts: DeviceCodePrompt[] = [];

    const outcome = await auth.signInDeviceCode({
      onCode: (prompt) => {
        prompts.push(prompt);
        // The technician types the code on another device while MSAL is already polling.
        void vi
          .waitFor(() => expect(deviceCodePolls()).toContain(400), { timeout: 10_000 })
          .then(() => enterDeviceCode(prompt.verificationUri, prompt.userCode));
      },
    });

    expect(outcome).toMatchObject({ ok: true, account: { username: tenant.technician.upn } });
    expect(prompts).toHaveLength(1);
    const prompt = prompts[0];
    expect(prompt?.verificationUri).toBe(`${tenant.loginUrl}/devicelogin`);
    expect(prompt?.message).toContain(prompt?.userCode);
    expect(Date.parse(prompt?.expiresAt ?? '')).toBeGreaterThan(Date.now());
    // MSAL polled while the code was pending, then got the tokens.
    expect(deviceCodePolls()[0]).toBe(400);
    expect(deviceCodePolls().at(-1)).toBe(200);
    const issued = await auth.getAccessToken();
    expect(tenant.issuedTokens()).toContain(issued);
  });

  it('explains "Allow public client flows" when the app registration does not allow device code (AADSTS7000218)', async () => {
    tenant.setAuth({ publicClientFlows: false });
    const auth = await provider();
    const outcome = await auth.signInDeviceCode({ onCode: () => undefined });
    expect(outcome).toMatchObject({
      ok: false,
      problem: { id: 'public-client-flows-disabled', code: 'AADSTS7000218', action: expect.stringContaining('Allow public client flows') },
    });
  });

  it('explains a wrong client ID or tenant (AADSTS700016)', async () => {
    const auth = await provider({ clientId: '11111111-2222-4333-8444-555555555555' });
    const outcome = await auth.signInDeviceCode({ onCode: () => undefined });
    expect(outcome).toMatchObject({ ok: false, problem: { id: 'app-not-found', code: 'AADSTS700016' } });
    expect(outcome.ok || outcome.problem.detail).toContain("Application with identifier '11111111-2222-4333-8444-555555555555' was not found");
  });

  it('reports an expired code', async () => {
    tenant.setAuth({ deviceCodeLifetimeSeconds: 1 });
    const auth = await provider();
    const outcome = await auth.signInDeviceCode({ onCode: () => undefined });
    expect(outcome).toMatchObject({ ok: false, problem: { id: 'device-code-expired' } });
    expect(await auth.currentAccount()).toBeNull();
  });

  it('cancelling stops the wait with "cancelled" and signs nobody in', async () => {
    const auth = await provider();
    const controller = new AbortController();
    const outcome = await auth.signInDeviceCode({ signal: controller.signal, onCode: () => controller.abort() });
    expect(outcome).toMatchObject({ ok: false, problem: { id: 'cancelled' } });
    expect(await auth.currentAccount()).toBeNull();
  });
});
