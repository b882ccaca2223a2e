// Crafted bundles that pass the per-entry checks but attack the whole: overlapping entries, floods of small
// entries, names stored twice, folders whose files vanish or whose paths are too long. Each is refused or
// reported by name, and nothing is left in the app's temp folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../main/bundle/open-bundle';
import { BundleError } from '../../main/bundle/bundle-error';
import { AppTemp } from '../../main/fs/app-temp';
import { listFiles } from '../support/fs-snapshot';
import { buildZip, type RawZipEntry } from '../support/zip-builder';
import { overlapBomb, smallEntryBomb } from '../support/hostile-bundles';

let root: string;
let inputs: string;
let temp: AppTemp;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mtr-hostile2-'));
  inputs = path.join(root, 'inputs');
  temp = new AppTemp(path.join(root, 'app-temp'));
  mkdirSync(inputs);
  mkdirSync(temp.root);
});
// GNU rm walks with openat, so it also removes the tree deeper than PATH_MAX that Node's rm cannot reach.
afterAll(() => execFileSync('rm', ['-rf', root]));

function zipFile(name: string, bytes: Buffer): string {
  const p = path.join(inputs, name);
  writeFileSync(p, bytes);
  return p;
}

const logLine = 'Wed Jan 20 2021 13:20:53 GMT-0700 <1> -- info -- hello\n';

async function refusal(file: string): Promise<BundleError> {
  const err = await openBundle(file, { temp }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BundleError);
  return err as BundleError;
}

describe('whole-archive budgets', () => {
  it('refuses overlapping entries (thousands of names over one compressed body) as a bomb, naming them', async () => {
    const file = zipFile('overlap.zip', overlapBomb(3000));
    const err = await refusal(file);
    expect(err.code).toBe('zip-bomb');
    expect(err.message).toMatch(/overlap\.zip is refused as a zip bomb: entries share the same compressed bytes/);
    expect(err.message).toContain('Windows/EventLog/log-0.evtx and Windows/EventLog/log-1.evtx');
    expect(err.message).toMatch(/; .*and 2996 more\)/);
    expect(listFiles(temp.root)).toEqual([]);
  });

  it('refuses a flood of small entries whose declared sizes together dwarf the archive', async () => {
    const file = zipFile('small-bomb.zip', smallEntryBomb(100));
    const err = await refusal(file);
    expect(err.code).toBe('zip-bomb');
    expect(err.message).toMatch(/small-bomb\.zip is refused as a zip bomb: its 100 entries declare 300 MB from an archive of [\d.]+ [KM]B \(\d+×\)/);
    expect(listFiles(temp.root)).toEqual([]);
  });

  it('reads an archive of many emptied event logs (a high ratio below the floor is normal)', async () => {
    const empty = Buffer.alloc(68 * 1024);
    const file = zipFile('empties.zip', buildZip(Array.from({ length: 50 }, (_, i) => ({ name: `Windows/EventLog/e${i}.evtx`, data: empty }))));
    const bundle = await openBundle(file, { temp });
    expect(bundle.inventory.entries).toHaveLength(50);
    expect(bundle.inventory.rejected).toEqual([]);
    await bundle.close();
  });

  it('refuses an entry declaring more than deflate can produce, however small', async () => {
    const file = zipFile('liar-small.zip', buildZip([{ name: 'App/a.log', data: Buffer.from(logLine) }, { name: 'App/b.log', data: Buffer.alloc(100), declaredSize: 2_000_000 }]));
    const bundle = await openBundle(file, { temp });
    expect(bundle.inventory.entries.map((e) => e.path)).toEqual(['App/a.log']);
    expect(bundle.inventory.rejected).toEqual([
      expect.objectContaining({ path: 'App/b.log', reason: 'compression-ratio', message: expect.stringMatching(/declares 2000000 bytes from \d+, more than deflate can produce/) }),
    ]);
    await bundle.close();
  });

  it('checks the copy budget before writing: the event log that would pass it is not copied', async () => {
    const evtx = Buffer.alloc(300 * 1024, 1);
    const file = zipFile('copies.zip', buildZip([0, 1, 2].map((i) => ({ name: `Windows/EventLog/l${i}.evtx`, data: evtx }))));
    const bundle = await openBundle(file, { temp, limits: { maxExtractBytes: 700 * 1024 } });
    await bundle.fileFor('Windows/EventLog/l0.evtx');
    await bundle.fileFor('Windows/EventLog/l1.evtx');
    await expect(bundle.fileFor('Windows/EventLog/l2.evtx')).rejects.toThrow(/l2\.evtx: not read, copying it would take the temporary copies of copies\.zip past 700 KB/);
    // Only the two copies exist: the refused one was never started.
    expect(listFiles(temp.root)).toHaveLength(2);
    await bundle.close();
    expect(listFiles(temp.root)).toEqual([]);

    const counted = await openBundle(file, { temp, limits: { maxExtractFiles: 1 } });
    await counted.fileFor('Windows/EventLog/l0.evtx');
    await expect(counted.fileFor('Windows/EventLog/l1.evtx')).rejects.toThrow(/more than 1 files copied/);
    await counted.close();
  });
});

