// The sign-in contract the app, the CLI and the Graph reader depend on. MSAL is one implementation
// (msal-provider.ts); keeping callers on this interface lets a future library replace it.
import type { CloudEndpoints } from './cloud';
import type { TokenStorageStatus } from './encryptor';
import type { AuthProblem } from './access-problems';

export interface AccountSummary {
  /** UPN of the technician who signed in. */
  username: string;
  name: string | null;
  tenantId: string;
  homeAccountId: string;
}

export type SignInOutcome = { ok: true; account: AccountSummary } | { ok: false; problem: AuthProblem };

export interface InteractiveSignInOptions {
  signal?: AbortSignal;
  /** Pre-fills the account picker. */
  loginHint?: string;
  /** "select_account" lets a technician switch accounts; "consent" asks for consent again. */
  prompt?: 'select_account' | 'login' | 'consent';
}

/** What the technician must see to finish a device code sign-in on another device. */
export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  /** Entra's own sentence ("To sign in, use a web browser to open the page … and enter the code …"). */
  message: string;
  /** ISO time after which the code no longer works. */
  expiresAt: string;
}

export interface DeviceCodeSignInOptions {
  signal?: AbortSignal;
  onCode: (prompt: DeviceCodePrompt) => void;
}

export interface AuthProvider {
  readonly endpoints: CloudEndpoints;
  /** System browser with PKCE and a loopback redirect on 127.0.0.1. */
  signInInteractive(options?: InteractiveSignInOptions): Promise<SignInOutcome>;
  /** Fallback for machines where the browser cannot reach back (needs "Allow public client flows"). */
  signInDeviceCode(options: DeviceCodeSignInOptions): Promise<SignInOutcome>;
  /**
   * A Graph access token for the signed-in account, refreshed silently when needed.
   * Throws AuthProblemError (e.g. "sign-in-again", "not-signed-in") or CancelledError.
   */
  getAccessToken(scopes?: readonly string[], signal?: AbortSignal): Promise<string>;
  /** Forget the account: memory and the saved file. */
  signOut(): Promise<void>;
  currentAccount(): Promise<AccountSummary | null>;
  /** Whether tokens are saved (encrypted) or kept in memory, with the sentence to show. */
  tokenStorage(): TokenStorageStatus;
}
