// Hostile and broken bundles: each is refused with a message naming the file and the problem,
// the process stays up, the good entries are still listed, and nothing lands outside the app's temp folder.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../main/bundle/open-bundle';
import { BundleError } from '../../main/bundle/bundle-error';
import { AppTemp } from '../../main/fs/app-temp';
import { buildZip } from '../support/zip-builder';
import { listFiles } from '../support/fs-snapshot';

let root: string;
let inputs: string;
let temp: AppTemp;
const escapee = `mtr-doctor-escape-${process.pid}.txt`;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mtr-hostile-'));
  inputs = path.join(root, 'inputs');
  temp = new AppTemp(path.join(root, 'app-temp'));
  mkdirSync(inputs);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function zipFile(name: string, bytes: Buffer): string {
  const p = path.join(inputs, name);
  writeFileSync(p, bytes);
  return p;
}

const good = { name: 'App/Microsoft/Teams/Logs.txt', data: Buffer.from('Wed Jan 20 2021 13:20:53 GMT-0700 <1> -- info -- hello\n') };

/** Opens a bundle and asks for every entry on disk, as the analysis would. */
async function openAndExtractAll(file: string) {
  const bundle = await openBundle(file, { temp });
  for (const e of bundle.inventory.entries) await bundle.fileFor(e.path).catch(() => undefined);
  return bundle;
}

