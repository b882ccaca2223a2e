// Fuzzing bundles: seeded mutations of the sample bundles (bit flips, byte runs, truncation, corrupted
// central-directory, local-header and end-record fields, entries listed twice, hostile names, and an event log
// inside damaged the ways that read clean block by block), run through `mtr-doctor analyze` and the inventory's
// opening in-process and, for a sample of them, as a child process. Every run must end with exit 0, 1 or 2, no
// stack trace and no session folder left behind, and an event log from which no record can be read is always
// named in the warnings (issue 23.4).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle, type Bundle } from '../../main/bundle/open-bundle';
import { kindFromName } from '../../main/bundle/classify';
import { BundleError } from '../../main/bundle/bundle-error';
import { readEvtxStats, streamSource } from '../../main/evtx/index';
import type { AnalysisResult } from '../../main/model/analysis';
import { printable } from '../../main/model/printable';
import { main } from '../../main/cli/mtr-doctor';
import { AppTemp } from '../../main/fs/app-temp';
import { repoRoot } from '../support/app-harness';
import { prng, type Rand } from '../support/prng';
import { buildZip } from '../support/zip-builder';

const SAMPLES = readdirSync(path.join(repoRoot, 'assets/samples')).filter((f) => f.endsWith('.zip')).sort();
const PER_SAMPLE = 200;
const CHILD_EVERY = 150;
const cli = path.join(repoRoot, 'dist/cli/mtr-doctor.js');

let dir: string;
let savedTmp: string | undefined;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-zipfuzz-'));
  mkdirSync(path.join(dir, 'tmp'));
  savedTmp = process.env.TMPDIR;
  // The CLI's scratch folder follows TMPDIR (os.tmpdir()), so it lands where this test can inspect it.
  process.env.TMPDIR = path.join(dir, 'tmp');
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(dir, { recursive: true, force: true });
});

const pick = <T,>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const int = (rand: Rand, n: number): number => Math.floor(rand() * n);
const INTERESTING_32 = [0, 1, 0x7f, 0x80, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 4096, 65536];
const INTERESTING_16 = [0, 1, 0xff, 0x100, 0x7fff, 0xffff];
const HOSTILE_NAME_BYTES = [0x1b, 0x07, 0x0a, 0x0d, 0x00, 0x2f, 0x5c, 0x2e, 0x3a];

function signatures(buf: Buffer, sig: number): number[] {
  const out: number[] = [];
  for (let i = buf.indexOf('PK'); i >= 0 && i + 4 <= buf.length; i = buf.indexOf('PK', i + 1)) if (buf.readUInt32LE(i) === sig) out.push(i);
  return out;
}

interface SampleFile {
  name: string;
  data: Buffer;
}

/** A sample's files, to rebuild it with an event log damaged inside (what byte mutations of the archive rarely reach). */
async function sampleFiles(zip: string): Promise<SampleFile[]> {
  const bundle = await openBundle(zip, { temp: new AppTemp(path.join(dir, 'tmp', 'mtr-doctor')) });
  try {
    const out: SampleFile[] = [];
    for (const e of bundle.inventory.entries) {
      const parts: Buffer[] = [];
      for await (const part of await bundle.openEntry(e.path)) parts.push(part as Buffer);
      out.push({ name: e.path, data: Buffer.concat(parts) });
    }
    return out;
  } finally {
    await bundle.close();
  }
}

const CHUNK = 65536;
const FILE_HEADER = 4096;

/** The sample again with one event log damaged: cut at a chunk boundary (right after its header too), a chunk zeroed, its header's checksum broken, its start overwritten. */
function withDamagedLog(files: SampleFile[], rand: Rand): Buffer {
  const log = pick(rand, files.filter((f) => f.name.endsWith('.evtx')));
  let data = Buffer.from(log.data);
  const chunks = Math.max(1, Math.floor((data.length - FILE_HEADER) / CHUNK));
  switch (int(rand, 4)) {
    case 0:
      data = data.subarray(0, FILE_HEADER + int(rand, chunks) * CHUNK);
      break;
    case 1: {
      const at = FILE_HEADER + int(rand, chunks) * CHUNK;
      data.fill(0, at, at + CHUNK);
      break;
    }
    case 2:
      data[124] = (data[124] ?? 0) ^ 0xff;
      break;
    case 3:
      data.fill(0, 0, 8);
      break;
  }
  return buildZip(files.map((f) => ({ name: f.name, data: f === log ? data : f.data })));
}

