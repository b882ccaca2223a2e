// Headless sign-in for `mtr-doctor analyze --tenant`: device code flow, code shown on stderr, tokens kept
// in memory only (the CLI has no OS key store to encrypt them with, so it never writes them).
import { authSettingsSchema, type AuthSettings } from '../auth/cloud';
import { createMsalAuthProvider } from '../auth/msal-provider';
import type { AuthProvider } from '../auth/provider';
import { writeLine, type CliIo } from './io';

export interface TenantCliOptions {
  tenant: string;
  clientId: string | undefined;
  cloud: string;
  loginUrl?: string;
  graphUrl?: string;
  perUserMfa: boolean;
}

export class CliInputError extends Error {}

export function tenantSettings(o: TenantCliOptions): AuthSettings {
  const clientId = o.clientId ?? process.env.MTR_CLIENT_ID;
  if (!clientId) {
    throw new CliInputError(
      'Signing in needs the Application (client) ID of your MTR Doctor app registration: --client-id <guid> or MTR_CLIENT_ID (see README, "Sign in to a tenant").',
    );
  }
  const parsed = authSettingsSchema.safeParse({
    clientId,
    tenant: o.tenant,
    cloud: o.cloud,
    includeAuthenticationMethods: o.perUserMfa,
    ...(o.loginUrl || o.graphUrl ? { endpoints: { loginUrl: o.loginUrl, graphUrl: o.graphUrl } } : {}),
  });
  if (!parsed.success) throw new CliInputError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

export async function signInWithDeviceCode(settings: AuthSettings, io: CliIo, signal?: AbortSignal): Promise<AuthProvider> {
  const auth = await createMsalAuthProvider({
    settings,
    // The CLI never opens a browser itself: the technician may be on another machine.
    openBrowser: async () => {
      throw new Error('interactive sign-in is not used by the CLI');
    },
  });
  const outcome = await auth.signInDeviceCode({
    signal,
    onCode: (p) => writeLine(io.stderr, `mtr-doctor: ${p.message}`),
  });
  if (!outcome.ok) throw new CliInputError(`Sign-in failed: ${outcome.problem.message}`);
  writeLine(io.stderr, `mtr-doctor: signed in as ${outcome.account.username}`);
  return auth;
}
