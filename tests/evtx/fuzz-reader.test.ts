// Fuzzing the reader with damaged real files: bit flips, byte runs, truncations (anywhere, and at a chunk
// boundary), zeroed chunks, corrupted chunk/record header fields and offsets (a free space offset that hides
// records). Deterministic (seeded). The reader must never throw, never hang and never allocate by an unchecked
// length, and a file that gives no record always gives a problem, on one thread and in the worker pool (issue
// 23.4); hand-made records check the caps on element nesting and on BinXml nested in BinXml. The pool needs
// the built worker (npm run build).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peekEvtx, readEvtx, readEvtxStats, type EvtxProblem } from '../../main/evtx/index';
import { EvtxWorkerPool, readEvtxXml } from '../../main/evtx-dump/index';
import { resolveWorkerScript } from '../../main/fs/worker-script';
import { corpusSuite, CORPUS_SKIPPED, loadOracle } from '../support/corpus';
import { prng } from '../support/prng';
import { evtxFile, inlineName, RECORD_BINXML, u16, u32 } from '../support/evtx-handmade';

const CHUNK = 65536;
const FILE_HEADER = 4096;
const INTERESTING_32 = [0, 1, 0x7f, 0x80, 0xff, 0x200, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, CHUNK - 1, CHUNK, CHUNK + 1];
const INTERESTING_8 = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x0c, 0x0d, 0x0e, 0x0f, 0x21, 0x41, 0x45, 0x46, 0x49, 0x81, 0xff];
/** Chunk header fields worth corrupting: record numbers/ids, sizes, offsets, CRCs, flags. */
const CHUNK_FIELDS = [8, 16, 24, 32, 40, 44, 48, 52, 120, 124];

type Rand = () => number;
const pick = <T,>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const int = (rand: Rand, n: number): number => Math.floor(rand() * n);

/** Offsets of the records the chunk walk would find, to aim mutations at record fields. */
function recordOffsets(buf: Buffer, chunkStart: number): number[] {
  const out: number[] = [];
  let p = chunkStart + 512;
  while (p + 28 <= buf.length && p < chunkStart + CHUNK && buf.readUInt32LE(p) === 0x2a2a) {
    const size = buf.readUInt32LE(p + 4);
    if (size < 28) break;
    out.push(p);
    p += size;
  }
  return out;
}

function mutate(base: Buffer, rand: Rand): Buffer {
  let buf = Buffer.from(base);
  const chunks = Math.max(1, Math.floor((buf.length - FILE_HEADER) / CHUNK));
  const rounds = 1 + int(rand, 4);
  for (let m = 0; m < rounds; m++) {
    const chunkStart = FILE_HEADER + int(rand, chunks) * CHUNK;
    const records = recordOffsets(buf, chunkStart);
    const record = records.length ? pick(rand, records) : chunkStart + 512;
    // Damage that hides whole chunks' records leaves nothing to parse: rarer, so most mutations still reach the parser.
    switch (rand() < 0.12 ? 8 + int(rand, 3) : int(rand, 8)) {
      case 0: // bit flips anywhere
        for (let i = 1 + int(rand, 32); i > 0; i--) {
          const at = int(rand, buf.length);
          buf[at] = (buf[at] ?? 0) ^ (1 << int(rand, 8));
        }
        break;
      case 1: {
        // a run of one byte value
        const at = int(rand, buf.length);
        buf.fill(pick(rand, [0, 0xff, int(rand, 256)]), at, Math.min(buf.length, at + 1 + int(rand, 256)));
        break;
      }
      case 2: // truncation
        buf = buf.subarray(0, int(rand, buf.length));
        break;
      case 3: // a chunk header field: huge sizes, offsets, ids
        if (chunkStart + 128 <= buf.length) buf.writeUInt32LE(pick(rand, INTERESTING_32), chunkStart + pick(rand, CHUNK_FIELDS));
        break;
      case 4: // the record's size, at either end
        if (record + 28 <= buf.length) {
          const size = buf.readUInt32LE(record + 4);
          const at = rand() < 0.5 || record + size > buf.length ? record + 4 : record + size - 4;
          buf.writeUInt32LE(pick(rand, INTERESTING_32.concat([size + 1, size - 1, size * 2])) >>> 0, at);
        }
        break;
      case 5: // tokens inside the record's binary XML
        for (let i = 1 + int(rand, 4); i > 0; i--) {
          const at = record + 24 + int(rand, 200);
          if (at < buf.length) buf[at] = pick(rand, INTERESTING_8);
        }
        break;
      case 6: {
        // a 32-bit field (template/name offsets, counts) inside the record
        const at = record + 24 + int(rand, 120);
        if (at + 4 <= buf.length) buf.writeUInt32LE(pick(rand, INTERESTING_32.concat([at - chunkStart, at - chunkStart + 4, int(rand, CHUNK)])) >>> 0, at);
        break;
      }
      case 7: {
        // a 16-bit field (value sizes, name lengths, string lengths)
        const at = record + 24 + int(rand, 300);
        if (at + 2 <= buf.length) buf.writeUInt16LE(pick(rand, [0, 1, 0x7fff, 0xffff, int(rand, 0x10000)]), at);
        break;
      }
      case 8: // a free space offset that hides records, the chunk's CRCs off or kept
        if (chunkStart + 128 <= buf.length && records.length > 0) {
          buf.writeUInt32LE(pick(rand, [512, record - chunkStart, record - chunkStart + buf.readUInt32LE(record + 4)]) >>> 0, chunkStart + 48);
          if (rand() < 0.5) buf.writeUInt32LE((buf.readUInt32LE(chunkStart + 120) | 4) >>> 0, chunkStart + 120);
        }
        break;
      case 9: // a whole chunk zeroed (the only one, in a one-chunk sample): every block left reads clean
        if (chunkStart < buf.length) buf.fill(0, chunkStart, Math.min(buf.length, chunkStart + CHUNK));
        break;
      case 10: // cut exactly at a chunk boundary, right after the file header included
        buf = buf.subarray(0, Math.min(buf.length, FILE_HEADER + int(rand, chunks) * CHUNK));
        break;
    }
  }
  return buf;
}

