// The renderer names no paths: a page script (a compromised renderer) that sends paths of its own gets a
// refusal for each, in the built renderer in Chromium with the real main handlers behind it.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness';
import { listFiles } from '../support/fs-snapshot';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

interface Outcome {
  ok: boolean;
  code?: string;
  message?: string;
}

describe('the IPC gate against page scripts', () => {
  it('refuses every path a page script names, and opens nothing', async () => {
    const secret = path.join(h.dir, 'passwords.txt');
    writeFileSync(secret, 'admin:hunter2\n');
    const page = await h.newPage();
    const outcomes = await page.evaluate(async (secretPath) => {
      const mtr = (window as unknown as { mtr: { call(c: string, r: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }>; openDropped(f: File): Promise<{ ok: boolean; error?: { code: string; message: string } }> } }).mtr;
      const brief = (r: { ok: boolean; error?: { code: string; message: string } }) => ({ ok: r.ok, code: r.error?.code, message: r.error?.message });
      const dir = secretPath.replace(/[\\/][^\\/]*$/, '');
      return {
        pathSource: brief(await mtr.call('bundle:open', { jobId: 'evil1', source: { kind: 'path', path: dir } })),
        etc: brief(await mtr.call('bundle:open', { jobId: 'evil2', source: { kind: 'path', path: '/etc' } })),
        pathAsHandle: brief(await mtr.call('bundle:open', { jobId: 'evil3', source: { kind: 'handle', handle: dir } })),
        madeUpHandle: brief(await mtr.call('bundle:open', { jobId: 'evil4', source: { kind: 'handle', handle: crypto.randomUUID() } })),
        unc: brief(await mtr.call('bundle:open', { jobId: 'evil5', source: { kind: 'handle', handle: '\\\\attacker.example\\share' } })),
        preloadChannel: brief(await mtr.call('file:dropped', { path: dir })),
        forgedFile: brief(await mtr.openDropped(new File(['x'], 'passwords.txt'))),
        sampleEscape: brief(await mtr.call('bundle:open', { jobId: 'evil6', source: { kind: 'sample', id: '../../../etc/passwd' } })),
        analysis: brief(await mtr.call('analysis:run', { jobId: 'evil7', bundleId: crypto.randomUUID() })),
      };
    }, secret);
    const o = outcomes as Record<string, Outcome>;
    for (const [name, r] of Object.entries(o)) expect(r.ok, `${name}: ${JSON.stringify(r)}`).toBe(false);
    expect(o.pathSource?.code).toBe('invalid-request');
    expect(o.etc?.code).toBe('invalid-request');
    expect(o.pathAsHandle?.code).toBe('invalid-request');
    expect(o.madeUpHandle).toMatchObject({ code: 'refused', message: expect.stringMatching(/not chosen in this window/) });
    expect(o.unc?.code).toBe('invalid-request');
    expect(o.preloadChannel?.code).toBe('unknown-channel');
    // A File made by a script has no path on disk, so the preload has nothing to register.
    expect(o.forgedFile?.code).toBe('invalid-request');
    expect(o.sampleEscape?.code).toBe('invalid-request');
    expect(o.analysis?.code).toBe('not-found');
    // Nothing was opened: nothing was copied to the app's temp folder.
    expect(existsSync(h.tempRoot) ? listFiles(h.tempRoot) : []).toEqual([]);
    expect(JSON.stringify(outcomes)).not.toContain('hunter2');
    await page.close();
  });

  it('a real drop still opens the file: main issues the handle, the page sees only the name', async () => {
    const page = await h.newPage();
    await h.dropFile(page, path.join(h.dir, 'missing-bundle.zip'));
    await expect.poll(() => page.getByText(/missing-bundle\.zip does not exist or cannot be read/).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.close();
  });
});
