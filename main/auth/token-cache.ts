// MSAL's token cache, persisted only as ciphertext: serialize → encrypt → atomic write; read → decrypt → deserialize.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import { writeWhole } from '../fs/write-whole';
import type { TokenEncryptor } from './encryptor';

export const TOKEN_CACHE_FILE_NAME = 'msal-token-cache.bin';

export type CacheLog = (level: 'info' | 'warning' | 'error', message: string) => void;

export interface EncryptedCachePlugin extends ICachePlugin {
  /** Delete the file (sign-out). MSAL's in-memory cache is cleared separately by removing the accounts. */
  clear(): Promise<void>;
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

export function createEncryptedCachePlugin(options: {
  file: string;
  encryptor: TokenEncryptor;
  log?: CacheLog;
}): EncryptedCachePlugin {
  const { file, encryptor } = options;
  const log: CacheLog = options.log ?? (() => undefined);
  // Writes are chained so two cache updates can never interleave on disk.
  let writes: Promise<void> = Promise.resolve();

  async function load(context: TokenCacheContext): Promise<void> {
    let encrypted: Buffer;
    try {
      encrypted = await readFile(file);
    } catch (error) {
      if (!isMissingFile(error)) log('warning', 'The saved sign-in could not be read; starting without it.');
      return;
    }
    try {
      context.tokenCache.deserialize(await encryptor.decrypt(encrypted));
    } catch {
      // Typically a key change (new OS profile, keyring reset): the file is useless, the next write replaces it.
      log('warning', 'The saved sign-in could not be decrypted; you will need to sign in again.');
    }
  }

  async function save(context: TokenCacheContext): Promise<void> {
    const encrypted = await encryptor.encrypt(context.tokenCache.serialize());
    await mkdir(dirname(file), { recursive: true });
    await writeWhole(file, encrypted, { mode: 0o600 });
  }

  return {
    async beforeCacheAccess(context) {
      await writes;
      await load(context);
    },
    async afterCacheAccess(context) {
      if (!context.cacheHasChanged) return;
      const next = writes.then(() => save(context));
      // Keep the chain alive after a failure; the failure itself is reported below.
      writes = next.catch(() => undefined);
      try {
        await next;
      } catch {
        log('error', 'The sign-in could not be saved; it stays in memory for this session.');
      }
    },
    async clear() {
      await writes;
      await rm(file, { force: true });
    },
  };
}
