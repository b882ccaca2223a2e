// Round trip through our own reader (readEvtx from main/evtx): what the writer was given is what the reader
// returns, for the shapes later fixtures use (AAD, Skype Room System), every value type (including those libevtx
// cannot print: negative integers, Bool arrays, Null values), both layouts, flat records and damaged files.
// The value representations the reader's public types leave open (hex numbers, times, GUIDs) are compared by
// meaning; see `same`.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvtx } from '../../main/evtx/index';
import type { EvtxProblem, EvtxRecord, EvtxValue } from '../../main/evtx/index';
import { EvtxFileWriter, EvtxWriter, corruptChunkDataCrc, tearLastRecord } from '../../tools/evtx-writer';
import type { EvtxDataItem, EvtxEventInput, EvtxTime } from '../../tools/evtx-writer';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'evtx-writer-roundtrip-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(source: string | Uint8Array, problems: EvtxProblem[] = []): Promise<EvtxRecord[]> {
  const out: EvtxRecord[] = [];
  for await (const r of readEvtx(source, { onProblem: (p) => problems.push(p) })) out.push(r);
  return out;
}

const EPOCH_TICKS = 116444736000000000n;

/** FILETIME of a time input, computed here rather than borrowed from the writer. */
function ticks(t: EvtxTime): bigint {
  if (typeof t === 'bigint') return t;
  if (t instanceof Date) return BigInt(t.getTime()) * 10_000n + EPOCH_TICKS;
  const m = /^(.*?)(?:\.(\d{1,9}))?Z$/.exec(t);
  const ms = Date.parse(`${m?.[1] ?? ''}Z`);
  return BigInt(ms) * 10_000n + EPOCH_TICKS + BigInt((m?.[2] ?? '').padEnd(9, '0').slice(0, 7));
}

/** Canonical form of a value by its written type, for either side. */
function canon(type: string, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (type.endsWith('[]')) return (v as unknown[]).map((x) => canon(type.slice(0, -2), x));
  switch (type) {
    case 'int8':
    case 'uint8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'uint32':
    case 'int64':
    case 'uint64':
    case 'hexint32':
    case 'hexint64':
    case 'sizet':
      return BigInt(v as string | number | bigint); // '0x…' text, number or bigint
    case 'real32':
      return Math.fround(Number(v));
    case 'real64':
      return Number(v);
    case 'bool':
      return v === true || v === 'true';
    case 'binary':
      return Buffer.from(v as Uint8Array).toString('hex');
    case 'guid':
    case 'sid':
      return String(v).toUpperCase().replace(/^([0-9A-F]{8}-.*[^}])$/, '{$1}');
    case 'filetime':
      return typeof v === 'bigint' ? v : ticks(v as EvtxTime);
    case 'systime': // millisecond precision
      return (typeof v === 'bigint' ? v : ticks(v as EvtxTime)) / 10_000n;
    default:
      return v;
  }
}

function same(item: EvtxDataItem, actual: EvtxValue | undefined, where: string): void {
  const type = item.type ?? 'string';
  expect(canon(type, actual), where).toEqual(canon(type, item.value));
}

const AAD = { name: 'Microsoft-Windows-AAD', guid: '{4de9bc9c-b27a-43c9-8994-0915f1a5e24f}' };
const COMPUTER = 'MTR-ROOM-01';

const aad1098: EvtxEventInput = {
  time: '2024-05-01T10:00:00.1234567Z',
  writtenTime: '2024-05-01T10:00:00.2000000Z',
  provider: AAD,
  eventId: 1098,
  level: 2,
  task: 101,
  keywords: 0x4000000000000000n,
  channel: 'Microsoft-Windows-AAD/Operational',
  computer: COMPUTER,
  processId: 1234,
  threadId: 5678,
  userSid: 'S-1-5-18',
  activityId: '{6b8f2e2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b}',
  data: [
    { name: 'Error', type: 'uint32', value: 3399811100 },
    { name: 'ErrorMessage', value: 'AADSTS50126: Error validating credentials due to invalid username or password.' },
  ],
};

const srsJson = '{"Description":"Heartbeat","ResourceState":"Unhealthy","OperationResult":"Fail"}';
const srs2001: EvtxEventInput = {
  time: new Date('2024-05-01T10:00:01.500Z'),
  style: 'classic',
  provider: 'SRS-App',
  eventId: 2001,
  level: 3,
  channel: 'Skype Room System',
  computer: COMPUTER,
  data: [{ value: srsJson }],
};

