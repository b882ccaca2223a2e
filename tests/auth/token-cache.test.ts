import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMsalAuthProvider, type MsalAuthProviderOptions } from '../../main/auth/msal-provider';
import { AuthProblemError } from '../../main/auth/access-problems';
import { TOKEN_CACHE_FILE_NAME } from '../../main/auth/token-cache';
import { enterDeviceCode, fakeBrowser, startFakeTenant, type FakeTenant } from '../support/fake-tenant';
import { captureLog, settingsFor, testEncryptor, tokenFragments } from './support';

let tenant: FakeTenant;
let dir: string;
beforeEach(async () => {
  tenant = await startFakeTenant({ auth: { accessTokenLifetimeSeconds: 60 } });
  expect(tenant.trusted).toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'mtr-doctor-cache-test-'));
});
afterEach(async () => {
  await tenant.close();
  rmSync(dir, { recursive: true, force: true });
});

const provider = (options: Partial<MsalAuthProviderOptions> = {}) =>
  createMsalAuthProvider({ settings: settingsFor(tenant), openBrowser: fakeBrowser().openBrowser, cacheDir: dir, ...options });

const cacheFile = () => join(dir, TOKEN_CACHE_FILE_NAME);
const authorizeVisits = () => tenant.requests.filter((r) => r.path.endsWith('/authorize')).length;

function expectNoTokensIn(bytes: Buffer): void {
  const asText = [bytes.toString('utf8'), bytes.toString('latin1')];
  for (const fragment of tokenFragments(tenant.issuedTokens())) {
    for (const text of asText) expect(text.includes(fragment), 'a token appears in the cache file').toBe(false);
  }
}

describe('token cache on disk', () => {
  it('is written only as ciphertext, and is the real cache once decrypted', async () => {
    const encryptor = testEncryptor();
    const auth = await provider({ encryptor });
    expect(auth.tokenStorage()).toMatchObject({ persisted: true, id: 'persisted', backend: 'test-keystore' });
    expect((await auth.signInInteractive()).ok).toBe(true);
    await auth.getAccessToken();

    const bytes = readFileSync(cacheFile());
    expect(encryptor.encrypted).toBeGreaterThan(0);
    expectNoTokensIn(bytes);
    expect(() => JSON.parse(bytes.toString('utf8')) as unknown).toThrow();
    expect(bytes.toString('latin1')).not.toMatch(/"(AccessToken|RefreshToken|IdToken|Account)"/);
    expect(statSync(cacheFile()).mode & 0o777).toBe(0o600);
    // Decrypted, it is MSAL's cache holding the refresh token the tenant issued.
    const cache = JSON.parse(await encryptor.decrypt(bytes)) as { RefreshToken: Record<string, { secret: string }> };
    const secrets = Object.values(cache.RefreshToken).map((t) => t.secret);
    expect(secrets.some((s) => tenant.issuedTokens().includes(s))).toBe(true);
  });

  it('brings the sign-in back on the next start without the browser', async () => {
    const encryptor = testEncryptor();
    expect((await (await provider({ encryptor })).signInInteractive()).ok).toBe(true);

    const restarted = await provider({ encryptor });
    expect(await restarted.currentAccount()).toMatchObject({ username: tenant.technician.upn });
    const issued = await restarted.getAccessToken();
    expect(tenant.issuedTokens()).toContain(issued);
    expect(authorizeVisits()).toBe(1);
  });

  it('starts signed out when the saved file cannot be decrypted (new key)', async () => {
    expect((await (await provider({ encryptor: testEncryptor() })).signInInteractive()).ok).toBe(true);
    const { log, lines } = captureLog();
    const restarted = await provider({ encryptor: testEncryptor(), log });
    expect(await restarted.currentAccount()).toBeNull();
    expect(lines.join('\n')).toContain('could not be decrypted');
  });

  it.each([
    ['basic_text', 'insecure-backend', /basic_text/],
    ['unknown', 'unavailable', /not available/],
  ])('with the %s backend nothing is written and the technician is told why', async (backend, id, says) => {
    const encryptor = testEncryptor(backend);
    const auth = await provider({ encryptor });
    expect(auth.tokenStorage()).toMatchObject({ persisted: false, id, message: expect.stringMatching(says) });
    expect((await auth.signInInteractive()).ok).toBe(true);
    const issued = await auth.getAccessToken();
    expect(tenant.issuedTokens()).toContain(issued);
    expect(readdirSync(dir)).toEqual([]);
    expect(encryptor.encrypted).toBe(0);
  });

  it('keeps tokens in memory when the OS key store is unavailable', async () => {
    const encryptor = { ...testEncryptor(), isAvailable: () => false };
    const auth = await provider({ encryptor });
    expect(auth.tokenStorage()).toMatchObject({ persisted: false, id: 'unavailable' });
    expect((await auth.signInInteractive()).ok).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('sign-out forgets the account in memory and deletes the file', async () => {
    const encryptor = testEncryptor();
    const auth = await provider({ encryptor });
    expect((await auth.signInInteractive()).ok).toBe(true);
    expect(existsSync(cacheFile())).toBe(true);

    await auth.signOut();

    expect(existsSync(cacheFile())).toBe(false);
    expect(await auth.currentAccount()).toBeNull();
    await expect(auth.getAccessToken()).rejects.toSatisfy((e) => e instanceof AuthProblemError && e.problem.id === 'not-signed-in');
    expect(await (await provider({ encryptor })).currentAccount()).toBeNull();
  });
});

describe('tokens are never logged', () => {
  it('neither MSAL (verbose) nor MTR Doctor writes a token to its log or the console', async () => {
    const { log, lines } = captureLog();
    const consoleLines: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleLines.push(args.map(String).join(' '));
      });
    }
    try {
      const auth = await provider({ encryptor: testEncryptor(), log, logLevel: 'verbose' });
      expect((await auth.signInInteractive()).ok).toBe(true);
      await auth.getAccessToken(); // refresh (short-lived tokens)
      expect(
        (
          await auth.signInDeviceCode({
            onCode: (p) => void vi.waitFor(() => expect(tenant.requests.some((r) => r.grantType === 'device_code')).toBe(true)).then(() => enterDeviceCode(p.verificationUri, p.userCode)),
          })
        ).ok,
      ).toBe(true);
      tenant.setAuth({ refreshTokens: 'revoked' });
      await expect(auth.getAccessToken()).rejects.toBeInstanceOf(AuthProblemError);
    } finally {
      vi.restoreAllMocks();
    }
    expect(lines.length).toBeGreaterThan(20);
    const everything = [...lines, ...consoleLines].join('\n');
    for (const fragment of tokenFragments(tenant.issuedTokens())) {
      expect(everything.includes(fragment), 'a token appears in the logs').toBe(false);
    }
  });
});
