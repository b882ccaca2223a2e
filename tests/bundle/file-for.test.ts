// The analysis copies the next event log out of the zip while it reads one: overlapping copies must land in
// distinct files with the right bytes, one copy per entry, and a cancelled copy must leave nothing behind.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../main/bundle/open-bundle';
import { AppTemp } from '../../main/fs/app-temp';
import { listFiles } from '../support/fs-snapshot';
import { buildZip } from '../support/zip-builder';

let root: string;
let zip: string;
let temp: AppTemp;
const a = Buffer.alloc(3 << 20, 'a');
const b = Buffer.from(Array.from({ length: 200_000 }, (_, i) => `line ${i}\n`).join(''));

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mtr-filefor-'));
  temp = new AppTemp(path.join(root, 'temp'));
  zip = path.join(root, 'b.zip');
  writeFileSync(zip, buildZip([{ name: 'Windows/EventLog/A.evtx', data: a }, { name: 'Windows/EventLog/B.evtx', data: b }]));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('Bundle.fileFor', () => {
  it('overlapping copies get their own files with their own bytes, and each entry is copied once', async () => {
    const bundle = await openBundle(zip, { temp });
    try {
      const [pa, pb, pa2] = await Promise.all([bundle.fileFor('Windows/EventLog/A.evtx'), bundle.fileFor('Windows/EventLog/B.evtx'), bundle.fileFor('Windows/EventLog/A.evtx')]);
      expect(pa).not.toBe(pb);
      expect(pa2).toBe(pa);
      expect(readFileSync(pa).equals(a)).toBe(true);
      expect(readFileSync(pb).equals(b)).toBe(true);
      expect(listFiles(path.dirname(pa))).toHaveLength(2);
    } finally {
      await bundle.close();
    }
    expect(listFiles(path.join(root, 'temp'))).toEqual([]);
  });

  it('a cancelled copy rejects, removes its partial file, and the session folder goes on close', async () => {
    const bundle = await openBundle(zip, { temp });
    const ac = new AbortController();
    const copy = bundle.fileFor('Windows/EventLog/A.evtx', ac.signal);
    ac.abort();
    await expect(copy).rejects.toThrow(/abort/i);
    await bundle.close();
    expect(listFiles(path.join(root, 'temp'))).toEqual([]);
  });
});
