// Saving over the technician's file: nobody sees half a file, and a failed save leaves the old one whole.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SaveError, writeWhole } from '../../main/fs/write-whole';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-whole-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeWhole', () => {
  it('writes a new file and replaces an old one, leaving nothing else in the folder', async () => {
    const target = path.join(dir, 'Room 1 - findings.csv');
    await writeWhole(target, 'first\r\n');
    expect(readFileSync(target, 'utf8')).toBe('first\r\n');
    await writeWhole(target, Buffer.from('second'));
    expect(readFileSync(target, 'utf8')).toBe('second');
    expect(readdirSync(dir)).toEqual(['Room 1 - findings.csv']);
  });

  it('while a streamed save runs, the target is absent or still the old file; after it, the new one whole', async () => {
    const target = path.join(dir, 'result.json');
    const seen: string[] = [];
    await writeWhole(target, async (file) => {
      for (let i = 0; i < 50; i++) {
        file.write(`{"n":${i}}\n`.repeat(2_000));
        await new Promise((r) => setImmediate(r));
        seen.push(existsSync(target) ? 'present' : 'absent');
      }
    });
    expect(new Set(seen)).toEqual(new Set(['absent']));
    expect(readFileSync(target, 'utf8').split('\n')).toHaveLength(50 * 2_000 + 1);

    writeFileSync(target, 'the old result');
    await writeWhole(target, async (file) => {
      file.write('x'.repeat(1 << 20));
      await new Promise((r) => setImmediate(r));
      expect(readFileSync(target, 'utf8')).toBe('the old result');
    });
    expect(statSync(target).size).toBe(1 << 20);
  });

  it('a save that fails part-way keeps the earlier file as it was and leaves no part file', async () => {
    const target = path.join(dir, 'sheet.pdf');
    writeFileSync(target, 'the sheet the customer already has');
    await expect(
      writeWhole(target, async (file) => {
        file.write('half a new sheet');
        throw new Error('the renderer went away');
      }),
    ).rejects.toThrow('the renderer went away');
    expect(readFileSync(target, 'utf8')).toBe('the sheet the customer already has');
    expect(readdirSync(dir)).toEqual(['sheet.pdf']);
  });

  it('a folder that does not exist, or a folder as the file: an error naming the file and why, nothing written', async () => {
    const target = path.join(dir, 'gone', 'out.csv');
    await expect(writeWhole(target, 'x')).rejects.toThrow(new SaveError(target, 'its folder does not exist'));
    const folder = path.join(dir, 'reports');
    mkdirSync(folder);
    await expect(writeWhole(folder, 'x')).rejects.toThrow(`Cannot save ${folder}: that is a folder; give a file name.`);
    expect(readdirSync(dir)).toEqual(['reports']);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a file system refusal mid-save (permission, a full disk) names the file and why; the earlier file is kept', async () => {
    const target = path.join(dir, 'locked.csv');
    writeFileSync(target, 'earlier');
    // (Root ignores permissions, so the refusals are the file system's errors as Node reports them.)
    for (const [code, reason] of [
      ['EACCES', 'permission denied (or another program has the file open)'],
      ['ENOSPC', 'the disk is full'],
      ['EBUSY', 'another program has the file open'],
    ]) {
      const refusal = Object.assign(new Error(`${code}: refused, write`), { code, syscall: 'write' });
      await expect(
        writeWhole(target, async () => {
          throw refusal;
        }),
      ).rejects.toThrow(new SaveError(target, reason as string));
    }
    expect(readFileSync(target, 'utf8')).toBe('earlier');
    expect(readdirSync(dir)).toEqual(['locked.csv']);
  });

  it.skipIf(process.platform === 'win32')('saves through a symbolic link to the file it names, and keeps the link', async () => {
    const real = path.join(dir, 'real.csv');
    const link = path.join(dir, 'link.csv');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    await writeWhole(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['link.csv', 'real.csv']);
  });

  it("never writes over or removes a file it did not create, such as a crashed save's leftover part files", async () => {
    const target = path.join(dir, 'sheet.pdf');
    writeFileSync(target, 'the sheet');
    const leftovers = Array.from({ length: 400 }, (_, k) => `.sheet.pdf.${process.pid}-${k + 1}.part`);
    for (const f of leftovers) writeFileSync(path.join(dir, f), 'not ours');
    await expect(writeWhole(target, 'new')).rejects.toThrow(/^Cannot save .*sheet\.pdf: files left by an earlier save are in the way/);
    expect(readFileSync(target, 'utf8')).toBe('the sheet');
    expect(readdirSync(dir).sort()).toEqual([...leftovers, 'sheet.pdf'].sort());
    for (const f of leftovers) expect(readFileSync(path.join(dir, f), 'utf8')).toBe('not ours');
  });

  it.skipIf(process.platform === 'win32')('keeps a private mode when asked (tenant settings)', async () => {
    const target = path.join(dir, 'tenant.json');
    await writeWhole(target, '{}', { mode: 0o600 });
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')('writes through a FIFO, named by a symbolic link (its reader gets the content), and leaves both in place', async () => {
    const fifo = path.join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const link = path.join(dir, 'to-fifo');
    symlinkSync(fifo, link);
    // The reader is another process, as it would be for a user's `cat < fifo`.
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (b: Buffer) => (got += b.toString()));
    const closed = new Promise((r) => reader.on('close', r));
    try {
      await writeWhole(link, 'through the pipe\n');
      await closed;
    } finally {
      reader.kill();
    }
    expect(got).toBe('through the pipe\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['out.fifo', 'to-fifo']);
  });

  it.skipIf(process.platform === 'win32')('a character device is never renamed over: a device that refuses the bytes fails the save, and stays a device', async (ctx) => {
    // Our own copies of /dev/null and /dev/full in the test's folder: mknod needs CAP_MKNOD.
    const nul = path.join(dir, 'null');
    const full = path.join(dir, 'full');
    try {
      execFileSync('mknod', [nul, 'c', '1', '3'], { stdio: 'ignore' });
      execFileSync('mknod', [full, 'c', '1', '7'], { stdio: 'ignore' });
    } catch {
      ctx.skip('mknod is not permitted here (needs CAP_MKNOD): the FIFO and /dev/null-link tests cover writing through');
      return;
    }
    await writeWhole(nul, 'discarded');
    expect(lstatSync(nul).isCharacterDevice()).toBe(true);
    // A symbolic link to a device is the device. (Never the system's /dev/null here: the defect this guards
    // against replaces the node the link names.)
    const link = path.join(dir, 'to-full');
    symlinkSync(full, link);
    await expect(writeWhole(link, 'x'.repeat(10_000))).rejects.toThrow(/the disk is full/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    await expect(writeWhole(full, 'x'.repeat(10_000))).rejects.toThrow(/^Cannot save .*full: the disk is full/);
    expect(lstatSync(full).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['full', 'null', 'to-full']);
  });
});
