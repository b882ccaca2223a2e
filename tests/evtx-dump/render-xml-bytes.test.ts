// The dump's byte renderer (main/evtx-dump/render-xml-bytes.ts) writes numbers, times, GUIDs and UTF-8 by
// itself and remembers values across records and chunks: its bytes must equal xml(), UTF-8 encoded,
// at the edges of each of those (digit counts, 2^53, hex widths, day and year boundaries, surrogates,
// escapes in text and attributes, empty and NUL-separated string arrays), with values repeating and
// alternating from record to record, and templates shared by chunks.
import { describe, expect, it } from 'vitest';
import { readEvtx } from '../../main/evtx/index';
import { readEvtxXml, writeEvtxXml } from '../../main/evtx-dump/index';
import { EvtxWriter } from '../../tools/evtx-writer';
import type { EvtxDataItem, EvtxEventInput } from '../../tools/evtx-writer';

const LONG = `${'payload with <angle> & "quotes" and ünïcödé ✓ '.repeat(6)}😀 end`;

/** Values at the edges of what the renderer formats itself; `i` varies them by record. */
function edgeData(i: number): EvtxDataItem[] {
  return [
    { name: 'Text', value: ['plain', 'héllo ✓ <&>"\'', '😀 pair', 'lone \ud800 high', 'lone \udc00 low', '', LONG][i % 7] ?? '' },
    { name: 'U8', type: 'uint8', value: [0, 9, 10, 99, 100, 255][i % 6] ?? 0 },
    { name: 'U16', type: 'uint16', value: [0, 65535, 1000][i % 3] ?? 0 },
    { name: 'U32', type: 'uint32', value: [0, 1, 4294967295, 1073741823, 1073741824, 2147483648][i % 6] ?? 0 },
    { name: 'I32', type: 'int32', value: [0, -1, -2147483648, 2147483647, -10][i % 5] ?? 0 },
    { name: 'U64', type: 'uint64', value: [0n, 9007199254740991n, 9007199254740992n, 18446744073709551615n, 4294967296n][i % 5] ?? 0n },
    { name: 'H32', type: 'hexint32', value: [0, 0xf, 0x10, 0xffffffff, 0xcaa2000c][i % 5] ?? 0 },
    { name: 'H64', type: 'hexint64', value: [0n, 1n, 0x100000000n, 0x100000001n, 0xffffffffffffffffn, 0x4000000000000000n][i % 6] ?? 0n },
    { name: 'G', type: 'guid', value: ['{00112233-4455-6677-8899-aabbccddeeff}', '{4DE9BC9C-B27A-43C9-8994-0915F1A5E24F}'][i % 2] ?? '' },
    {
      name: 'FT',
      type: 'filetime',
      value: ['1601-01-01T00:00:00.0000000Z', '2024-02-29T23:59:59.9999999Z', '2024-03-01T00:00:00.0000001Z', '9999-12-31T23:59:59.0000000Z', 0xffffffffffffffffn, 2650467744000000000n, 2650467743999999999n][i % 7] ?? 0n,
    },
    { name: 'Many', type: 'string[]', value: [['a', '', 'b'], [''], ['x<y', 'z&'], [LONG, 'ü']][i % 4] ?? [] },
    { name: 'Maybe', type: 'uint32', value: i % 3 === 0 ? null : i },
  ];
}

function events(n: number): EvtxEventInput[] {
  const out: EvtxEventInput[] = [];
  for (let i = 0; i < n; i++) {
    // Times: the same second, the next one, across midnight.
    const time = new Date(Date.UTC(2024, 1, 29, 23, 59, 58) + Math.floor(i / 3) * 1000 + (i % 3));
    const classic = i % 5 === 4;
    out.push({
      time,
      style: classic ? 'classic' : 'manifest',
      // A provider name with characters to escape in an attribute, on some records.
      provider: classic ? 'SRS-App' : { name: i % 2 ? 'Microsoft-Windows-AAD' : 'Odd "provider" <&>', guid: '{4DE9BC9C-B27A-43C9-8994-0915F1A5E24F}' },
      eventId: 1000 + (i % 4),
      level: [2, 4, 4][i % 3] ?? 4,
      channel: classic ? 'Skype Room System' : 'Microsoft-Windows-AAD/Operational',
      computer: 'MTR-ROOM-01',
      processId: i % 2 ? 4326 : 0,
      userSid: i % 2 ? 'S-1-5-21-3623811015-3361044348-30300820-1013' : undefined,
      activityId: i % 3 ? '{00000000-0000-0000-0000-00000000000A}' : undefined,
      data: classic ? [{ value: ['Heartbeat <ok>', 'Heartbeat & more', ''][i % 3] ?? '' }, { value: LONG }] : edgeData(i),
      layout: i % 4 < 2 ? 'nested' : 'inline',
    });
  }
  return out;
}

async function xmlOfRecords(bytes: Uint8Array): Promise<Buffer> {
  const parts: string[] = [];
  for await (const r of readEvtx(bytes)) parts.push(r.xml());
  return Buffer.from(parts.join(''));
}

async function dump(bytes: Uint8Array): Promise<Buffer> {
  const blocks: Buffer[] = [];
  for await (const b of readEvtxXml(bytes)) blocks.push(b);
  return Buffer.concat(blocks);
}

describe('byte renderer', () => {
  it('gives xml() bytes for edge values, repeated and alternating, in both layouts and across chunks', async () => {
    const w = new EvtxWriter({ maxRecordsPerChunk: 40 });
    for (const e of events(400)) w.add(e);
    expect(w.chunkCount).toBeGreaterThan(5);
    const bytes = w.toBytes();
    const expected = await xmlOfRecords(bytes);
    // The edges are really there (so the comparison covers them).
    const text = expected.toString('utf8');
    const data = (name: string, value: string): string => `<Data Name="${name}">${value}</Data>`;
    for (const s of [
      data('U64', '9007199254740992'),
      data('U64', '18446744073709551615'),
      data('H64', '0xffffffffffffffff'),
      data('H64', '0x100000001'),
      data('I32', '-2147483648'),
      data('U32', '4294967295'),
      data('FT', '2024-03-01T00:00:00.0000001Z'),
      data('FT', '+010000-01-01T00:00:00.0000000Z'),
      data('FT', '+060056-05-28T05:36:10.9551615Z'),
      'lone \ufffd high',
      '😀 pair',
      'Name="Odd &quot;provider&quot; &lt;&amp;&gt;"',
      '<Data Name="Many"/>',
      data('Many', 'x&lt;y'),
    ]) {
      expect(text).toContain(s);
    }
    expect(text).toContain('SystemTime="2024-03-01T00:00:00');
    expect((await dump(bytes)).equals(expected)).toBe(true);
  });

  it('writeEvtxXml hands the same bytes out of its reused buffer, and stops when told', async () => {
    const w = new EvtxWriter({ maxRecordsPerChunk: 25 });
    for (const e of events(3000)) w.add(e);
    const bytes = w.toBytes();
    const expected = await xmlOfRecords(bytes);
    const copies: Buffer[] = [];
    let calls = 0;
    await writeEvtxXml(bytes, (block) => {
      calls++;
      copies.push(Buffer.from(block));
      return true;
    });
    expect(calls).toBeGreaterThan(1);
    expect(Buffer.concat(copies).equals(expected)).toBe(true);
    let after = 0;
    await writeEvtxXml(bytes, () => {
      after++;
      return false;
    });
    expect(after).toBe(1);
  });
});
