// readEvtxStats().unreadableBytes counts what no record could come from inside otherwise good chunks
// too: a torn record and the record data after it, a record without its signature, a file cut in a record.
import { describe, expect, it } from 'vitest';
import { readEvtxStats } from '../../main/evtx/index';
import { CHUNK_RECORDS_OFFSET, CHUNK_SIZE, FILE_HEADER_BLOCK_SIZE } from '../../main/evtx/binary-format';
import { EvtxWriter, tearLastRecord, truncateInLastRecord } from '../../tools/evtx-writer';
import { aadNoise } from '../support/bundles/aad-events';
import { BOARDROOM } from '../support/bundles/device';
import { Prng } from '../support/prng';

/** A log of `n` records (two chunks or more for n = 200). */
function log(n: number): Buffer {
  const rng = new Prng(3);
  const w = new EvtxWriter();
  for (let i = 0; i < n; i++) w.add(aadNoise(BOARDROOM, new Date(Date.UTC(2026, 9, 1) + i * 20_000).toISOString(), rng));
  return Buffer.from(w.toBytes());
}

/** Offset of the last record in chunk 0 and its size, from the chunk header. */
function lastRecord(file: Buffer): { start: number; size: number; free: number } {
  const at = FILE_HEADER_BLOCK_SIZE;
  const start = at + file.readUInt32LE(at + 44);
  return { start, size: file.readUInt32LE(start + 4), free: at + file.readUInt32LE(at + 48) };
}

describe('unreadableBytes inside good chunks', () => {
  const clean = log(200);

  it('is 0 for a clean log', async () => {
    const stats = await readEvtxStats(clean);
    expect(stats.problems).toEqual([]);
    expect(stats.unreadableBytes).toBe(0);
  });

  it('counts a torn record (a crash mid-write) in the first chunk', async () => {
    const { size } = lastRecord(clean);
    const stats = await readEvtxStats(tearLastRecord(clean, 0));
    expect(stats.problems).toEqual([expect.objectContaining({ kind: 'torn-record', chunkIndex: 0, bytes: size })]);
    expect(stats.unreadableBytes).toBe(size);
    expect(stats.records).toBe((await readEvtxStats(clean)).records - 1);
  });

  it('counts a record whose signature is gone with the rest of its chunk', async () => {
    const damaged = Buffer.from(clean);
    const { free } = lastRecord(clean);
    // The third record of chunk 0 loses its signature: it and everything after it up to the free space are skipped.
    let p = FILE_HEADER_BLOCK_SIZE + CHUNK_RECORDS_OFFSET;
    for (let k = 0; k < 2; k++) p += damaged.readUInt32LE(p + 4);
    damaged.fill(0, p, p + 4);
    const stats = await readEvtxStats(damaged);
    // The data CRC no longer matches either; that problem leaves nothing unread.
    expect(stats.problems).toContainEqual(expect.objectContaining({ kind: 'bad-record', offset: p, bytes: free - p }));
    expect(stats.unreadableBytes).toBe(free - p);
  });

  it('counts the part of a record a truncated file still holds', async () => {
    const cut = truncateInLastRecord(clean);
    const chunks = Math.floor((clean.length - FILE_HEADER_BLOCK_SIZE) / CHUNK_SIZE);
    const at = FILE_HEADER_BLOCK_SIZE + (chunks - 1) * CHUNK_SIZE;
    const start = at + clean.readUInt32LE(at + 44);
    const stats = await readEvtxStats(cut);
    expect(stats.problems).toContainEqual(expect.objectContaining({ kind: 'torn-record', offset: start, bytes: cut.length - start }));
    expect(stats.unreadableBytes).toBe(cut.length - start);
  });
});
