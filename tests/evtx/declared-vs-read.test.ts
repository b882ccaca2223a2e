// What the file header declares against what was read (issue 23.4): a file cut at a chunk boundary, cut right
// after its header, or with its only chunk zeroed reads clean block by block, so only this comparison says it.
// The one rule (reader.ts declaredVsRead) serves the one-thread reader, the worker pool and a bundle's inventory,
// which reads only the header and first chunk. The pool needs the built worker (npm run build).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectEvtxHead, readEvtx, readEvtxStats, type EvtxProblem } from '../../main/evtx/index';
import { EvtxWorkerPool } from '../../main/evtx-dump/index';
import { resolveWorkerScript } from '../../main/fs/worker-script';
import { buildEvtx } from '../../tools/evtx-writer';

const CHUNK = 65536;
const HEADER = 4096;

/** An AAD-like log of `n` records: several chunks. */
function log(n: number): Buffer {
  return Buffer.from(
    buildEvtx(
      Array.from({ length: n }, (_, i) => ({
        time: new Date(Date.UTC(2026, 10, 18) + i * 1000).toISOString(),
        provider: { name: 'Microsoft-Windows-AAD', guid: '{4DE9BC9C-B27A-43C9-8994-0915F1A5E24F}' },
        eventId: 1098,
        level: 2,
        channel: 'Microsoft-Windows-AAD/Operational',
        computer: 'MTR-1',
        data: [{ name: 'ErrorMessage', value: `error number ${i} `.repeat(8) }],
      })),
    ),
  );
}

const missing = (ps: EvtxProblem[]) => ps.filter((p) => p.kind === 'missing-records').map((p) => p.message);

/** Its only chunk zeroed: the header still declares it. */
function zeroedOnly(): Buffer {
  const one = log(20);
  expect(one.length).toBe(HEADER + CHUNK);
  return Buffer.concat([one.subarray(0, HEADER), Buffer.alloc(CHUNK)]);
}

/** The free space offset just past the first record; no CRC flag, so only the chunk's record count can tell. */
function hiddenRecords(): Buffer {
  const one = Buffer.from(log(20));
  one.writeUInt32LE(512 + one.readUInt32LE(HEADER + 512 + 4), HEADER + 48);
  one.writeUInt32LE(one.readUInt32LE(HEADER + 120) | 4, HEADER + 120);
  return one;
}

describe('declared against read', () => {
  const whole = log(2000);
  const chunks = (whole.length - HEADER) / CHUNK;

  it('a whole file: nothing missing', async () => {
    expect(chunks).toBeGreaterThan(3);
    expect(missing((await readEvtxStats(whole, { name: 'AAD.evtx' })).problems)).toEqual([]);
  });

  it('cut exactly at a chunk boundary: the records before it, and the difference in plain words and numbers', async () => {
    const stats = await readEvtxStats(whole.subarray(0, HEADER + 2 * CHUNK), { name: 'AAD.evtx' });
    expect(stats.records).toBeGreaterThan(0);
    const unread = 2000 - stats.records;
    expect(missing(stats.problems)).toEqual([
      `AAD.evtx is damaged: its header declares ${chunks} chunks, records up to 2,000; the file ends after 2 of them (135,168 bytes), and ${stats.records} records could be read, so about ${unread.toLocaleString('en-US')} could not`,
    ]);
    expect(stats.problems.find((p) => p.kind === 'missing-records')?.records).toEqual({ declaredLast: 2000, read: stats.records, unread, cutShort: true });
  });

  it('cut right after its header (4,096 bytes): no record, and said', async () => {
    const stats = await readEvtxStats(whole.subarray(0, HEADER), { name: 'AAD.evtx' });
    expect(stats.records).toBe(0);
    expect(missing(stats.problems)).toEqual([expect.stringContaining('the file ends after 0 of them (4,096 bytes), and 0 records could be read')]);
    // Nothing was read, so how many are missing is not claimed (an old log's ids do not start at 1).
    expect(stats.problems.find((p) => p.kind === 'missing-records')?.records).toEqual({ declaredLast: 2000, read: 0, unread: null, cutShort: true });
  });

  it('its only chunk zeroed: no record, and said', async () => {
    const stats = await readEvtxStats(zeroedOnly(), { name: 'AAD.evtx' });
    expect(stats.records).toBe(0);
    expect(missing(stats.problems)).toEqual(['AAD.evtx is damaged: its header declares 1 chunk, records up to 20; 1 of them is not a readable chunk, and 0 records could be read']);
  });

  it('a free space offset that hides records: the chunk says how many it declares and how many were read', async () => {
    const stats = await readEvtxStats(hiddenRecords(), { name: 'AAD.evtx' });
    expect(stats.records).toBe(1);
    expect(missing(stats.problems)).toEqual(['chunk 0: its header declares records 1–20 (20), but 1 could be read']);
    expect(stats.problems[0]?.records).toEqual({ declaredLast: 20, read: 1, unread: 19 });
  });

  it('records declared, a chunk there and clean, none in it: said', async () => {
    // The chunk's records and its own account of them gone (its header rewritten as an empty chunk's, CRCs kept right).
    const { evtxFile } = await import('../support/evtx-handmade');
    const empty = evtxFile([]);
    const header = whole.subarray(0, HEADER);
    const file = Buffer.concat([Buffer.from(header), empty.subarray(HEADER)]);
    file.writeUInt16LE(1, 42);
    const { crc32 } = await import('node:zlib');
    file.writeUInt32LE(crc32(file.subarray(0, 120)), 124);
    const stats = await readEvtxStats(file, { name: 'AAD.evtx' });
    expect(stats.records).toBe(0);
    expect(stats.problems.map((p) => p.message)).toEqual(['AAD.evtx is damaged: its header declares 1 chunk, records up to 2,000; no record in it could be read']);
  });

  it('a clean header that declares no chunk while chunks follow: a damaged header, the records still read', async () => {
    const file = Buffer.from(log(20));
    file.writeUInt16LE(0, 42);
    file.writeUInt32LE(file.readUInt32LE(120) & ~1, 120);
    const { crc32 } = await import('node:zlib');
    file.writeUInt32LE(crc32(file.subarray(0, 120)), 124);
    const stats = await readEvtxStats(file, { name: 'AAD.evtx' });
    expect(stats.records).toBe(20);
    expect(stats.problems.map((p) => `${p.kind}: ${p.message}`)).toEqual(['bad-file-header: AAD.evtx is damaged: its header declares no chunk, yet 1 chunk could be read']);
  });
});

