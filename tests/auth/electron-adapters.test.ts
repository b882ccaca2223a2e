import type { SafeStorage, Shell } from 'electron';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { electronOpenBrowser, electronTokenEncryptor, type SafeStorageLike, type ShellLike } from '../../main/auth/electron-adapters';
import { decideTokenStorage } from '../../main/auth/encryptor';

function fakeSafeStorage(backend: string): SafeStorageLike {
  return {
    isAsyncEncryptionAvailable: () => Promise.resolve(true),
    encryptStringAsync: (plain) => Promise.resolve(Buffer.from(`enc:${plain}`)),
    decryptStringAsync: (data) => Promise.resolve({ result: data.toString().slice(4), shouldReEncrypt: false }),
    getSelectedStorageBackend: () => backend,
  };
}

describe('Electron adapters', () => {
  it('accept Electron 45\'s real safeStorage and shell objects', () => {
    expectTypeOf<SafeStorage>().toExtend<SafeStorageLike>();
    expectTypeOf<Shell>().toExtend<ShellLike>();
  });

  it('refuse to persist with Linux basic_text, and persist with a keyring', async () => {
    const plain = electronTokenEncryptor(fakeSafeStorage('basic_text'), 'linux');
    expect(await decideTokenStorage(plain, '/tmp/x')).toMatchObject({ persisted: false, id: 'insecure-backend' });
    const keyring = electronTokenEncryptor(fakeSafeStorage('gnome_libsecret'), 'linux');
    expect(await decideTokenStorage(keyring, '/tmp/x')).toMatchObject({ persisted: true, backend: 'gnome_libsecret' });
    expect(await keyring.decrypt(await keyring.encrypt('cache'))).toBe('cache');
  });

  it('name the Windows and macOS key stores', () => {
    expect(electronTokenEncryptor(fakeSafeStorage('unused'), 'win32').backend()).toBe('dpapi');
    expect(electronTokenEncryptor(fakeSafeStorage('unused'), 'darwin').backend()).toBe('keychain');
  });

  it('open only https sign-in pages of the configured cloud in the system browser', async () => {
    const openExternal = vi.fn((_url: string) => Promise.resolve());
    const open = electronOpenBrowser({ openExternal }, 'https://login.microsoftonline.com');
    await open('https://login.microsoftonline.com/contoso/oauth2/v2.0/authorize?x=1');
    expect(openExternal).toHaveBeenCalledWith('https://login.microsoftonline.com/contoso/oauth2/v2.0/authorize?x=1');
    await expect(open('file:///etc/passwd')).rejects.toThrow(/non-https/);
    await expect(open('https://login.microsoftonline.us/x/oauth2/v2.0/authorize')).rejects.toThrow(/sign-in pages come from https:\/\/login\.microsoftonline\.com/);
    await expect(open('https://evil.example/authorize')).rejects.toThrow(/Refusing to open https:\/\/evil\.example/);
    expect(openExternal).toHaveBeenCalledTimes(1);
  });
});
