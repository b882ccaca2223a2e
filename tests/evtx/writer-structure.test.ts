// The EVTX writer's bytes, checked independently of its code: header fields and CRC32s recomputed with zlib,
// per-chunk name and template definitions, record framing, the streaming writer's output, damage helpers and
// input validation.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EvtxFileWriter,
  EvtxWriter,
  corruptChunkDataCrc,
  corruptChunkHeaderCrc,
  corruptChunkSignature,
  patchFileHeader,
  tearLastRecord,
  truncateInLastRecord,
  writeEvtxFile,
} from '../../tools/evtx-writer';
import type { EvtxEventInput } from '../../tools/evtx-writer';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'evtx-writer-structure-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AAD = { name: 'Microsoft-Windows-AAD', guid: '{4DE9BC9C-B27A-43C9-8994-0915F1A5E24F}' };

function aad(n: number, extra: Partial<EvtxEventInput> = {}): EvtxEventInput {
  return {
    time: new Date(Date.UTC(2024, 4, 1, 10, 0, 0, n)),
    provider: AAD,
    eventId: 1098,
    level: 2,
    channel: 'Microsoft-Windows-AAD/Operational',
    computer: 'MTR-ROOM-01',
    userSid: 'S-1-5-18',
    data: [
      { name: 'Error', type: 'uint32', value: 3399811100 + (n % 7) },
      { name: 'ErrorMessage', value: `AADSTS50126 attempt ${n} `.repeat(1 + (n % 13)) },
    ],
    ...extra,
  };
}

function srs(n: number): EvtxEventInput {
  return {
    time: new Date(Date.UTC(2024, 4, 1, 10, 0, 0, n)),
    style: 'classic',
    provider: 'SRS-App',
    eventId: 2001,
    channel: 'Skype Room System',
    computer: 'MTR-ROOM-01',
    data: [{ value: JSON.stringify({ Description: 'Heartbeat', Sequence: n, Pad: 'x'.repeat(n % 300) }) }],
  };
}

function mixed(count: number): EvtxEventInput[] {
  return Array.from({ length: count }, (_, i) => (i % 2 ? srs(i) : aad(i)));
}

// ---- an independent, minimal view of the bytes (not the writer's code) ----

const CHUNK = 65536;
const HEADER_BLOCK = 4096;

/** Windows' name hash, written out again here so the test does not borrow it from the writer. */
function hash65599(units: number[]): number {
  let h = 0;
  for (const u of units) h = (Math.imul(h, 65599) + u) >>> 0;
  return h;
}

interface RecordView {
  offset: number;
  size: number;
  id: bigint;
  written: bigint;
}

interface ChunkView {
  buf: Buffer;
  firstId: bigint;
  lastId: bigint;
  lastRecordOffset: number;
  free: number;
  records: RecordView[];
}

function chunks(file: Buffer): ChunkView[] {
  const out: ChunkView[] = [];
  for (let at = HEADER_BLOCK; at + CHUNK <= file.length; at += CHUNK) {
    const buf = file.subarray(at, at + CHUNK);
    const free = buf.readUInt32LE(48);
    const records: RecordView[] = [];
    for (let off = 512; off < free; ) {
      const size = buf.readUInt32LE(off + 4);
      records.push({ offset: off, size, id: buf.readBigUInt64LE(off + 8), written: buf.readBigUInt64LE(off + 16) });
      if (size < 28) break;
      off += size;
    }
    out.push({ buf, firstId: buf.readBigUInt64LE(24), lastId: buf.readBigUInt64LE(32), lastRecordOffset: buf.readUInt32LE(44), free, records });
  }
  return out;
}

function chainOffsets(buf: Buffer, table: number, buckets: number): { bucket: number; offset: number }[] {
  const out: { bucket: number; offset: number }[] = [];
  for (let b = 0; b < buckets; b++) {
    for (let off = buf.readUInt32LE(table + b * 4), guard = 0; off !== 0 && guard < 10_000; guard++) {
      out.push({ bucket: b, offset: off });
      off = buf.readUInt32LE(off);
    }
  }
  return out;
}