describe('the worker pool says the same', () => {
  let pool: EvtxWorkerPool;
  beforeAll(() => {
    pool = new EvtxWorkerPool({ workers: 2, workerScript: resolveWorkerScript('evtx-worker.js') });
  });
  afterAll(async () => {
    await pool.close();
  });
  const whole = log(2000);
  const cases: [string, () => Buffer][] = [
    ['cut at a chunk boundary', () => whole.subarray(0, HEADER + 2 * CHUNK)],
    ['cut after its header', () => whole.subarray(0, HEADER)],
    ['its only chunk zeroed', zeroedOnly],
    ['records hidden by the free space offset', hiddenRecords],
  ];
  it.each(cases)('%s: the one-thread reader\'s problems, from records and from XML blocks', async (_label, make) => {
    const file = make();
    const one: EvtxProblem[] = [];
    for await (const _ of readEvtx(file, { name: 'AAD.evtx', onProblem: (p) => one.push(p) }));
    expect(missing(one).length).toBe(1);
    const records: EvtxProblem[] = [];
    for await (const _ of pool.read(file, { name: 'AAD.evtx', onProblem: (p) => records.push(p) }));
    const xml: EvtxProblem[] = [];
    for await (const _ of pool.readXml(file, { name: 'AAD.evtx', onProblem: (p) => xml.push(p) }));
    expect(records).toEqual(one);
    expect(xml).toEqual(one);
  });
});

describe('from the header and first chunk alone (a bundle inventory)', () => {
  const whole = log(2000);
  const head = (file: Buffer) => file.subarray(0, HEADER + CHUNK);
  const said = async (file: Buffer, size = file.length) => (await inspectEvtxHead(head(file), 'AAD.evtx', size)).problems.map((p) => p.message);

  it('a whole file: identified, nothing said', async () => {
    const { peek, problems } = await inspectEvtxHead(head(whole), 'AAD.evtx', whole.length);
    expect(peek?.channel).toBe('Microsoft-Windows-AAD/Operational');
    expect(problems).toEqual([]);
  });

  it('cut at a chunk boundary: the header against the size, with no record count claimed', async () => {
    expect(await said(whole.subarray(0, HEADER + 2 * CHUNK))).toEqual([
      `AAD.evtx is damaged: its header declares ${(whole.length - HEADER) / CHUNK} chunks, records up to 2,000; the file ends after 2 of them (135,168 bytes)`,
    ]);
  });

  it('cut after its header, its only chunk zeroed, a bad header CRC: each said', async () => {
    expect(await said(whole.subarray(0, HEADER))).toEqual([expect.stringContaining('the file ends after 0 of them (4,096 bytes)')]);
    expect(await said(zeroedOnly())).toEqual(['AAD.evtx is damaged: its header declares 1 chunk, records up to 20; the first of them is not a readable chunk']);
    const bad = Buffer.from(whole);
    bad[124] = (bad[124] ?? 0) ^ 1;
    expect(await said(bad)).toEqual(['AAD.evtx: file header CRC32 does not match']);
  });

  it('cut inside its header: said', async () => {
    expect(await said(whole.subarray(0, 2048))).toEqual([expect.stringMatching(/^AAD\.evtx is truncated: it ends after 2048 bytes, inside its 4096-byte file header/)]);
  });
});