const everyType: EvtxDataItem[] = [
  { name: 'String', value: 'héllo ✓ <&>' },
  { name: 'Ansi', type: 'ansistring', value: 'ansi text' },
  { name: 'Int8', type: 'int8', value: -5 },
  { name: 'UInt8', type: 'uint8', value: 200 },
  { name: 'Int16', type: 'int16', value: -300 },
  { name: 'UInt16', type: 'uint16', value: 65000 },
  { name: 'Int32', type: 'int32', value: -70000 },
  { name: 'UInt32', type: 'uint32', value: 4000000000 },
  { name: 'Int64', type: 'int64', value: -5000000000n },
  { name: 'UInt64', type: 'uint64', value: 18446744073709551615n },
  { name: 'Real32', type: 'real32', value: 1.1 },
  { name: 'Real64', type: 'real64', value: -1234.5678 },
  { name: 'Bool', type: 'bool', value: true },
  { name: 'Binary', type: 'binary', value: new Uint8Array([0, 1, 254, 255]) },
  { name: 'Guid', type: 'guid', value: '{00112233-4455-6677-8899-aabbccddeeff}' },
  { name: 'SizeT', type: 'sizet', value: 0x1234n },
  { name: 'FileTime', type: 'filetime', value: '2023-01-02T03:04:05.6789012Z' },
  { name: 'SysTime', type: 'systime', value: new Date('2023-01-02T03:04:05.678Z') },
  { name: 'Sid', type: 'sid', value: 'S-1-5-21-1-2-3-500' },
  { name: 'HexInt32', type: 'hexint32', value: 0xcaa2000c },
  { name: 'HexInt64', type: 'hexint64', value: 0x8000000000000001n },
  { name: 'Strings', type: 'string[]', value: ['first', 'second'] },
  { name: 'Int32s', type: 'int32[]', value: [-1, 2] },
  { name: 'Bools', type: 'bool[]', value: [true, false] },
  { name: 'Guids', type: 'guid[]', value: ['{4DE9BC9C-B27A-43C9-8994-0915F1A5E24F}'] },
  { name: 'Missing', type: 'uint32', value: null },
  { name: 'Empty', value: '' },
  { value: 'unnamed last' },
];

function expectSystem(r: EvtxRecord | undefined, e: EvtxEventInput, recordId: bigint, where: string): void {
  expect(r, where).toBeDefined();
  if (!r) return;
  const provider = typeof e.provider === 'string' ? { name: e.provider, guid: undefined } : e.provider;
  expect(r.recordId, where).toBe(recordId);
  expect(r.fileTime, where).toBe(ticks(e.time));
  expect(r.time, where).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
  expect(ticks(r.time), where).toBe(ticks(e.time));
  expect(r.eventId, where).toBe(e.eventId);
  expect(r.level, where).toBe(e.level ?? 4);
  expect(r.provider, where).toBe(provider.name);
  expect(r.providerGuid, where).toBe(provider.guid ? provider.guid.toUpperCase() : '');
  expect(r.channel, where).toBe(e.channel);
  expect(r.computer, where).toBe(e.computer);
  expect(r.activityId, where).toBe(e.activityId?.toUpperCase() ?? '');
  expect(r.relatedActivityId, where).toBe(e.relatedActivityId?.toUpperCase() ?? '');
}

/** Named values by name; positional in order, an array counting as one entry per item (as in the XML). */
function expectData(r: EvtxRecord | undefined, items: readonly EvtxDataItem[], where: string): void {
  if (!r) return;
  const positional = items.flatMap((it) =>
    (it.type ?? 'string').endsWith('[]') && Array.isArray(it.value)
      ? (it.value as unknown[]).map((v) => ({ ...it, type: (it.type ?? '').slice(0, -2), value: v }) as EvtxDataItem)
      : [it],
  );
  expect(r.data.positional, `${where}: positional values`).toHaveLength(positional.length);
  positional.forEach((it, i) => same(it, r.data.positional[i], `${where}: positional[${i}] (${it.name ?? 'unnamed'})`));
  const named = items.filter((it) => it.name !== undefined);
  expect(Object.keys(r.data.named).sort(), `${where}: names`).toEqual(named.map((it) => it.name).sort());
  for (const it of named) same(it, r.data.named[it.name ?? ''], `${where}: named ${it.name}`);
}