/**
 * Reads everything the way a user would: every record's fields, data and XML, stats and peek, and
 * the CLI's dump. Returns the records and how long the dump took (timed apart: a few mutations nest
 * BinXml into tens of MB of XML, which xml() gives as a rope but the dump must write out).
 */
async function exercise(buf: Buffer, pool: EvtxWorkerPool): Promise<{ records: number }> {
  const problems: EvtxProblem[] = [];
  let n = 0;
  const xmlHash = createHash('sha256');
  for await (const r of readEvtx(buf, { onProblem: (p) => problems.push(p) })) {
    // Every record the reader returns shows in the XML output too (JSON lines would list it).
    const xml = r.xml();
    if (xml.trim() === '') throw new Error(`record ${r.recordId} renders as an empty string`);
    xmlHash.update(xml);
    n += 1;
    void r.data.positional.length;
    void `${r.time}${r.provider}${r.channel}${r.eventId}${r.recordId}`;
  }
  const stats = await readEvtxStats(buf);
  await peekEvtx(buf);
  for (const p of problems) expect(typeof p.message).toBe('string');
  // Damage is always said (issue 23.4): a file that gives no record gives a reason.
  if (n === 0) expect(problems.length, 'no record and no problem').toBeGreaterThan(0);
  if (stats.records === 0) expect(stats.problems.length, 'stats: no record and no problem').toBeGreaterThan(0);
  // The worker pool applies the same rules: the same records and the same problems, from records and from XML blocks.
  const pooled: EvtxProblem[] = [];
  let pn = 0;
  for await (const _ of pool.read(buf, { onProblem: (p) => pooled.push(p) })) pn += 1;
  const pooledXml: EvtxProblem[] = [];
  for await (const _ of pool.readXml(buf, { onProblem: (p) => pooledXml.push(p) }));
  expect(pn).toBe(n);
  if (pn === 0) expect(pooled.length, 'pool: no record and no problem').toBeGreaterThan(0);
  expect(pooled).toEqual(problems);
  expect(pooledXml).toEqual(problems);
  // The dump renders to bytes by its own code: damaged or not, the same bytes as xml().
  const dumpHash = createHash('sha256');
  for await (const b of readEvtxXml(buf)) dumpHash.update(b);
  expect(dumpHash.digest('hex')).toBe(xmlHash.digest('hex'));
  return { records: n };
}

/** Small samples: the file header plus a chunk or two of varied real logs. */
function samples(): { name: string; buf: Buffer }[] {
  if (CORPUS_SKIPPED) return [];
  const oracle = loadOracle();
  const take = (suffix: string, chunks: number[]): { name: string; buf: Buffer } => {
    const row = oracle.find((r) => r.file.endsWith(suffix));
    if (!row) throw new Error(`corpus file ${suffix} missing`);
    const file = readFileSync(row.path);
    // The header is made to declare the chunks taken, as the whole file's header did its own.
    const header = Buffer.from(file.subarray(0, FILE_HEADER));
    header.writeUInt16LE(chunks.length, 42);
    header.writeBigUInt64LE(BigInt(chunks.length - 1), 16);
    header.writeUInt32LE(crc32(header.subarray(0, 120)), 124);
    const parts = [header, ...chunks.map((c) => file.subarray(FILE_HEADER + c * CHUNK, FILE_HEADER + (c + 1) * CHUNK))];
    return { name: `${suffix} chunks ${chunks.join(',')}`, buf: Buffer.concat(parts) };
  };
  return [
    take('omerbenamram-evtx/samples/security.evtx', [0, 1]),
    take('/sysmon.evtx', [0]),
    take('/issue_201.evtx', [0]),
    take('E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2%4Operational.evtx', [0]),
    take('/Security_with_size_t.evtx', [0]),
    take('/Application_no_crc32.evtx', [0]),
    take('2-system-Microsoft-Windows-LiveId%4Operational.evtx', [0]),
    take('TerminalServices-RemoteConnectionManager%4Operational.evtx', [1]),
    take('/sample-with-irregular-bool-values.evtx', [0]),
    take('python-evtx/tests/data/system.evtx', [0]),
  ];
}