function mutate(base: Buffer, rand: Rand, files: SampleFile[]): Buffer {
  let buf: Buffer = Buffer.from(base);
  // Now and then an event log damaged inside an archive that is otherwise whole (half the time left so).
  if (rand() < 0.2) {
    buf = withDamagedLog(files, rand);
    if (rand() < 0.5) return buf;
  }
  for (let m = 1 + int(rand, 3); m > 0; m--) {
    const centrals = signatures(buf, 0x02014b50);
    const locals = signatures(buf, 0x04034b50);
    const eocd = signatures(buf, 0x06054b50).pop();
    switch (int(rand, 8)) {
      case 0:
        for (let i = 1 + int(rand, 16); i > 0; i--) {
          const at = int(rand, buf.length);
          buf[at] = (buf[at] ?? 0) ^ (1 << int(rand, 8));
        }
        break;
      case 1: {
        const at = int(rand, buf.length);
        buf.fill(pick(rand, [0, 0xff, int(rand, 256)]), at, Math.min(buf.length, at + 1 + int(rand, 512)));
        break;
      }
      case 2:
        buf = buf.subarray(0, int(rand, buf.length));
        break;
      case 3: {
        // A central-directory field: crc, sizes, name/extra/comment lengths, attributes, local header offset.
        const c = centrals.length ? pick(rand, centrals) : -1;
        if (c < 0 || c + 46 > buf.length) break;
        const field = pick(rand, [16, 20, 24, 28, 30, 32, 38, 42]);
        if (field >= 28 && field <= 32) buf.writeUInt16LE(pick(rand, INTERESTING_16), c + field);
        else buf.writeUInt32LE(pick(rand, INTERESTING_32.concat([int(rand, buf.length)])) >>> 0, c + field);
        break;
      }
      case 4: {
        const l = locals.length ? pick(rand, locals) : -1;
        if (l < 0 || l + 30 > buf.length) break;
        const field = pick(rand, [6, 8, 14, 18, 22, 26, 28]);
        if (field === 6 || field === 8 || field >= 26) buf.writeUInt16LE(pick(rand, INTERESTING_16.concat([8, 0x0808])), l + field);
        else buf.writeUInt32LE(pick(rand, INTERESTING_32) >>> 0, l + field);
        break;
      }
      case 5: {
        if (eocd === undefined || eocd + 22 > buf.length) break;
        const field = pick(rand, [8, 10, 12, 16, 20]);
        if (field <= 10 || field === 20) buf.writeUInt16LE(pick(rand, INTERESTING_16), eocd + field);
        else buf.writeUInt32LE(pick(rand, INTERESTING_32.concat([int(rand, buf.length)])) >>> 0, eocd + field);
        break;
      }
      case 6: {
        // List one entry again (same name and bytes, or renamed): duplicates and overlapping entries.
        if (eocd === undefined || eocd + 22 > buf.length || centrals.length === 0) break;
        const c = pick(rand, centrals);
        if (c + 46 > buf.length) break;
        const len = 46 + buf.readUInt16LE(c + 28) + buf.readUInt16LE(c + 30) + buf.readUInt16LE(c + 32);
        const copy = Buffer.from(buf.subarray(c, c + len));
        if (rand() < 0.5 && copy.length > 47) copy[46 + int(rand, copy.length - 46)] = 0x41 + int(rand, 26);
        const end = Buffer.from(buf.subarray(eocd));
        end.writeUInt16LE((end.readUInt16LE(8) + 1) & 0xffff, 8);
        end.writeUInt16LE((end.readUInt16LE(10) + 1) & 0xffff, 10);
        end.writeUInt32LE((end.readUInt32LE(12) + copy.length) >>> 0, 12);
        buf = Buffer.concat([buf.subarray(0, eocd), copy, end]);
        break;
      }
      case 7: {
        // Hostile bytes in a stored name.
        const c = centrals.length ? pick(rand, centrals) : -1;
        if (c < 0 || c + 46 > buf.length) break;
        const nameLen = buf.readUInt16LE(c + 28);
        for (let i = 1 + int(rand, 3); i > 0 && nameLen > 0; i--) {
          const at = c + 46 + int(rand, nameLen);
          if (at < buf.length) buf[at] = pick(rand, HOSTILE_NAME_BYTES);
        }
        break;
      }
    }
  }
  return buf;
}

/**
 * The bundle's event logs from which no record can be read, counted here apart from the app's own reading: an
 * .evtx that does not start like an event log, one that cannot be opened, one read through to no record. A log
 * whose first chunk gave a record (identified by its content) has one and is not read again.
 */
async function logsWithoutRecords(bundle: Bundle): Promise<string[]> {
  const out: string[] = [];
  for (const e of bundle.inventory.entries) {
    if (kindFromName(e.path) !== 'evtx' || e.unopened || e.identifiedBy === 'content') continue;
    let records = 0;
    if (e.kind === 'evtx') {
      try {
        records = (await readEvtxStats(streamSource(await bundle.openEntry(e.path), e.size), { name: e.path })).records;
      } catch {
        records = 0;
      }
    }
    if (records === 0) out.push(e.path);
  }
  return out;
}

/** Those of `logs` no warning names. */
function unsaid(logs: string[], warnings: string[]): string[] {
  return logs.filter((l) => !warnings.some((w) => w.includes(l) || w.includes(printable(l))));
}

