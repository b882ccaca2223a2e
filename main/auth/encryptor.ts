// Whether sign-in tokens may be saved to disk: only through an OS-backed encryptor, never Linux's basic_text.
import { tokenStorageMessage, type TokenStorageId } from './access-problems';

/**
 * What the token cache needs from the OS key store. Mirrors Electron's safeStorage (see electron-adapters.ts)
 * so the app wires it in a few lines, while tests and the CLI can pass their own.
 */
export interface TokenEncryptor {
  isAvailable(): boolean | Promise<boolean>;
  /** The key store in use: "dpapi", "keychain", "gnome_libsecret", "kwallet5", "basic_text", "unknown" … */
  backend(): string;
  encrypt(plain: string): Promise<Buffer>;
  decrypt(encrypted: Buffer): Promise<string>;
}

/**
 * Backends that must not protect tokens. basic_text: Chromium's fallback on Linux without a keyring encrypts
 * with a key hard-coded in the binary, so anyone who can read the file can decrypt it.
 * unknown: safeStorage was asked before the app was ready, so nothing is known about the key store.
 */
const REFUSED_BACKENDS: Record<string, Exclude<TokenStorageId, 'persisted' | 'not-configured'>> = {
  basic_text: 'insecure-backend',
  unknown: 'unavailable',
};

export type TokenStorageStatus =
  | { persisted: true; id: 'persisted'; backend: string; file: string; message: string }
  | { persisted: false; id: Exclude<TokenStorageId, 'persisted'>; backend: string | null; message: string };

export async function decideTokenStorage(
  encryptor: TokenEncryptor | undefined,
  file: string | undefined,
): Promise<TokenStorageStatus> {
  if (!encryptor || !file) {
    return { persisted: false, id: 'not-configured', backend: null, message: tokenStorageMessage('not-configured') };
  }
  const backend = encryptor.backend();
  const refused = REFUSED_BACKENDS[backend];
  if (refused) return { persisted: false, id: refused, backend, message: tokenStorageMessage(refused) };
  const available = await Promise.resolve()
    .then(() => encryptor.isAvailable())
    .catch(() => false);
  if (!available) {
    return { persisted: false, id: 'unavailable', backend, message: tokenStorageMessage('unavailable') };
  }
  return { persisted: true, id: 'persisted', backend, file, message: tokenStorageMessage('persisted') };
}
