// AuthProvider on @azure/msal-node's PublicClientApplication: system browser + PKCE, device code fallback,
// silent refresh, and a token cache that is either encrypted on disk or kept in memory.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  LogLevel,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type Configuration,
  type DeviceCodeRequest,
} from '@azure/msal-node';
import { CancelledError, throwIfAborted, whenAborted } from '../model/cancellation';
import { classifyAuthError } from './classify-auth-error';
import { resolveEndpoints, type AuthSettings } from './cloud';
import { decideTokenStorage, type TokenEncryptor, type TokenStorageStatus } from './encryptor';
import { cancelPendingInteractive } from './loopback-cancel';
import { ObservingNetworkClient } from './network-client';
import { AuthProblemError, authProblem } from './access-problems';
import type { AccountSummary, AuthProvider, SignInOutcome } from './provider';
import { createEncryptedCachePlugin, TOKEN_CACHE_FILE_NAME, type EncryptedCachePlugin } from './token-cache';

export type AuthLogLevel = 'error' | 'warning' | 'info' | 'verbose';
export type AuthLog = (level: AuthLogLevel, message: string) => void;

export interface MsalAuthProviderOptions {
  settings: AuthSettings;
  /** Opens the system browser (Electron: shell.openExternal). */
  openBrowser: (url: string) => Promise<void>;
  /** OS-backed encryption for the saved sign-in; without it tokens stay in memory. */
  encryptor?: TokenEncryptor;
  /** Directory for the encrypted cache file (the app's userData). */
  cacheDir?: string;
  /** MSAL's and this module's log lines. PII logging stays off, so neither tokens nor user names reach it. */
  log?: AuthLog;
  logLevel?: AuthLogLevel;
  /** HTML shown in the browser tab once the redirect reached MTR Doctor. */
  successTemplate?: string;
  errorTemplate?: string;
}

const DEFAULT_SUCCESS_PAGE =
  '<!doctype html><meta charset="utf-8"><title>MTR Doctor</title>' +
  '<body style="font-family:system-ui;margin:3rem"><h1>Signed in</h1><p>You can close this tab and return to MTR Doctor.</p></body>';
const DEFAULT_ERROR_PAGE =
  '<!doctype html><meta charset="utf-8"><title>MTR Doctor</title>' +
  '<body style="font-family:system-ui;margin:3rem"><h1>Sign-in did not complete</h1><p>Return to MTR Doctor for the reason and what to do.</p></body>';

const MSAL_LEVELS: Record<AuthLogLevel, LogLevel> = {
  error: LogLevel.Error,
  warning: LogLevel.Warning,
  info: LogLevel.Info,
  verbose: LogLevel.Verbose,
};

function levelName(level: LogLevel): AuthLogLevel {
  if (level === LogLevel.Error) return 'error';
  if (level === LogLevel.Warning) return 'warning';
  if (level === LogLevel.Info) return 'info';
  return 'verbose';
}

function summarize(account: AccountInfo): AccountSummary {
  return {
    username: account.username,
    name: account.name ?? null,
    tenantId: account.tenantId,
    homeAccountId: account.homeAccountId,
  };
}

const CANCELLED: SignInOutcome = { ok: false, problem: authProblem('cancelled') };