async function withBundle<T>(file: string, use: (b: Bundle) => Promise<T>): Promise<T> {
  const bundle = await openBundle(file, { temp: new AppTemp(path.join(dir, 'tmp', 'mtr-doctor')) });
  try {
    return await use(bundle);
  } finally {
    await bundle.close();
  }
}

/**
 * `inventory` without the CLI around it: a BundleError is what the CLI turns into exit 2, anything else into 3.
 * `unsaid`: the event logs that give no record and that no inventory warning names.
 */
async function inventoryInProcess(file: string): Promise<{ code: number; stderr: string; unsaid: string[] }> {
  try {
    return await withBundle(file, async (bundle) => ({ code: 0, stderr: '', unsaid: unsaid(await logsWithoutRecords(bundle), bundle.inventory.warnings) }));
  } catch (err) {
    if (err instanceof BundleError) return { code: 2, stderr: err.message, unsaid: [] };
    return { code: 3, stderr: err instanceof Error ? (err.stack ?? err.message) : String(err), unsaid: [] };
  }
}

/** `analyze` in process; when it read the bundle, the event logs that give no record and that no warning of its result names. */
async function analyzeInProcess(file: string, format: 'json' | 'text'): Promise<{ code: number; stderr: string; unsaid: string[] }> {
  const stdout = new PassThrough();
  const out: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  const stderr = new PassThrough();
  const err: Buffer[] = [];
  stderr.on('data', (b: Buffer) => err.push(b));
  const code = await main(['analyze', file, '--format', format], { stdout, stderr });
  const text = Buffer.concat(out).toString('utf8');
  if (code === 2 && text === '') return { code, stderr: Buffer.concat(err).toString('utf8'), unsaid: [] };
  const warnings =
    format === 'json'
      ? (JSON.parse(text) as AnalysisResult).warnings.map((w) => `${w.source}: ${w.message}`)
      : [text.slice(text.indexOf('\nWarnings:\n'))];
  const silent = await withBundle(file, logsWithoutRecords);
  return { code, stderr: Buffer.concat(err).toString('utf8'), unsaid: unsaid(silent, warnings) };
}

function leftovers(): string[] {
  const root = path.join(dir, 'tmp', 'mtr-doctor');
  return existsSync(root) ? readdirSync(root) : [];
}

const STACK = /\n\s+at .+[:(]\d+/;

describe('fuzzing bundles', () => {
  SAMPLES.forEach((sample, s) => {
    it(`${sample}: ${PER_SAMPLE} mutations, exit 0/1/2, no stack trace, no leftover session`, async () => {
      const base = readFileSync(path.join(repoRoot, 'assets/samples', sample));
      const rand = prng(0x21b0 + s);
      const files = await sampleFiles(path.join(repoRoot, 'assets/samples', sample));
      const codes = new Map<number, number>();
      let opened = 0;
      for (let i = 0; i < PER_SAMPLE; i++) {
        const file = path.join(dir, `${s}-${i}.zip`);
        writeFileSync(file, mutate(base, rand, files));
        const where = `${sample} mutation ${i} (seed ${0x21b0 + s})`;
        let r: { code: number; stderr: string; unsaid: string[] };
        try {
          // Every fourth run is a whole `analyze` (copies and reads the logs); the others open the bundle the way
          // `inventory` does, which is where most damage to the archive's structure is met, at a fraction of the cost.
          r = i % 4 === 0 ? await analyzeInProcess(file, i % 8 ? 'json' : 'text') : await inventoryInProcess(file);
        } catch (err) {
          throw new Error(`${where}: threw ${err instanceof Error ? err.stack : String(err)}`, { cause: err });
        }
        codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
        expect([0, 1, 2], `${where}: exit ${r.code}\n${r.stderr}`).toContain(r.code);
        expect(r.stderr, where).not.toMatch(STACK);
        expect(leftovers(), where).toEqual([]);
        // 0 records without a warning never happens (issue 23.4).
        expect(r.unsaid, `${where}: event logs that give no record, named in no warning`).toEqual([]);
        if (r.code !== 2) opened++;
        if (i % CHILD_EVERY === 0) {
          if (!existsSync(cli)) throw new Error('dist/cli/mtr-doctor.js is missing: run `npm run build` first (npm test does).');
          const c = spawnSync(process.execPath, [cli, 'inventory', file], { encoding: 'utf8', env: { ...process.env, TMPDIR: path.join(dir, 'tmp') } });
          expect([0, 2], `${where} (child): exit ${c.status}\n${c.stderr}`).toContain(c.status);
          expect(c.stderr, where).not.toMatch(STACK);
          expect(leftovers(), where).toEqual([]);
        }
        rmSync(file);
      }
      // The mutations must reach past the zip checks sometimes, or the run proves little.
      expect((codes.get(0) ?? 0) + (codes.get(1) ?? 0)).toBeGreaterThan(PER_SAMPLE / 10);
      expect(codes.get(2) ?? 0).toBeGreaterThan(PER_SAMPLE / 10);
      expect(opened).toBeGreaterThan(PER_SAMPLE / 10);
    });
  });
});
