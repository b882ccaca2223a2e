// Launches the real Electron app where an Electron binary exists (a technician's laptop, or
// ELECTRON_OVERRIDE_DIST_PATH pointing at an unpacked Electron). Here, where none can be downloaded,
// it reports plainly that it was skipped and why.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { _electron as electron } from 'playwright-core';
import { repoRoot } from '../support/app-harness';

function electronBinary(): { path: string | null; why: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const exe = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  if (override) {
    const p = path.join(override, exe);
    return existsSync(p) ? { path: p, why: '' } : { path: null, why: `ELECTRON_OVERRIDE_DIST_PATH=${override} has no ${exe}` };
  }
  const pathTxt = path.join(repoRoot, 'node_modules/electron/path.txt');
  if (existsSync(pathTxt)) {
    const p = path.join(repoRoot, 'node_modules/electron/dist', readFileSync(pathTxt, 'utf8').trim());
    if (existsSync(p)) return { path: p, why: '' };
  }
  return { path: null, why: 'no Electron binary on this machine (it cannot be downloaded here); set ELECTRON_OVERRIDE_DIST_PATH to run this test' };
}

const binary = electronBinary();
if (!binary.path) console.warn(`[electron-smoke] SKIPPED: ${binary.why}`);

describe.skipIf(!binary.path)(`Electron app smoke test${binary.path ? '' : ` (skipped: ${binary.why})`}`, () => {
  it('opens the wizard in a sandboxed window over app:// and refuses node in the page', async () => {
    const app = await electron.launch({ executablePath: binary.path as string, args: [path.join(repoRoot, 'dist/main/index.js')] });
    try {
      const page = await app.firstWindow();
      await page.waitForSelector('text=Drop a Teams Rooms log bundle (.zip) or folder');
      expect(page.url()).toBe('app://mtr-doctor/index.html');
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (window as unknown as { mtr: { call: unknown } }).mtr.call)).toBe('function');
      // Sandboxed, isolated and without node integration, the page sees neither process nor require.
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      // Navigation away from the app is refused by the guards.
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toBe('app://mtr-doctor/index.html');
      const info = await page.evaluate(() => (window as unknown as { mtr: { call(c: string, r: unknown): Promise<unknown> } }).mtr.call('app:info', undefined));
      expect(info).toMatchObject({ ok: true, value: { name: 'MTR Doctor' } });
    } finally {
      await app.close();
    }
  });
});
