// Several entries of one zip read at once (the analysis reads two event logs and the Teams logs side by side),
// one of them stopped early or damaged: the others read on to their end, and nothing crashes. yauzl's own file
// reader queued every stream's reads on one line and crashed ("reading 'fd'" of null) when a stream was
// destroyed with a read waiting there; the fuzz run met it on a damaged sample.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../main/analysis/analyse';
import { openBundle } from '../../main/bundle/open-bundle';
import { AppTemp } from '../../main/fs/app-temp';
import { repoRoot } from '../support/app-harness';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-concurrent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sample = path.join(repoRoot, 'assets/samples/mixed.zip');
const temp = () => new AppTemp(path.join(dir, 'app-temp'));

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('entries of one zip read at once', () => {
  it('streams stopped early, many times over, leave the others whole', async () => {
    const bundle = await openBundle(sample, { temp: temp() });
    try {
      const entries = bundle.inventory.entries.filter((e) => e.size > 10_000);
      expect(entries.length).toBeGreaterThan(2);
      const whole = new Map<string, Buffer>();
      for (const e of entries) whole.set(e.path, await readAll(await bundle.openEntry(e.path)));
      for (let round = 0; round < 20; round++) {
        // Every entry opened at once; every other one is dropped after its first piece, the rest read to the end.
        const streams = await Promise.all(entries.map((e) => bundle.openEntry(e.path)));
        const reads = streams.map(async (s, i) => {
          if (i % 2 === round % 2) {
            for await (const _ of s) break;
            return null;
          }
          return readAll(s);
        });
        const got = await Promise.all(reads);
        got.forEach((g, i) => {
          if (g) expect(g.equals(whole.get(entries[i]?.path as string) as Buffer), entries[i]?.path).toBe(true);
        });
      }
    } finally {
      await bundle.close();
    }
  });

  it('a damaged entry among them: its own warning, and the other logs still read', async () => {
    // The AAD log's deflated bytes overwritten early on: its inflating fails while the other logs are being read.
    const zip = path.join(dir, 'damaged.zip');
    const bytes = readFileSync(sample);
    const listing = execFileSync('unzip', ['-v', sample], { encoding: 'utf8' });
    expect(listing).toMatch(/Microsoft-Windows-AAD_Operational\.evtx/);
    const name = Buffer.from('Windows/EventLog/Microsoft-Windows-AAD_Operational.evtx');
    const local = bytes.indexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04])]), 0);
    let at = bytes.indexOf(name, local);
    while (at >= 0 && bytes.readUInt32LE(at - 30) !== 0x04034b50) at = bytes.indexOf(name, at + 1);
    expect(at).toBeGreaterThan(0);
    const data = at + name.length + bytes.readUInt16LE(at - 2);
    bytes.fill(0xff, data + 200, data + 400);
    writeFileSync(zip, bytes);

    const bundle = await openBundle(zip, { temp: temp() });
    try {
      const r = await analyse({ bundle: { open: bundle } }, { now: new Date('2026-11-19T08:00:00Z') });
      expect(r.warnings.some((w) => w.message.includes('Microsoft-Windows-AAD_Operational.evtx') || w.source.includes('Microsoft-Windows-AAD_Operational.evtx'))).toBe(true);
      // The heartbeat log and the Teams logs were read whole.
      const checked = r.checks.flatMap((c) => c.checked);
      expect(checked.some((c) => c.label === 'Skype Room System log' && c.count > 0)).toBe(true);
      expect(checked.some((c) => c.label === 'Teams log' && c.count > 0)).toBe(true);
      expect(r.warnings.map((w) => w.message).join('\n')).not.toMatch(/EBADF|reading 'fd'/);
    } finally {
      await bundle.close();
    }
  });
});
