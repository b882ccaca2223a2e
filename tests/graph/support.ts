// A technician signed in to a fake tenant with the real MSAL provider, and one Graph collection run.
import { expect } from 'vitest';
import { createMsalAuthProvider, type MsalAuthProviderOptions } from '../../main/auth/msal-provider';
import type { AuthProvider } from '../../main/auth/provider';
import { collectGraphFacts, type CollectGraphOptions, type GraphCollection } from '../../main/graph';
import type { Fact } from '../../main/model/facts';
import { fakeBrowser, startFakeTenant, type FakeTenant, type FakeTenantOptions } from '../support/fake-tenant';
import { settingsFor } from '../auth/support';

export async function signedIn(
  options: FakeTenantOptions = {},
  providerOptions: Partial<MsalAuthProviderOptions> = {},
): Promise<{ tenant: FakeTenant; auth: AuthProvider }> {
  const tenant = await startFakeTenant(options);
  expect(tenant.trusted, 'vitest globalSetup must put the fake tenant CA in NODE_EXTRA_CA_CERTS').toBe(true);
  const browser = fakeBrowser();
  const auth = await createMsalAuthProvider({ settings: settingsFor(tenant), openBrowser: browser.openBrowser, ...providerOptions });
  const outcome = await auth.signInInteractive();
  expect(outcome.ok).toBe(true);
  return { tenant, auth };
}

/** Collects for the tenant's room over the scenario's window; extra options override. */
export function collectFor(tenant: FakeTenant, auth: AuthProvider, extra: Partial<CollectGraphOptions> = {}): Promise<GraphCollection> {
  return collectGraphFacts({ auth, graphUrl: tenant.graphBaseUrl, account: tenant.room.upn, window: tenant.window, ...extra });
}

export function ofKind<K extends Fact['kind']>(facts: Fact[], kind: K): Extract<Fact, { kind: K }>[] {
  return facts.filter((f): f is Extract<Fact, { kind: K }> => f.kind === kind);
}

export function graphRequests(tenant: FakeTenant, path: string) {
  return tenant.requests.filter((r) => r.server === 'graph' && r.path === path);
}
