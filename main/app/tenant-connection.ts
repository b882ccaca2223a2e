// The app's tenant connection: settings, sign-in (browser or device code) and the Graph analysis.
// Plain Node with injected platform pieces: Electron passes safeStorage and shell, tests a fake tenant.
import type { AuthSettings } from '../auth/cloud';
import { CLOUDS } from '../auth/cloud';
import type { TokenEncryptor } from '../auth/encryptor';
import { createMsalAuthProvider } from '../auth/msal-provider';
import { AuthProblemError, type AuthProblem } from '../auth/access-problems';
import type { AuthProvider, DeviceCodePrompt } from '../auth/provider';
import { analyse, type AnalysisProgress, type BundleInput, type LiveNetworkInput } from '../analysis/analyse';
import type { TenantStatus } from '../ipc/contract';
import type { AnalysisResult } from '../model/analysis';
import { SettingsStore, tenantSettingsSchema, type TenantSettings } from './tenant-settings';

export interface TenantConnectionDeps {
  settingsFile: string;
  /** Where the encrypted token cache lives (the app's userData); with `encryptor`. */
  cacheDir?: string;
  encryptor?: TokenEncryptor;
  /** The system browser for the sign-in page, limited to the given login origin. */
  openBrowserFor(loginUrl: string): (url: string) => Promise<void>;
  /** Test tenants and private clouds: replace the cloud's login and Graph origins. */
  endpoints?: { loginUrl: string; graphUrl: string };
  now?: () => Date;
}

/** A sign-in or Graph problem with the technician-facing text; the IPC layer turns it into an error envelope. */
export class TenantProblem extends Error {
  constructor(readonly problem: AuthProblem) {
    super(`${problem.title}: ${problem.message} ${problem.action}`.trim());
  }
}

export class TenantConnection {
  private provider: AuthProvider | null = null;
  private readonly store: SettingsStore;

  constructor(private readonly deps: TenantConnectionDeps) {
    this.store = new SettingsStore(deps.settingsFile);
  }

  private authSettings(s: TenantSettings): AuthSettings {
    return { ...s, ...(this.deps.endpoints ? { endpoints: this.deps.endpoints } : {}) };
  }

  private async auth(): Promise<AuthProvider | null> {
    if (this.provider) return this.provider;
    const settings = await this.store.read();
    if (!settings) return null;
    const auth = this.authSettings(settings);
    const loginUrl = auth.endpoints?.loginUrl ?? CLOUDS.find((c) => c.id === auth.cloud)?.loginUrl ?? 'https://login.microsoftonline.com';
    this.provider = await createMsalAuthProvider({
      settings: auth,
      openBrowser: this.deps.openBrowserFor(loginUrl),
      encryptor: this.deps.encryptor,
      cacheDir: this.deps.cacheDir,
    });
    return this.provider;
  }

  async status(): Promise<TenantStatus> {
    const settings = await this.store.read();
    const auth = settings ? await this.auth() : null;
    const account = auth ? await auth.currentAccount() : null;
    const storage = auth?.tokenStorage() ?? null;
    return {
      settings,
      account: account ? { username: account.username, tenantId: account.tenantId } : null,
      storage: storage ? { persisted: storage.persisted, message: storage.message } : null,
      clouds: CLOUDS.map((c) => ({ id: c.id, displayName: c.displayName })),
    };
  }

  /** Validates and saves the settings; a change of tenant or app signs the previous account out. */
  async saveSettings(input: unknown): Promise<TenantStatus> {
    const parsed = tenantSettingsSchema.safeParse(input);
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${String(i.path[0] ?? 'settings')}: ${i.message}`).join('; '));
    const before = await this.store.read();
    const changed = JSON.stringify(before) !== JSON.stringify(parsed.data);
    if (changed && this.provider) await this.provider.signOut();
    if (changed) this.provider = null;
    await this.store.write(parsed.data);
    return this.status();
  }

  async signIn(method: 'browser' | 'device-code', signal: AbortSignal, onDeviceCode: (p: DeviceCodePrompt) => void): Promise<TenantStatus> {
    const auth = await this.auth();
    if (!auth) throw new Error('Enter the tenant settings first: Application (client) ID, tenant and cloud.');
    const outcome =
      method === 'browser' ? await auth.signInInteractive({ signal, prompt: 'select_account' }) : await auth.signInDeviceCode({ signal, onCode: onDeviceCode });
    if (!outcome.ok) throw new TenantProblem(outcome.problem);
    return this.status();
  }

  async signOut(): Promise<TenantStatus> {
    const auth = await this.auth();
    await auth?.signOut();
    return this.status();
  }

  async analyze(o: {
    account: string | null;
    days: number;
    /** A bundle the technician has open, or a fleet room's bundle by path, analysed together with the tenant. */
    bundle?: BundleInput;
    /** The session's live network test, when one was run. */
    liveNetwork?: LiveNetworkInput | null;
    signal: AbortSignal;
    onProgress: (p: AnalysisProgress) => void;
  }): Promise<AnalysisResult> {
    const settings = await this.store.read();
    const auth = await this.auth();
    if (!settings || !auth) throw new Error('Sign in to the tenant first.');
    try {
      return await analyse(
        {
          bundle: o.bundle,
          liveNetwork: o.liveNetwork,
          tenant: { auth, cloud: settings.cloud, graphUrl: this.deps.endpoints?.graphUrl, tenantName: settings.tenant, account: o.account, days: o.days },
        },
        { signal: o.signal, onProgress: o.onProgress, now: this.deps.now?.() },
      );
    } catch (err) {
      if (err instanceof AuthProblemError) throw new TenantProblem(err.problem);
      throw err;
    }
  }
}
