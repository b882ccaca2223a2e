// What the file header declares against what was read (issue 23.4): a file cut at a chunk boundary, cut right
// after its header, or with its only chunk zeroed reads clean block by block, so only this comparison says it.
import { describe, expect, it } from 'vitest';
import { readEvtxStats, type EvtxProblem } from '../../main/evtx/index';
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

describe('declared against read', () => {
  const whole = log(2000);
  const chunks = (whole.length - HEADER) / CHUNK;

  it('a whole file: nothing missing', async () => {
    expect(chunks).toBeGreaterThan(3);
    expect(missing((await readEvtxStats(whole, { name: 'AAD.evtx' })).problems)).toEqual([]);
  });

  it('cut exactly at a chunk boundary: the records before it, and the difference in plain words', async () => {
    const stats = await readEvtxStats(whole.subarray(0, HEADER + 2 * CHUNK), { name: 'AAD.evtx' });
    expect(stats.records).toBeGreaterThan(0);
    expect(missing(stats.problems)).toEqual([
      expect.stringMatching(new RegExp(`^AAD\\.evtx is damaged: its header declares ${chunks} chunks, records up to 2,000; the file ends after 2 of them \\(135,168 bytes\\), and ${stats.records} records could be read$`)),
    ]);
  });

  it('cut right after its header (4,096 bytes): no record, and said', async () => {
    const stats = await readEvtxStats(whole.subarray(0, HEADER), { name: 'AAD.evtx' });
    expect(stats.records).toBe(0);
    expect(missing(stats.problems)).toEqual([expect.stringContaining('the file ends after 0 of them (4,096 bytes), and 0 records could be read')]);
  });

  it('its only chunk zeroed: no record, and said', async () => {
    const one = log(20);
    expect(one.length).toBe(HEADER + CHUNK);
    const zeroed = Buffer.concat([one.subarray(0, HEADER), Buffer.alloc(CHUNK)]);
    const stats = await readEvtxStats(zeroed, { name: 'AAD.evtx' });
    expect(stats.records).toBe(0);
    expect(missing(stats.problems)).toEqual([expect.stringContaining('declares 1 chunk, records up to 20; 1 of them are not readable chunks, and 0 records could be read')]);
  });

  it('a free space offset that hides records: the chunk says how many it declares and how many were read', async () => {
    const one = Buffer.from(log(20));
    // The free space offset just past the first record; no CRC flag, so only the record count can tell.
    const first = HEADER + 512;
    one.writeUInt32LE(512 + one.readUInt32LE(first + 4), HEADER + 48);
    one.writeUInt32LE(one.readUInt32LE(HEADER + 120) | 4, HEADER + 120);
    const stats = await readEvtxStats(one, { name: 'AAD.evtx' });
    expect(stats.records).toBe(1);
    expect(missing(stats.problems)).toEqual(['chunk 0: its header declares records 1–20 (20), but 1 could be read']);
  });
});