function namesOf(c: ChunkView): Map<string, { bucket: number; offset: number; storedHash: number }> {
  const names = new Map<string, { bucket: number; offset: number; storedHash: number }>();
  for (const { bucket, offset } of chainOffsets(c.buf, 0x80, 64)) {
    const len = c.buf.readUInt16LE(offset + 6);
    const name = c.buf.toString('utf16le', offset + 8, offset + 8 + len * 2);
    names.set(name, { bucket, offset, storedHash: c.buf.readUInt16LE(offset + 4) });
  }
  return names;
}

/** Template instance of a record: [template id, definition offset, whether the definition is inline here]. */
function templateRef(c: ChunkView, r: RecordView): { id: number; defOffset: number; inline: boolean } {
  const at = r.offset + 24;
  expect(c.buf.subarray(at, at + 5)).toEqual(Buffer.from([0x0f, 0x01, 0x01, 0x00, 0x0c]));
  const defOffset = c.buf.readUInt32LE(at + 10);
  return { id: c.buf.readUInt32LE(at + 6), defOffset, inline: defOffset === at + 14 };
}

describe('EVTX writer: file layout', () => {
  const w = new EvtxWriter({ firstRecordId: 100 });
  const events = mixed(700);
  events.forEach((e) => w.add(e));
  const file = Buffer.from(w.toBytes());
  const cs = chunks(file);

  it('writes a 3.1 file header with the chunk range, next record id and a valid CRC32', () => {
    expect(file.toString('latin1', 0, 8)).toBe('ElfFile\0');
    expect(file.length).toBe(HEADER_BLOCK + cs.length * CHUNK);
    expect(cs.length).toBeGreaterThan(3);
    expect(file.readBigUInt64LE(8)).toBe(0n);
    expect(file.readBigUInt64LE(16)).toBe(BigInt(cs.length - 1));
    expect(file.readBigUInt64LE(24)).toBe(800n);
    expect(file.readUInt32LE(32)).toBe(128);
    expect([file.readUInt16LE(38), file.readUInt16LE(36)]).toEqual([3, 1]);
    expect(file.readUInt16LE(40)).toBe(4096);
    expect(file.readUInt16LE(42)).toBe(cs.length);
    expect(file.readUInt32LE(120)).toBe(0);
    expect(file.readUInt32LE(124)).toBe(crc32(file.subarray(0, 120)));
    expect(file.subarray(128, HEADER_BLOCK).every((b) => b === 0)).toBe(true);
  });

  it('gives every chunk a valid header CRC (0..120 + 128..512) and records CRC (512..free)', () => {
    for (const [i, c] of cs.entries()) {
      expect(c.buf.toString('latin1', 0, 8), `chunk ${i}`).toBe('ElfChnk\0');
      expect(c.buf.readUInt32LE(40)).toBe(128);
      expect(c.buf.readUInt32LE(52), `chunk ${i} data CRC`).toBe(crc32(c.buf.subarray(512, c.free)));
      const headerCrc = crc32(Buffer.concat([c.buf.subarray(0, 120), c.buf.subarray(128, 512)]));
      expect(c.buf.readUInt32LE(124), `chunk ${i} header CRC`).toBe(headerCrc);
      expect(c.buf.readUInt32LE(120), `chunk ${i} flags`).toBe(1);
      expect(c.buf.subarray(c.free).every((b) => b === 0), `chunk ${i} free space is zero`).toBe(true);
    }
  });

  it('numbers records consecutively across chunks, framed, 8-byte aligned, headers matching their records', () => {
    let expected = 100n;
    for (const [i, c] of cs.entries()) {
      expect(c.records.length, `chunk ${i}`).toBeGreaterThan(0);
      expect(c.firstId).toBe(c.records[0]?.id);
      expect(c.lastId).toBe(c.records.at(-1)?.id);
      expect(c.buf.readBigUInt64LE(8)).toBe(c.firstId); // record numbers equal ids in a log written in one go
      expect(c.buf.readBigUInt64LE(16)).toBe(c.lastId);
      expect(c.lastRecordOffset).toBe(c.records.at(-1)?.offset);
      for (const r of c.records) {
        expect(r.id).toBe(expected++);
        expect(c.buf.readUInt32LE(r.offset)).toBe(0x2a2a);
        expect(r.size % 8).toBe(0);
        expect(c.buf.readUInt32LE(r.offset + r.size - 4), `record ${r.id} size copy`).toBe(r.size);
      }
      // The next record would not have fitted: chunks are filled before a new one starts.
      if (i < cs.length - 1) expect(c.free).toBeGreaterThan(CHUNK - 4000);
    }
    expect(expected).toBe(800n);
  });

  it('defines names and templates inline at first use in each chunk and refers to them by offset afterwards', () => {
    for (const [i, c] of cs.entries()) {
      const seen = new Map<number, number>();
      for (const r of c.records) {
        const ref = templateRef(c, r);
        const first = seen.get(ref.id);
        if (first === undefined) {
          expect(ref.inline, `chunk ${i} record ${r.id}: first use of template ${ref.id.toString(16)} defines it`).toBe(true);
          seen.set(ref.id, ref.defOffset);
        } else {
          expect(ref.inline, `chunk ${i} record ${r.id}: template referenced, not redefined`).toBe(false);
          expect(ref.defOffset).toBe(first);
        }
        // The template id repeats the first 4 bytes of the definition's GUID.
        expect(c.buf.readUInt32LE(ref.defOffset + 4)).toBe(ref.id);
      }
      // Records refer to two System templates (manifest, classic); each nests one data template (AAD 1098,
      // SRS-App classic). All four are chained in the template table, bucketed by the 65599 hash of the GUID's
      // UTF-16 units.
      expect(seen.size, `chunk ${i}`).toBe(2);
      const table = chainOffsets(c.buf, 0x180, 32);
      expect(table, `chunk ${i}`).toHaveLength(4);
      for (const off of seen.values()) expect(table.map((t) => t.offset)).toContain(off);
      for (const t of table) {
        const guid = c.buf.subarray(t.offset + 4, t.offset + 20);
        const units = Array.from({ length: 8 }, (_, k) => guid.readUInt16LE(k * 2));
        expect(hash65599(units) % 32).toBe(t.bucket);
      }
      // Names live in this chunk, hashed and bucketed the Windows way.
      const names = namesOf(c);
      for (const n of ['Event', 'System', 'Provider', 'EventData', 'Data', 'Name', 'Computer', 'Binary'])
        expect(names.has(n), `chunk ${i} defines ${n}`).toBe(true);
      for (const [name, v] of names) {
        const h = hash65599([...name].map((ch) => ch.charCodeAt(0)));
        expect(v.bucket, name).toBe(h % 64);
        expect(v.storedHash, name).toBe(h & 0xffff);
        expect(v.offset).toBeGreaterThan(512);
        expect(v.offset).toBeLessThan(c.free);
      }
    }
  });

  it('reuses one template per event shape and makes a new one when a data type changes', () => {
    const w2 = new EvtxWriter();
    w2.add(aad(1));
    w2.add(aad(2));
    w2.add(aad(3, { data: [{ name: 'Error', type: 'hexint32', value: 1 }, { name: 'ErrorMessage', value: 'x' }] }));
    w2.add(aad(4, { computer: 'OTHER-PC' })); // the computer name is a literal in the System template
    const [c] = chunks(Buffer.from(w2.toBytes()));
    if (!c) throw new Error('no chunk');
    const refs = c.records.map((r) => templateRef(c, r));
    expect(refs.map((r) => r.inline)).toEqual([true, false, false, true]);
    // Templates: System(MTR-ROOM-01), data(uint32), data(hexint32), System(OTHER-PC).
    expect(chainOffsets(c.buf, 0x180, 32)).toHaveLength(4);
  });

  it('stores the written time from the time given as Date, FILETIME bigint or ISO string (100 ns exact)', () => {
    const times = [
      new Date('2024-05-01T10:00:00.123Z'),
      133589376001234567n,
      '2024-05-01T10:00:00.1234567Z',
      '2024-05-01T12:30:00.1234567+02:30',
      '2024-05-01T10:00:00.123456700Z',
    ];
    const w2 = new EvtxWriter();
    times.forEach((t) => w2.add(aad(0, { time: t })));
    const [c] = chunks(Buffer.from(w2.toBytes()));
    const ft = c?.records.map((r) => r.written);
    const unixToFt = (ms: number) => BigInt(ms) * 10_000n + 116444736000000000n;
    const base = unixToFt(Date.UTC(2024, 4, 1, 10, 0, 0));
    expect(ft).toEqual([base + 1_230_000n, 133589376001234567n, base + 1_234_567n, base + 1_234_567n, base + 1_234_567n]);
    expect(() => w2.add(aad(0, { time: '2024-05-01T10:00:00.123456789Z' }))).toThrow(/100 ns/);
    expect(() => w2.add(aad(0, { time: '2024-02-30T10:00:00Z' }))).toThrow(/not a valid date/);
    expect(() => w2.add(aad(0, { time: 'yesterday' }))).toThrow(/ISO 8601/);
  });

  it('writes signed integers in two’s complement and Null descriptors for null values', () => {
    const w2 = new EvtxWriter();
    w2.add(aad(0, { data: [{ name: 'I32', type: 'int32', value: -70000 }, { name: 'I8', type: 'int8', value: -5 }, { name: 'N', type: 'uint32', value: null }] }));
    const file2 = Buffer.from(w2.toBytes());
    // The nested data instance ends the record: count 3, descriptors (size, type, 0), then the values.
    const tail = Buffer.concat([
      Buffer.from([3, 0, 0, 0, 4, 0, 0x07, 0, 1, 0, 0x03, 0, 0, 0, 0x00, 0]),
      Buffer.from([0x90, 0xee, 0xfe, 0xff, 0xfb]),
    ]);
    expect(file2.indexOf(tail)).toBeGreaterThan(HEADER_BLOCK);
  });

  it('starts a new chunk after maxRecordsPerChunk records', () => {
    const w2 = new EvtxWriter({ maxRecordsPerChunk: 3 });
    for (let i = 0; i < 10; i++) w2.add(aad(i));
    const cs2 = chunks(Buffer.from(w2.toBytes()));
    expect(cs2.map((c) => [c.firstId, c.lastId])).toEqual([
      [1n, 3n],
      [4n, 6n],
      [7n, 9n],
      [10n, 10n],
    ]);
    expect(w2.chunkCount).toBe(4);
  });

  it('writes flat records as a plain element tree, without dependency identifiers unless asked', () => {
    for (const dependencyIds of [false, true]) {
      const w2 = new EvtxWriter();
      w2.addFlat(srs(1), { dependencyIds });
      const [c] = chunks(Buffer.from(w2.toBytes()));
      const r = c?.records[0];
      if (!c || !r) throw new Error('no record');
      const at = r.offset + 24;
      expect(c.buf.subarray(at, at + 4)).toEqual(Buffer.from([0x0f, 1, 1, 0]));
      expect(c.buf[at + 4]).toBe(0x41); // <Event xmlns=…>, no template instance
      // Name offset of <Event>: right after itself, at +5 (WEC shape) or +7 (after a 0xFFFF dependency id).
      const nameField = at + 5 + (dependencyIds ? 2 : 0) + 4;
      if (dependencyIds) expect(c.buf.readUInt16LE(at + 5)).toBe(0xffff);
      expect(c.buf.readUInt32LE(nameField)).toBe(nameField + 4);
      expect(c.buf.toString('utf16le', nameField + 12, nameField + 22)).toBe('Event');
      expect(chainOffsets(c.buf, 0x180, 32)).toHaveLength(0);
    }
  });

  it('writes embedded XML values as a plain fragment, without dependency identifiers (not a template)', () => {
    const w2 = new EvtxWriter();
    w2.add(aad(1, { data: [{ name: 'Xml', type: 'binxml', value: { name: 'Settings', children: [{ name: 'Proxy', children: ['p'] }] } }] }));
    const [c] = chunks(Buffer.from(w2.toBytes()));
    if (!c) throw new Error('no chunk');
    const elementNamed = (withDependency: boolean): boolean => {
      for (let f = c.buf.indexOf(Buffer.from([0x0f, 1, 1, 0]), 512); f >= 0; f = c.buf.indexOf(Buffer.from([0x0f, 1, 1, 0]), f + 1)) {
        const nameField = f + 5 + (withDependency ? 2 : 0) + 4;
        if (((c.buf[f + 4] ?? 0) & 0xbf) !== 0x01) continue; // not an element start
        if (c.buf.readUInt32LE(nameField) !== nameField + 4) continue;
        if (c.buf.toString('utf16le', nameField + 12, nameField + 28) === 'Settings') return true;
      }
      return false;
    };
    expect(elementNamed(false)).toBe(true);
    expect(elementNamed(true)).toBe(false);
  });

  it('writes a log without records as a header and one empty chunk', () => {
    const empty = Buffer.from(new EvtxWriter().toBytes());
    expect(empty.length).toBe(HEADER_BLOCK + CHUNK);
    expect(empty.readUInt16LE(42)).toBe(1);
    expect(empty.readBigUInt64LE(24)).toBe(1n);
    const [c] = chunks(empty);
    expect(c?.free).toBe(512);
    expect(c?.records).toHaveLength(0);
  });

  it('writes no CRCs and sets the no-CRC flags when checksums are off', () => {
    const w2 = new EvtxWriter({ checksums: false, version: '3.2' });
    w2.add(aad(1));
    const f2 = Buffer.from(w2.toBytes());
    expect(f2.readUInt16LE(36)).toBe(2);
    expect([f2.readUInt32LE(120), f2.readUInt32LE(124)]).toEqual([4, 0]);
    const c = chunks(f2)[0]?.buf;
    expect([c?.readUInt32LE(120), c?.readUInt32LE(52), c?.readUInt32LE(124)]).toEqual([5, 0, 0]);
  });
});