describe('names stored twice', () => {
  it('keeps both copies, the later renamed, with a warning naming them', async () => {
    const real = Buffer.from(logLine);
    const garbage = Buffer.from('garbage\n');
    const entries: RawZipEntry[] = [
      { name: 'App/Microsoft/Teams/Logs.txt', data: real },
      { name: 'App\\Microsoft\\Teams\\Logs.txt', data: garbage },
      { name: 'App/./Microsoft/Teams/Logs.txt', data: garbage },
    ];
    const bundle = await openBundle(zipFile('dups.zip', buildZip(entries)), { temp });
    expect(bundle.inventory.entries.map((e) => e.path)).toEqual([
      'App/Microsoft/Teams/Logs.txt',
      'App/Microsoft/Teams/Logs (2).txt',
      'App/Microsoft/Teams/Logs (3).txt',
    ]);
    expect(bundle.inventory.warnings).toEqual(
      expect.arrayContaining([
        'dups.zip holds App/Microsoft/Teams/Logs.txt more than once; the copy stored later is listed as App/Microsoft/Teams/Logs (2).txt.',
        'dups.zip holds App/Microsoft/Teams/Logs.txt more than once; the copy stored later is listed as App/Microsoft/Teams/Logs (3).txt.',
      ]),
    );
    // The first name still reads the first copy: nothing replaced it.
    const chunks: Buffer[] = [];
    for await (const c of await bundle.openEntry('App/Microsoft/Teams/Logs.txt')) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe(logLine);
    await bundle.close();
  });
});

describe('folder walk errors', () => {
  it('turns files vanishing mid-walk and permission errors into refusals naming the path', async () => {
    const dir = path.join(inputs, 'vanishing');
    mkdirSync(path.join(dir, 'App', 'sub'), { recursive: true });
    for (const n of ['a.log', 'b.log', 'c.log']) writeFileSync(path.join(dir, 'App', n), logLine);
    writeFileSync(path.join(dir, 'App', 'sub', 'd.log'), logLine);
    // Another process deletes b.log and the sub folder between the listing and the lstat.
    const walkFs = {
      readdir: async (d: string) => {
        const names = await readdir(d);
        if (d.endsWith(`${path.sep}App`)) {
          unlinkSync(path.join(d, 'b.log'));
          rmSync(path.join(d, 'sub'), { recursive: true });
        }
        return names;
      },
      lstat: async (f: string) => {
        if (f.endsWith('c.log')) throw Object.assign(new Error(`EACCES: permission denied, lstat '${f}'`), { code: 'EACCES' });
        return lstat(f);
      },
    };
    const bundle = await openBundle(dir, { temp, walkFs });
    expect(bundle.inventory.entries.map((e) => e.path)).toEqual(['App/a.log']);
    expect(bundle.inventory.rejected.map((r) => r.message).sort()).toEqual([
      'App/b.log: skipped, it disappeared while the folder was being read.',
      'App/c.log: skipped, permission denied.',
      'App/sub: skipped, it disappeared while the folder was being read.',
    ]);
    await bundle.close();
  });

  it('refuses a path longer than the system allows and reads the rest', async () => {
    const dir = path.join(inputs, 'deep');
    mkdirSync(path.join(dir, 'App'), { recursive: true });
    writeFileSync(path.join(dir, 'App', 'Logs.txt'), logLine);
    // 20 levels of 250-character names: past PATH_MAX (4096), so only relative steps can create it.
    const seg = 'd'.repeat(250);
    const script = `process.chdir(${JSON.stringify(dir)}); for (let i = 0; i < 20; i++) { fs.mkdirSync('${seg}'); process.chdir('${seg}'); } fs.writeFileSync('f.log', 'x');`;
    execFileSync(process.execPath, ['-e', script]);
    const bundle = await openBundle(dir, { temp });
    expect(bundle.inventory.entries.map((e) => e.path)).toEqual(['App/Logs.txt']);
    const r = bundle.inventory.rejected;
    expect(r).toHaveLength(1);
    expect(r[0]?.reason).toBe('unreadable');
    expect(r[0]?.message).toMatch(/^(d{250}\/)+d{250}: skipped, its path is too long for this system\.$/);
    await bundle.close();
  });

  it('skips FIFOs instead of blocking on them', async () => {
    const dir = path.join(inputs, 'fifo');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'Logs.txt'), logLine);
    execFileSync('mkfifo', [path.join(dir, 'pipe.log')]);
    const bundle = await openBundle(dir, { temp });
    expect(bundle.inventory.entries.map((e) => e.path)).toEqual(['Logs.txt']);
    expect(bundle.inventory.rejected.map((r) => r.message)).toEqual(['pipe.log: skipped, it is not a regular file.']);
    await bundle.close();
  });
});
