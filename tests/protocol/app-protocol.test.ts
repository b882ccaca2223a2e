// app:// serves the built renderer and nothing else.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppRequest } from '../../main/protocol/app-protocol';

const root = mkdtempSync(path.join(os.tmpdir(), 'mtr-proto-'));
const site = path.join(root, 'renderer');
mkdirSync(path.join(site, 'assets'), { recursive: true });
writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>x</title>');
writeFileSync(path.join(site, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(root, 'secret.txt'), 'secret');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('serves files of the renderer with the CSP header', async () => {
    const res = await createAppProtocolHandler(site)({ url: 'app://mtr-doctor/assets/app.js' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await res.text()).toBe('console.log(1)');
    expect(resolveAppRequest(site, 'app://mtr-doctor/')).toMatchObject({ ok: true, file: path.join(site, 'index.html') });
  });

  it.each([
    ['app://mtr-doctor/../secret.txt'],
    ['app://mtr-doctor/%2e%2e/secret.txt'],
    ['app://mtr-doctor/assets/..%2F..%2Fsecret.txt'],
    ['app://other-host/index.html'],
    ['file:///etc/passwd'],
  ])('refuses %s', async (url) => {
    const res = await createAppProtocolHandler(site)({ url });
    expect(res.status).not.toBe(200);
  });
});