describe('EVTX writer: streaming to a file', () => {
  const input = (): EvtxEventInput[] => mixed(500);

  it('EvtxFileWriter, writeEvtxFile and EvtxWriter.writeFile produce the bytes toBytes() does', async () => {
    const mem = new EvtxWriter({ firstRecordId: 42 });
    for (const [i, e] of input().entries()) {
      if (i % 50 === 7) mem.addFlat(e);
      else mem.add(e);
    }
    const expected = Buffer.from(mem.toBytes());
    expect(mem.chunkCount).toBeGreaterThan(2);

    const p1 = path.join(dir, 'stream.evtx');
    const fw = await EvtxFileWriter.create(p1, { firstRecordId: 42 });
    // While open, the header on disk is marked dirty, as Windows marks a log in use.
    expect(readFileSync(p1).readUInt32LE(120) & 1).toBe(1);
    for (const [i, e] of input().entries()) {
      if (i % 50 === 7) await fw.addFlat(e);
      else await fw.add(e);
    }
    await fw.close();
    expect(readFileSync(p1).equals(expected)).toBe(true);
    await expect(fw.add(aad(1))).rejects.toThrow(/closed/);

    const p2 = path.join(dir, 'mem.evtx');
    await mem.writeFile(p2);
    expect(readFileSync(p2).equals(expected)).toBe(true);
  });

  it('writeEvtxFile takes async iterables and reports the counts', async () => {
    async function* gen() {
      for (const e of input()) yield e;
    }
    const p = path.join(dir, 'gen.evtx');
    const counts = await writeEvtxFile(p, gen());
    const mem = new EvtxWriter();
    input().forEach((e) => mem.add(e));
    expect(counts).toEqual({ recordCount: 500, chunkCount: mem.chunkCount });
    expect(readFileSync(p).equals(Buffer.from(mem.toBytes()))).toBe(true);
  });
});