describe('hostile zips', () => {
  it('refuses zip-slip names (../, absolute, drive letter, backslashes) and keeps the good entries', async () => {
    const file = zipFile(
      'slip.zip',
      buildZip([
        good,
        { name: `../../../../../../tmp/${escapee}`, data: Buffer.from('pwned') },
        { name: `/tmp/${escapee}`, data: Buffer.from('pwned') },
        { name: `C:\\Windows\\${escapee}`, data: Buffer.from('pwned') },
        { name: `App\\..\\..\\${escapee}`, data: Buffer.from('pwned') },
      ]),
    );
    const bundle = await openAndExtractAll(file);
    const { inventory } = bundle;
    expect(inventory.entries.map((e) => e.path)).toEqual(['App/Microsoft/Teams/Logs.txt']);
    expect(inventory.rejected).toHaveLength(4);
    for (const r of inventory.rejected) {
      expect(r.reason).toBe('unsafe-path');
      expect(r.message).toContain(escapee);
    }
    expect(inventory.rejected.map((r) => r.message).join('\n')).toMatch(/escapes the bundle/);
    expect(inventory.rejected.map((r) => r.message).join('\n')).toMatch(/drive letter/);
    expect(inventory.rejected.map((r) => r.message).join('\n')).toMatch(/absolute path/);
    await bundle.close();
    expect(existsSync(path.join('/tmp', escapee))).toBe(false);
    expect(existsSync(path.join(root, escapee))).toBe(false);
    // Everything the run wrote is the input itself; the temp session is gone after close.
    expect(listFiles(root).filter((f) => !f.startsWith('inputs/'))).toEqual([]);
  });

  it('refuses symbolic links and encrypted entries', async () => {
    const file = zipFile(
      'links.zip',
      buildZip([
        good,
        { name: 'App/etc-passwd', data: Buffer.from('/etc/passwd'), symlink: true, method: 'store' },
        { name: 'App/secret.txt', data: Buffer.from('x'), encrypted: true, method: 'store' },
      ]),
    );
    const bundle = await openAndExtractAll(file);
    expect(bundle.inventory.rejected.map((r) => [r.path, r.reason])).toEqual([
      ['App/etc-passwd', 'symlink'],
      ['App/secret.txt', 'encrypted'],
    ]);
    expect(bundle.inventory.rejected[0]?.message).toMatch(/symbolic link/);
    expect(bundle.inventory.rejected[1]?.message).toMatch(/encrypted/);
    await bundle.close();
  });

  it('refuses a zip bomb entry by its compression ratio without inflating it', async () => {
    const file = zipFile('bomb.zip', buildZip([good, { name: 'Windows/EventLog/bomb.evtx', data: Buffer.alloc(64 * 1024 * 1024) }]));
    const bundle = await openAndExtractAll(file);
    expect(bundle.inventory.entries.map((e) => e.path)).toEqual(['App/Microsoft/Teams/Logs.txt']);
    const [r] = bundle.inventory.rejected;
    expect(r?.reason).toBe('compression-ratio');
    expect(r?.message).toMatch(/Windows\/EventLog\/bomb\.evtx: refused, it expands \d+×.*zip bomb/);
    await bundle.close();
    expect(listFiles(temp.root)).toEqual([]);
  });

  it('stops at the total size cap and says which entries were skipped', async () => {
    const chunk = Buffer.alloc(300 * 1024, 7);
    const file = zipFile('big.zip', buildZip([0, 1, 2, 3].map((i) => ({ name: `Logs/part${i}.log`, data: chunk }))));
    const bundle = await openBundle(file, { temp, limits: { maxTotalBytes: 700 * 1024 } });
    expect(bundle.inventory.entries.map((e) => e.path)).toEqual(['Logs/part0.log', 'Logs/part1.log']);
    expect(bundle.inventory.rejected.map((r) => r.reason)).toEqual(['total-size', 'total-size']);
    expect(bundle.inventory.rejected[0]?.message).toMatch(/Logs\/part2\.log: skipped, the bundle would exceed/);
    await bundle.close();
  });

  it('fails a lying entry (declares 100 bytes, inflates to 10 MB) when it is read, naming the entry', async () => {
    const file = zipFile('liar.zip', buildZip([{ name: 'App/liar.log', data: Buffer.alloc(10 * 1024 * 1024), declaredSize: 100 }]));
    const bundle = await openBundle(file, { temp });
    await expect(bundle.fileFor('App/liar.log')).rejects.toThrow(/too many bytes|size/i);
    await bundle.close();
    expect(listFiles(temp.root)).toEqual([]);
  });

  it('rejects a zip with 20 000 entries before reading them', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ name: `f/${i}.txt`, method: 'store' as const }));
    const file = zipFile('many.zip', buildZip(many));
    const err = await openBundle(file, { temp }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).code).toBe('too-many-entries');
    expect((err as BundleError).message).toMatch(/many\.zip has 20000 entries; MTR Doctor reads at most 10000/);
  });

  it('rejects a truncated zip and a file that is not a zip, naming the file', async () => {
    const whole = buildZip([good, { name: 'Windows/EventLog/x.evtx', data: Buffer.alloc(4096, 1) }]);
    const truncated = zipFile('truncated.zip', whole.subarray(0, Math.floor(whole.length / 2)));
    const notZip = zipFile('notes.zip', Buffer.from('these are my notes, not a zip\n'.repeat(10)));
    for (const [file, name] of [
      [truncated, 'truncated.zip'],
      [notZip, 'notes.zip'],
    ] as const) {
      const err = await openBundle(file, { temp }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BundleError);
      expect((err as BundleError).code).toBe('not-a-zip');
      expect((err as BundleError).message).toContain(name);
      expect((err as BundleError).message).toMatch(/not a zip archive, or it is truncated/);
    }
  });

  it('opens a zip nested one level and refuses one nested two levels deep', async () => {
    const deep = buildZip([{ name: 'deeper.txt', data: Buffer.from('x') }]);
    const inner = buildZip([good, { name: 'deep.zip', data: deep }]);
    const file = zipFile('nested.zip', buildZip([{ name: 'logs/inner.zip', data: inner }]));
    const bundle = await openAndExtractAll(file);
    expect(bundle.inventory.entries.map((e) => e.path)).toEqual(['logs/inner.zip/App/Microsoft/Teams/Logs.txt']);
    expect(bundle.inventory.rejected).toEqual([
      expect.objectContaining({ path: 'logs/inner.zip/deep.zip', reason: 'nested-zip-depth' }),
    ]);
    // The extracted inner zip and entry copies live in the app temp folder until close.
    expect(listFiles(temp.root).every((f) => f.startsWith('session-'))).toBe(true);
    await bundle.close();
    expect(listFiles(temp.root)).toEqual([]);
  });
});
