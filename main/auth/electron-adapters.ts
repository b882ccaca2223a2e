// Electron's safeStorage and shell, adapted to what main/auth needs. Typed structurally so this module (and
// everything in main/auth) runs under plain Node: main/index.ts passes the real objects in.
import type { TokenEncryptor } from './encryptor';

/** The part of Electron 45's safeStorage used here (the async API; the sync one is deprecated). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only in Electron; elsewhere the OS store is fixed. */
  getSelectedStorageBackend?(): string;
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/** Names the key store so the UI can say where the sign-in lives; Linux's answer can be "basic_text" (refused). */
function backendName(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string {
  if (platform === 'linux') return safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  if (platform === 'win32') return 'dpapi';
  if (platform === 'darwin') return 'keychain';
  return 'unknown';
}

export function electronTokenEncryptor(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): TokenEncryptor {
  return {
    isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    backend: () => backendName(safeStorage, platform),
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    // shouldReEncrypt (key rotation) needs no action here: the old ciphertext still decrypts, and the next
    // cache change is written with the new key.
    decrypt: async (encrypted) => (await safeStorage.decryptStringAsync(encrypted)).result,
  };
}

/**
 * Only the sign-in page of the configured cloud reaches the OS browser: https, on the authority's own host
 * (`loginUrl`, e.g. https://login.microsoftonline.com). MSAL's authorize URL always is; anything else is refused.
 */
export function electronOpenBrowser(shell: ShellLike, loginUrl: string): (url: string) => Promise<void> {
  const allowed = new URL(loginUrl).origin;
  return async (url) => {
    const target = new URL(url);
    if (target.protocol !== 'https:') throw new Error('Refusing to open a non-https sign-in URL.');
    if (target.origin !== allowed) throw new Error(`Refusing to open ${target.origin}: sign-in pages come from ${allowed}.`);
    await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK (https + authority origin checked above)
  };
}