describe('EVTX writer: damage helpers', () => {
  const w = new EvtxWriter({ maxRecordsPerChunk: 4 });
  for (let i = 0; i < 10; i++) w.add(aad(i));
  const good = w.toBytes();
  const chunkAt = (f: Uint8Array, i: number) => Buffer.from(f).subarray(HEADER_BLOCK + i * CHUNK, HEADER_BLOCK + (i + 1) * CHUNK);
  const headerCrcOk = (c: Buffer) => c.readUInt32LE(124) === crc32(Buffer.concat([c.subarray(0, 120), c.subarray(128, 512)]));
  const dataCrcOk = (c: Buffer) => c.readUInt32LE(52) === crc32(c.subarray(512, c.readUInt32LE(48)));

  it('breaks only the data CRC, only the header CRC, or the signature, of the chosen chunk', () => {
    const d = corruptChunkDataCrc(good, 1);
    expect([dataCrcOk(chunkAt(d, 1)), headerCrcOk(chunkAt(d, 1)), dataCrcOk(chunkAt(d, 0))]).toEqual([false, true, true]);
    const h = corruptChunkHeaderCrc(good, 2);
    expect([dataCrcOk(chunkAt(h, 2)), headerCrcOk(chunkAt(h, 2))]).toEqual([true, false]);
    const s = corruptChunkSignature(good, 0);
    expect(chunkAt(s, 0).toString('latin1', 0, 8)).not.toBe('ElfChnk\0');
    expect(chunkAt(s, 1).toString('latin1', 0, 8)).toBe('ElfChnk\0');
    expect(Buffer.from(good).equals(Buffer.from(w.toBytes()))).toBe(true); // the input is not modified
    expect(() => corruptChunkDataCrc(good, 3)).toThrow(/no chunk 3/);
  });

  it('tears the last record of a chunk (CRCs still valid) or cuts the file inside the last record', () => {
    const t = chunkAt(tearLastRecord(good, 0), 0);
    const last = t.readUInt32LE(44);
    const size = t.readUInt32LE(last + 4);
    expect(t.readUInt32LE(last + size - 4)).toBe(0);
    expect([dataCrcOk(t), headerCrcOk(t)]).toEqual([true, true]);

    const cut = truncateInLastRecord(good);
    const lastChunk = chunkAt(good, 2);
    const lastStart = HEADER_BLOCK + 2 * CHUNK + lastChunk.readUInt32LE(44);
    expect(cut.length).toBeGreaterThan(lastStart);
    expect(cut.length).toBeLessThan(lastStart + lastChunk.readUInt32LE(lastChunk.readUInt32LE(44) + 4));
  });

  it('rewrites file header fields with a valid CRC', () => {
    const p = Buffer.from(patchFileHeader(good, { chunkCount: 1, dirty: true }));
    expect([p.readUInt16LE(42), p.readUInt32LE(120) & 1]).toEqual([1, 1]);
    expect(p.readUInt32LE(124)).toBe(crc32(p.subarray(0, 120)));
  });
});

