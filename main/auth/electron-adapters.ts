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

/** Only web URLs reach the OS: MSAL's authorize URL is always https. */
export function electronOpenBrowser(shell: ShellLike): (url: string) => Promise<void> {
  return async (url) => {
    if (new URL(url).protocol !== 'https:') throw new Error('Refusing to open a non-https sign-in URL.');
    await shell.openExternal(url);
  };
}
