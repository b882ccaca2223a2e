// Shared by the auth and Graph tests: settings pointing at a fake tenant, a real AES-GCM test encryptor,
// and log capture for the "tokens are never logged" assertions.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { AuthSettings } from '../../main/auth/cloud';
import type { TokenEncryptor } from '../../main/auth/encryptor';
import type { AuthLog } from '../../main/auth/msal-provider';
import type { FakeTenant } from '../support/fake-tenant';

export function settingsFor(tenant: FakeTenant, overrides: Partial<AuthSettings> = {}): AuthSettings {
  return {
    clientId: tenant.clientId,
    tenant: tenant.tenantId,
    cloud: 'global',
    includeAuthenticationMethods: true,
    endpoints: { loginUrl: tenant.loginUrl, graphUrl: tenant.graphUrl },
    ...overrides,
  };
}

/** Stands in for the OS key store: real authenticated encryption with a key that lives only in this process. */
export function testEncryptor(backend = 'test-keystore'): TokenEncryptor & { encrypted: number } {
  const key = randomBytes(32);
  const encryptor = {
    encrypted: 0,
    isAvailable: () => Promise.resolve(true),
    backend: () => backend,
    encrypt: async (plain: string) => {
      encryptor.encrypted++;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt: async (data: Buffer) => {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
  return encryptor;
}

export function captureLog(): { log: AuthLog; lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (level, message) => lines.push(`${level}: ${message}`) };
}

/** Token-looking substrings worth searching for: each whole token and its signature/payload parts. */
export function tokenFragments(tokens: string[]): string[] {
  return tokens.flatMap((t) => [t, ...t.split('.').filter((part) => part.length >= 20)]);
}