describe('EVTX writer: input checks', () => {
  it('rejects bad values with a message naming the field, and stays usable afterwards', () => {
    const w = new EvtxWriter();
    w.add(aad(1));
    expect(() => w.add(aad(2, { provider: { name: 'X', guid: 'not-a-guid' } }))).toThrow(/provider\.guid/);
    expect(() => w.add(aad(2, { eventId: 70000 }))).toThrow(/eventId/);
    expect(() => w.add(aad(2, { data: [{ name: 'Error', type: 'uint32', value: -1 }] }))).toThrow(/data\[0\] \(Error\).*uint32/);
    expect(() => w.add(aad(2, { data: [{ name: 'Big', type: 'uint64', value: 2 ** 60 }] }))).toThrow(/bigint/);
    expect(() => w.add(aad(2, { userSid: 'S-1-x' }))).toThrow(/userSid/);
    expect(() => w.add({ ...srs(2), data: [{ name: 'Named', value: 'x' }] })).toThrow(/classic events carry unnamed strings/);
    expect(() => w.add(aad(2, { userData: { element: 'U', fields: [] } }))).toThrow(/not both/);
    expect(() => w.add(aad(2, { keywords: 2 ** 62 + 1 }))).toThrow(/keywords.*bigint/);
    expect(() => w.add(aad(2, { data: [{ name: 'Huge', value: 'x'.repeat(40_000) }] }))).toThrow(/max 65535/);
    // Fits a substitution but not a chunk.
    const tooBig = Array.from({ length: 3 }, (_, i) => ({ name: `Part${i}`, value: 'y'.repeat(30_000) }));
    expect(() => w.add(aad(2, { data: tooBig }))).toThrow(/larger than a chunk/);
    expect(w.add(aad(3))).toBe(2n);
    const [c] = chunks(Buffer.from(w.toBytes()));
    expect(c?.records.map((r) => r.id)).toEqual([1n, 2n]);
    expect(c?.buf.readUInt32LE(52)).toBe(crc32(c?.buf.subarray(512, c.free) ?? Buffer.alloc(0)));
  });

  it('rolls a record that overflows a nearly full chunk into a new chunk, leaving no partial bytes behind', () => {
    const w = new EvtxWriter();
    let i = 0;
    while (w.chunkCount === 1) w.add(aad(i++));
    const [first] = chunks(Buffer.from(w.toBytes()));
    expect(first?.buf.subarray(first.free).every((b) => b === 0)).toBe(true);
    expect(first?.records.at(-1)?.id).toBe(BigInt(i - 1));
  });
});