export async function createMsalAuthProvider(options: MsalAuthProviderOptions): Promise<AuthProvider> {
  const endpoints = resolveEndpoints(options.settings);
  const log: AuthLog = options.log ?? (() => undefined);
  const storage: TokenStorageStatus = await decideTokenStorage(
    options.encryptor,
    options.cacheDir ? join(options.cacheDir, TOKEN_CACHE_FILE_NAME) : undefined,
  );
  if (!storage.persisted) log('warning', storage.message);
  const cachePlugin: EncryptedCachePlugin | undefined =
    storage.persisted && options.encryptor
      ? createEncryptedCachePlugin({ file: storage.file, encryptor: options.encryptor, log })
      : undefined;
  const network = new ObservingNetworkClient();

  const configuration: Configuration = {
    auth: {
      clientId: options.settings.clientId,
      authority: endpoints.authority,
      knownAuthorities: endpoints.knownAuthorities,
    },
    cache: cachePlugin ? { cachePlugin } : {},
    system: {
      networkClient: network,
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: MSAL_LEVELS[options.logLevel ?? 'warning'],
        loggerCallback: (level, message, containsPii) => {
          if (!containsPii) log(levelName(level), message);
        },
      },
    },
  };
  const pca = new PublicClientApplication(configuration);

  async function accounts(): Promise<AccountInfo[]> {
    return pca.getTokenCache().getAllAccounts();
  }

  /** One technician at a time: a new sign-in replaces any other saved account. */
  async function keepOnly(account: AccountInfo): Promise<void> {
    for (const other of await accounts()) {
      if (other.homeAccountId !== account.homeAccountId) await pca.getTokenCache().removeAccount(other);
    }
  }

  async function forget(account: AccountInfo | null | undefined): Promise<void> {
    if (account) await pca.getTokenCache().removeAccount(account);
  }

  async function settle(result: AuthenticationResult | null, signal: AbortSignal | undefined): Promise<SignInOutcome> {
    if (signal?.aborted) {
      // The browser or the other device finished just as the technician cancelled: honour the cancel.
      await forget(result?.account);
      return CANCELLED;
    }
    if (!result?.account) return { ok: false, problem: authProblem('unknown', null, 'No account in the sign-in result.') };
    await keepOnly(result.account);
    return { ok: true, account: summarize(result.account) };
  }

  return {
    endpoints,

    tokenStorage: () => storage,

    async signInInteractive(opts = {}) {
      const { signal } = opts;
      if (signal?.aborted) return CANCELLED;
      const correlationId = randomUUID();
      let authorizeUrl: string | undefined;
      const onAbort = (): void => {
        if (authorizeUrl) void cancelPendingInteractive(authorizeUrl);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const result = await pca.acquireTokenInteractive({
          scopes: endpoints.scopes,
          correlationId,
          loginHint: opts.loginHint,
          prompt: opts.prompt,
          successTemplate: options.successTemplate ?? DEFAULT_SUCCESS_PAGE,
          errorTemplate: options.errorTemplate ?? DEFAULT_ERROR_PAGE,
          openBrowser: async (url) => {
            authorizeUrl = url;
            // Cancelled while MSAL was still discovering endpoints or starting its loopback server.
            if (signal?.aborted) {
              await cancelPendingInteractive(url);
              return;
            }
            await options.openBrowser(url);
          },
        });
        return await settle(result, signal);
      } catch (error) {
        return { ok: false, problem: classifyAuthError(error, { aborted: signal?.aborted, note: network.errorFor(correlationId) }) };
      } finally {
        signal?.removeEventListener('abort', onAbort);
        network.forget(correlationId);
      }
    },

    async signInDeviceCode(opts) {
      const { signal, onCode } = opts;
      if (signal?.aborted) return CANCELLED;
      const correlationId = randomUUID();
      const request: DeviceCodeRequest = {
        scopes: endpoints.scopes,
        correlationId,
        deviceCodeCallback: (response) => {
          // A failed /devicecode call still reaches this callback, without a code; the polling error explains it.
          if (!response.userCode) return;
          onCode({
            userCode: response.userCode,
            verificationUri: response.verificationUri,
            message: response.message,
            expiresAt: new Date(Date.now() + response.expiresIn * 1000).toISOString(),
          });
        },
      };
      // MSAL checks this flag before each poll; the race below answers the caller without waiting for it.
      const onAbort = (): void => {
        request.cancel = true;
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const flow = pca.acquireTokenByDeviceCode(request);
      // When the cancel wins the race, MSAL's own rejection arrives later and must not go unhandled.
      flow.catch(() => undefined);
      const aborted = signal ? whenAborted(signal) : undefined;
      try {
        const result = await (aborted ? Promise.race([flow, aborted.promise]) : flow);
        return await settle(result, signal);
      } catch (error) {
        if (signal?.aborted) {
          // If the poll in flight still succeeds, do not leave a sign-in behind the technician's back.
          flow.then((late) => forget(late?.account)).catch(() => undefined);
          return CANCELLED;
        }
        return { ok: false, problem: classifyAuthError(error, { note: network.errorFor(correlationId) }) };
      } finally {
        aborted?.dispose();
        signal?.removeEventListener('abort', onAbort);
        network.forget(correlationId);
      }
    },

    async getAccessToken(scopes = endpoints.scopes, signal) {
      throwIfAborted(signal);
      const [account] = await accounts();
      if (!account) throw new AuthProblemError(authProblem('not-signed-in'));
      const correlationId = randomUUID();
      const silent = pca.acquireTokenSilent({ account, scopes: [...scopes], correlationId });
      silent.catch(() => undefined);
      const aborted = signal ? whenAborted(signal) : undefined;
      try {
        const result = await (aborted ? Promise.race([silent, aborted.promise]) : silent);
        if (!result.accessToken) throw new AuthProblemError(authProblem('sign-in-again'));
        return result.accessToken;
      } catch (error) {
        if (error instanceof CancelledError || error instanceof AuthProblemError) throw error;
        throw new AuthProblemError(classifyAuthError(error, { note: network.errorFor(correlationId) }));
      } finally {
        aborted?.dispose();
        network.forget(correlationId);
      }
    },

    async signOut() {
      for (const account of await accounts()) await pca.getTokenCache().removeAccount(account);
      await cachePlugin?.clear();
    },

    async currentAccount() {
      const [account] = await accounts();
      return account ? summarize(account) : null;
    },
  };
}