describe('EVTX writer → our reader', () => {
  it('reads back AAD, Skype Room System and every value type, in both layouts, across chunks', async () => {
    const events: EvtxEventInput[] = [];
    for (let i = 0; i < 240; i++) {
      const t = `2024-05-01T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i).padStart(7, '0')}Z`;
      const layout = i % 4 < 2 ? 'nested' : 'inline';
      if (i % 3 === 0) events.push({ ...aad1098, time: t, writtenTime: undefined, layout });
      else if (i % 3 === 1) events.push({ ...srs2001, time: t, layout, data: [{ value: `${srsJson} #${i} ${'pad'.repeat(i)}` }] });
      else events.push({ ...aad1098, time: t, eventId: 4242, layout, relatedActivityId: '{00000000-0000-0000-0000-00000000000A}', data: everyType });
    }
    const w = new EvtxWriter({ firstRecordId: 1000 });
    events.forEach((e) => w.add(e));
    expect(w.chunkCount).toBeGreaterThan(2);
    const problems: EvtxProblem[] = [];
    const records = await readAll(w.toBytes(), problems);
    expect(problems).toEqual([]);
    expect(records).toHaveLength(events.length);
    events.forEach((e, i) => {
      const where = `record ${1000 + i} (${e.layout})`;
      expectSystem(records[i], e, 1000n + BigInt(i), where);
      expectData(records[i], e.data ?? [], where);
    });
    expect(new Set(records.map((r) => r.chunkIndex)).size).toBe(w.chunkCount);
    const srs = records[1];
    expect(srs?.data.positional).toEqual([`${srsJson} #1 pad`]);
    expect(JSON.parse(String(srs?.data.positional[0]).split(' #')[0] ?? '')).toMatchObject({ OperationResult: 'Fail' });
  });

  it('takes TimeCreated, not the written time, as the record time', async () => {
    const w = new EvtxWriter();
    w.add(aad1098);
    const [r] = await readAll(w.toBytes());
    expect(r?.time).toBe('2024-05-01T10:00:00.1234567Z');
  });

  it('reads UserData fields, embedded XML and classic binary data', async () => {
    const w = new EvtxWriter();
    w.add({
      ...aad1098,
      data: undefined,
      userData: {
        element: 'ServiceShutdown',
        xmlns: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog',
        fields: [
          { name: 'Reason', type: 'uint32', value: 3 },
          { name: 'Who', value: 'svchost' },
        ],
      },
    });
    w.add({ ...srs2001, binary: new Uint8Array([0xca, 0xfe]) });
    w.add({ ...aad1098, data: [{ name: 'Xml', type: 'binxml', value: { name: 'Settings', children: [{ name: 'Proxy', children: ['http://proxy:8080'] }] } }] });
    const [ud, bin, xml] = await readAll(w.toBytes());
    expect(ud?.data.named.Reason).toBe(3);
    expect(ud?.data.named.Who).toBe('svchost');
    expect(ud?.xml()).toContain('<ServiceShutdown xmlns="http://manifests.microsoft.com/win/2004/08/windows/eventlog">');
    expect(bin?.data.positional[0]).toBe(srsJson);
    expect(bin?.xml()).toMatch(/<Binary>CAFE<\/Binary>/i);
    expect(xml?.xml()).toMatch(/<Settings>\s*<Proxy>http:\/\/proxy:8080<\/Proxy>\s*<\/Settings>/);
  });

  it('reads flat (forwarded-event) records', async () => {
    const flat: EvtxEventInput = {
      ...srs2001,
      provider: 'MSExchange CmdletLogs',
      eventId: 1,
      qualifiers: 16384,
      data: [{ value: 'Set-Mailbox' }, { value: '-Identity "Administrateur"' }, { value: '' }, { value: '5' }],
    };
    const w = new EvtxWriter();
    w.add(aad1098);
    w.addFlat(flat);
    w.addFlat({ ...aad1098, data: [{ name: 'Error', type: 'uint32', value: 5 }, { name: 'When', type: 'filetime', value: 133590312001234567n }] });
    const problems: EvtxProblem[] = [];
    const [, wec, named] = await readAll(w.toBytes(), problems);
    expect(problems).toEqual([]);
    expectSystem(wec, flat, 2n, 'WEC-shaped flat record');
    expect(wec?.data.positional).toEqual(['Set-Mailbox', '-Identity "Administrateur"', '', '5']);
    expectSystem(named, aad1098, 3n, 'flat AAD record');
    // Flat records carry rendered text, not typed values.
    expect(named?.data.named).toEqual({ Error: '5', When: '2024-05-01T10:00:00.123456700Z' });
  });

  it('reads a file the streaming writer wrote', async () => {
    const p = path.join(dir, 'stream.evtx');
    const fw = await EvtxFileWriter.create(p);
    for (let i = 0; i < 300; i++) await fw.add({ ...srs2001, data: [{ value: `${srsJson}${'.'.repeat(i)}` }] });
    await fw.close();
    const records = await readAll(p);
    expect(records.map((r) => r.recordId)).toEqual(Array.from({ length: 300 }, (_, i) => BigInt(i + 1)));
    expect(records[299]?.data.positional[0]).toBe(`${srsJson}${'.'.repeat(299)}`);
  });

  it('reports the damage the damage helpers make', async () => {
    const w = new EvtxWriter({ maxRecordsPerChunk: 5 });
    for (let i = 0; i < 12; i++) w.add(aad1098);
    const bytes = w.toBytes();

    const crcProblems: EvtxProblem[] = [];
    await readAll(corruptChunkDataCrc(bytes, 1), crcProblems);
    expect(crcProblems.map((p) => [p.kind, p.chunkIndex])).toContainEqual(['bad-chunk-data-crc', 1]);

    const tornProblems: EvtxProblem[] = [];
    const torn = await readAll(tearLastRecord(bytes, 0), tornProblems);
    expect(torn.map((r) => r.recordId)).not.toContain(5n);
    expect(torn.map((r) => r.recordId)).toContain(6n);
    expect(tornProblems.length).toBeGreaterThan(0);
  });
});
