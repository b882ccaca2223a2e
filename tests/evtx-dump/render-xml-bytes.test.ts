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
import { rawControls } from '../support/raw-controls';

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

/** Every code unit main/evtx/xml-escape.ts escapes, and neighbours it must not (TAB, LF, CR, space, NBSP, ZWJ…). */
const ESCAPED = [
  ...Array.from({ length: 0x20 }, (_, c) => c).filter((c) => c !== 0 && c !== 9 && c !== 10 && c !== 13),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x61c, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
];
const KEPT = [0x09, 0x0a, 0x0d, 0x20, 0x7e, 0xa0, 0x61b, 0x200d, 0x2027, 0x202f, 0x2065, 0x206a, 0xfeff];

/** One event per character: in element text and attribute values, substituted and literal, short and long, in arrays and names. */
function controlEvents(): EvtxEventInput[] {
  return [...ESCAPED, ...KEPT].map((code, i) => {
    const c = String.fromCharCode(code);
    const classic = i % 4 === 3;
    return {
      time: new Date(Date.UTC(2024, 0, 1) + i * 1000),
      style: classic ? 'classic' : 'manifest',
      provider: classic ? `Src${c}` : { name: `Prov${c}<&>"`, guid: '{4DE9BC9C-B27A-43C9-8994-0915F1A5E24F}' },
      eventId: 1,
      level: 4,
      channel: `Chan${c}`,
      computer: `Host${c}`,
      layout: i % 2 ? 'nested' : 'inline',
      ...(!classic && i % 5 === 4
        ? { userData: { element: `Ud${c}`, fields: [{ name: `F${c}`, value: `${c}v${c}` }] } }
        : {
            data: classic
              ? [{ value: `${c}` }, { value: `${'w'.repeat(70)}${c}` }]
              : [
                  { name: 'Short', value: `a${c}b` },
                  // Past the string renderer's 32-unit scan, within the byte renderer's 64-unit loop.
                  { name: 'Mid', value: `${'y'.repeat(40)}${c}&` },
                  // Past both: the native test and encode.
                  { name: 'Long', value: `${'x'.repeat(70)}${c}<` },
                  { name: `Name${c}`, value: c },
                  { name: 'Many', type: 'string[]', value: [c, `${c}${'z'.repeat(80)}`] },
                ],
          }),
    };
  });
}

describe('byte renderer', () => {
  it('writes every control and bidi character as xml() does, in text and attribute values, and none raw', async () => {
    const w = new EvtxWriter({ maxRecordsPerChunk: 9 });
    for (const e of controlEvents()) w.add(e);
    const bytes = w.toBytes();
    const expected = await xmlOfRecords(bytes);
    const text = expected.toString('utf8');
    expect(rawControls(text)).toEqual([]);
    // The forms of main/evtx/xml-escape.ts: C0 visible, DEL, C1 and bidi as references; TAB, LF, CR as they are.
    for (const s of ['<Computer>Host\\x1b</Computer>', 'Name="Prov&#x9b;&lt;&amp;&gt;&quot;"', '<Channel>Chan&#x202e;</Channel>', '<Data Name="Short">a\\x07b</Data>', 'Name="Name&#x2067;"', '<Data Name="Many">&#x7f;</Data>', '<Computer>Host\t</Computer>', 'a\nb', 'a\rb']) {
      expect(text).toContain(s);
    }
    expect((await dump(bytes)).equals(expected)).toBe(true);
  });

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