const ITERATIONS_PER_SAMPLE = 300;

corpusSuite('fuzzing the reader', () => {
  let pool: EvtxWorkerPool;
  beforeAll(() => {
    pool = new EvtxWorkerPool({ workers: 1, workerScript: resolveWorkerScript('evtx-worker.js') });
  });
  afterAll(async () => {
    await pool.close();
  });
  samples().forEach(({ name, buf }, s) => {
    it(`${name}: ${ITERATIONS_PER_SAMPLE} mutations, no throw, no hang, bounded memory`, async () => {
      expect((await exercise(buf, pool)).records).toBeGreaterThan(0);
      const clean: EvtxProblem[] = [];
      for await (const _ of readEvtx(buf, { onProblem: (p) => clean.push(p) }));
      expect(clean.filter((p) => p.kind === 'missing-records')).toEqual([]);
      const rand = prng(0xe7e7 + s);
      // A hang or a blow-up fails this test by its timeout (vitest.config.mts), not by a clock read here: the
      // time a mutation takes on a loaded machine says nothing (speed is measured in `npm run bench`).
      for (let i = 0; i < ITERATIONS_PER_SAMPLE; i++) {
        const mutated = mutate(buf, rand);
        try {
          await exercise(mutated, pool);
        } catch (err) {
          throw new Error(`sample ${name}, iteration ${i}: ${err instanceof Error ? err.stack : String(err)}`, { cause: err });
        }
      }
      expect(process.memoryUsage().heapUsed).toBeLessThan(1024 * 1024 * 1024);
    });
  });
});

// Hand-made files for the recursion caps.



describe('recursion caps', () => {
  it('elements nested thousands deep: reported, not a stack overflow', async () => {
    // Flat BinXml (no template): the first element names itself inline, the rest refer to it.
    const depth = 5000;
    const firstName = RECORD_BINXML + 4 + 9;
    const parts = [Buffer.from([0x0f, 1, 1, 0]), Buffer.from([0x01]), u32(0), u32(firstName), inlineName('Deep'), Buffer.from([0x02])];
    for (let i = 1; i < depth; i++) parts.push(Buffer.from([0x01]), u32(0), u32(firstName), Buffer.from([0x02]));
    for (let i = 0; i < depth; i++) parts.push(Buffer.from([0x04]));
    parts.push(Buffer.from([0x00]));
    const problems: EvtxProblem[] = [];
    const records = [];
    for await (const r of readEvtx(evtxFile([Buffer.concat(parts)]), { onProblem: (p) => problems.push(p) })) records.push(r);
    expect(records.length).toBe(1);
    expect(problems.map((p) => p.kind)).toEqual(['bad-binxml']);
    expect(problems[0]?.message).toMatch(/nested deeper/);
    expect(records[0]?.xml()).toContain('unreadable');
  });

  it('BinXml values nested in BinXml values hundreds deep: rendering and data stop at the cap', async () => {
    // One template, <Deep>{substitution 0: BinXml}</Deep>, defined inline in the record; each
    // BinXml value is another instance of it, down to a string at the bottom.
    const instanceAt = RECORD_BINXML + 4;
    const defAt = instanceAt + 10;
    const body = Buffer.concat([
      Buffer.from([0x0f, 1, 1, 0, 0x01]),
      u16(0xffff),
      u32(0),
      u32(defAt + 24 + 5 + 2 + 4 + 4),
      inlineName('Deep'),
      Buffer.from([0x02, 0x0d]),
      u16(0),
      Buffer.from([0x21, 0x04, 0x00]),
    ]);
    const definition = Buffer.concat([u32(0), Buffer.alloc(16, 7), u32(body.length), body]);
    const instance = (value: Buffer, type: number, inline: boolean): Buffer =>
      Buffer.concat([Buffer.from([0x0c, 0x01]), u32(1), u32(defAt), inline ? definition : Buffer.alloc(0), u32(1), u16(value.length), Buffer.from([type, 0]), value]);
    let value = Buffer.from('bottom\0', 'utf16le');
    let type = 0x01;
    for (let i = 0; i < 300; i++) {
      value = Buffer.concat([Buffer.from([0x0f, 1, 1, 0]), instance(value, type, false), Buffer.from([0x00])]);
      type = 0x21;
    }
    const record = Buffer.concat([Buffer.from([0x0f, 1, 1, 0]), instance(value, type, true), Buffer.from([0x00])]);
    const problems: EvtxProblem[] = [];
    const records = [];
    for await (const r of readEvtx(evtxFile([record]), { onProblem: (p) => problems.push(p) })) records.push(r);
    expect(problems).toEqual([]);
    expect(records.length).toBe(1);
    const xml = records[0]?.xml() ?? '';
    expect(xml).toContain('<Deep>');
    expect(xml).toContain('nested too deep');
    expect(xml).not.toContain('bottom');
    expect((xml.match(/<Deep>/g) ?? []).length).toBeLessThan(20);
    expect(records[0]?.data.positional).toEqual([]);
  });
});
