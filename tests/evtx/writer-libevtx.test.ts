// Files from the EVTX writer are read back by libevtx (evtxinfo / evtxexport, Debian libevtx-utils), an independent
// implementation: every record must come out with the System fields and data values it was written with.
// Normalisations, all because of how libevtx prints, not what is stored:
//  - SystemTime and FileTime values: libevtx prints 9 fraction digits; the last two are always 00 (FILETIME is 100 ns),
//    so they are dropped and the rest compared exactly at 100 ns.
//  - Real32/Real64: printed with "%e" (7 significant digits), compared numerically to that precision.
//  - Arrays: printed as one Data element per item, all with the array's Name.
//  - SysTime: printed with millisecond precision (SYSTEMTIME has no more).
// Shapes libevtx 20181227 cannot print are covered by the structure and round-trip tests instead: negative signed
// integers (it prints -(v & 0x7f…)), Bool arrays (unsupported type 0x8d), Null values in normal substitutions,
// and elements outside template definitions, which MS-EVEN6 and Windows write without a dependency identifier
// (forwarded-event records, embedded XML values) while libevtx 20181227 expects one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvtxWriter, corruptChunkDataCrc, corruptChunkSignature, truncateInLastRecord } from '../../tools/evtx-writer';
import type { EvtxDataItem, EvtxEventInput } from '../../tools/evtx-writer';
import { libevtxTimeTo100ns, runEvtxexport, runEvtxinfo } from '../support/evtxexport';
import type { ExportedEvent } from '../support/evtxexport';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'evtx-writer-libevtx-'));
});
// Each test runs the tools, which throw a clear error when libevtx is missing: every test then fails (a throwing
// beforeAll would only mark them skipped).
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function save(name: string, bytes: Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

const AAD = { name: 'Microsoft-Windows-AAD', guid: '{4DE9BC9C-B27A-43C9-8994-0915F1A5E24F}' };
const AAD_CHANNEL = 'Microsoft-Windows-AAD/Operational';
const SRS_CHANNEL = 'Skype Room System';
const COMPUTER = 'MTR-ROOM-01.contoso.local';

function aad1098(time: string, n: number): EvtxEventInput {
  return {
    time,
    provider: AAD,
    eventId: 1098,
    level: 2,
    task: 101,
    opcode: 0,
    keywords: 0x4000000000000000n,
    channel: AAD_CHANNEL,
    computer: COMPUTER,
    processId: 1234,
    threadId: 5678 + n,
    userSid: 'S-1-5-18',
    activityId: '{6B8F2E2B-3C4D-4E5F-8A9B-0C1D2E3F4A5B}',
    data: [
      { name: 'Error', type: 'uint32', value: 3399811084 },
      { name: 'ErrorMessage', value: `The request requires user interaction. Code: interaction_required #${n}` },
      { name: 'AdditionalInformation', value: 'Logged at refreshtokenrequest.cpp, line: 148, method: RefreshTokenRequest::AcquireToken.' },
    ],
  };
}

function aad1104(time: string): EvtxEventInput {
  return {
    time,
    provider: AAD,
    eventId: 1104,
    level: 4,
    task: 102,
    keywords: 0x4000000000000000n,
    channel: AAD_CHANNEL,
    computer: COMPUTER,
    processId: 1234,
    threadId: 99,
    userSid: 'S-1-12-1-2214964667-1090076210-1622446738-457609414',
    data: [
      { name: 'Message', value: 'Token acquired (cache miss) for <resource> & "client"' },
      { name: 'Status', type: 'hexint32', value: 0 },
    ],
  };
}

function srsJson(n: number): string {
  return JSON.stringify({
    Description: 'Heartbeat',
    ResourceState: n % 5 === 0 ? 'Unhealthy' : 'Healthy',
    OperationName: 'Heartbeat',
    OperationResult: 'Pass',
    OS: 'Windows 10 IoT Enterprise',
    OSVersion: '10.0.19045',
    Alias: 'mtr-room-01@contoso.com',
    DisplayName: 'Room 01 "Boardroom"',
    AppVersion: '5.0.111.0',
    Sequence: n,
  });
}

/** Skype Room System events as SRS-App writes them: a classic event source, one unnamed insertion string (JSON). */
function srs2001(time: string, n: number): EvtxEventInput {
  return { time, style: 'classic', provider: 'SRS-App', eventId: 2001, level: 4, channel: SRS_CHANNEL, computer: COMPUTER, data: [{ value: srsJson(n) }] };
}

/** The same event through a manifest-style template with an unnamed Data element. */
function srs2001Manifest(time: string, n: number): EvtxEventInput {
  return { time, provider: 'SRS-App', eventId: 2001, level: 4, channel: SRS_CHANNEL, computer: COMPUTER, data: [{ value: srsJson(n) }] };
}

/** Exactly what libevtx prints for each value (one string per Data element). */
function expectedTexts(item: EvtxDataItem): string[] {
  const hex = (v: bigint | number, digits: number) => `0x${BigInt(v).toString(16).padStart(digits, '0')}`;
  const one = (type: string, v: unknown): string => {
    switch (type) {
      case 'string':
      case 'ansistring':
      case 'int8':
      case 'uint8':
      case 'int16':
      case 'uint16':
      case 'int32':
      case 'uint32':
      case 'int64':
      case 'uint64':
      case 'sizet': // libevtx prints a 64-bit size_t in decimal
      case 'real32': // compared numerically, see expectSameEvent
      case 'real64':
        return String(v);
      case 'hexint32':
        return hex(v as number, 8);
      case 'hexint64':
        return hex(v as bigint, 16);
      case 'bool':
        return v ? 'true' : 'false';
      case 'binary':
        return Buffer.from(v as Uint8Array).toString('hex').toUpperCase();
      case 'guid':
      case 'sid':
        return (v as string).toUpperCase();
      case 'filetime':
        return v as string; // given as ISO with 7 digits below
      case 'systime':
        return (v as Date).toISOString();
      default:
        return `<unexpected ${type}>`;
    }
  };
  const type = item.type ?? 'string';
  if (type.endsWith('[]')) return (item.value as unknown[]).map((v) => one(type.slice(0, -2), v));
  return [one(type, item.value)];
}

function normaliseActual(type: string, text: string): string {
  if (type === 'filetime') return libevtxTimeTo100ns(text);
  return text;
}

/** Compares one exported record with the event it was written from. */
function expectSameEvent(got: ExportedEvent | undefined, e: EvtxEventInput, recordId: bigint, where: string): void {
  expect(got, `${where}: record missing from evtxexport output`).toBeDefined();
  if (!got) return;
  const provider = typeof e.provider === 'string' ? { name: e.provider } : e.provider;
  const classic = e.style === 'classic';
  expect(got.recordId, where).toBe(String(recordId));
  expect(got.eventId, where).toBe(e.eventId);
  expect(got.provider.Name, where).toBe(provider.name);
  expect(got.provider.Guid, where).toBe(provider.guid?.toUpperCase());
  expect(got.qualifiers, where).toBe(e.qualifiers !== undefined ? String(e.qualifiers) : classic ? '0' : undefined);
  expect(got.channel, where).toBe(e.channel);
  expect(got.computer, where).toBe(e.computer);
  expect(got.level, where).toBe(String(e.level ?? 4));
  expect(got.task, where).toBe(String(e.task ?? 0));
  expect(got.opcode, where).toBe(String(e.opcode ?? 0));
  expect(got.version, where).toBe(String(e.version ?? 0));
  // Compared as numbers: templated records print 16 hex digits, flat ones carry whatever text was stored.
  const keywords = e.keywords ?? (classic ? 0x80000000000000n : 0n);
  expect(BigInt(got.keywords ?? 'NaN'), where).toBe(BigInt(keywords));
  const time = e.time instanceof Date ? e.time.toISOString().replace('Z', '0000Z') : e.time;
  expect(libevtxTimeTo100ns(got.systemTime ?? ''), where).toBe(time);
  expect(got.execution, where).toEqual({ ProcessID: String(e.processId ?? 0), ThreadID: String(e.threadId ?? 0) });
  expect(got.security.UserID, where).toBe(e.userSid);
  expect(got.correlation.ActivityID, where).toBe(e.activityId);
  expect(got.correlation.RelatedActivityID, where).toBe(e.relatedActivityId);
  if (e.userData) {
    expect(got.userData?.element, where).toBe(e.userData.element);
    expect(got.userData?.attributes.xmlns, where).toBe(e.userData.xmlns);
    expect(got.userData?.fields, where).toEqual(e.userData.fields.map((f) => ({ name: f.name, value: expectedTexts(f).join('') })));
    return;
  }
  // Arrays become one Data element per item: compare each against the item type.
  const expected = (e.data ?? []).flatMap((it) =>
    expectedTexts(it).map((value) => ({ name: it.name, value, type: (it.type ?? 'string').replace('[]', '') })),
  );
  expect(got.data.length, `${where}: Data elements`).toBe(expected.length);
  expected.forEach((x, i) => {
    const actual = got.data[i];
    expect(actual?.name, `${where}: Data[${i}] name`).toBe(x.name);
    if (x.type === 'real32' || x.type === 'real64') {
      // %e keeps 7 significant digits: a relative error up to 5e-7.
      const [a, b] = [Number(actual?.value), Number(x.value)];
      expect(Math.abs(a - b), `${where}: Data[${i}] (${x.name}) ${a} vs ${b}`).toBeLessThanOrEqual(Math.abs(b) * 5e-7);
      expect(actual?.value, `${where}: Data[${i}] printed with %e`).toMatch(/^-?\d\.\d{6}e[+-]\d{3}$/);
    } else expect(normaliseActual(x.type, actual?.value ?? ''), `${where}: Data[${i}] (${x.name}) value`).toBe(x.value);
  });
  expect(got.binary, where).toBe(e.binary ? Buffer.from(e.binary).toString('hex').toUpperCase() : undefined);
}

describe('EVTX writer output read by libevtx', () => {
  it('writes AAD and Skype Room System events that evtxinfo counts and evtxexport prints field for field', () => {
    const events: EvtxEventInput[] = [
      aad1098('2024-05-01T10:00:00.1234567Z', 1),
      srs2001('2024-05-01T10:00:01.0000001Z', 1),
      aad1104('2024-05-01T10:00:02.5000000Z'),
      srs2001Manifest('2024-05-01T10:00:03.9999999Z', 2),
      aad1098('2024-05-01T10:00:04.0000000Z', 2),
      { ...srs2001('2024-05-01T10:00:05.0000000Z', 3), level: 3, binary: new Uint8Array([0xca, 0xfe, 0x00, 0x01]) },
      {
        time: new Date('2024-05-01T10:00:06.789Z'),
        provider: { name: 'Microsoft-Windows-Winlogon', guid: '{DBE9B383-7CF3-4331-91CC-A3CB16A3B538}', eventSourceName: 'Wlclntfy' },
        style: 'classic',
        eventId: 6000,
        qualifiers: 32768,
        channel: 'Application',
        computer: COMPUTER,
      },
      {
        time: '2024-05-01T10:00:07.0000000Z',
        provider: { name: 'Microsoft-Windows-Eventlog', guid: '{FC65DDD8-D6EF-4962-83D5-6E5CFE9CE148}' },
        eventId: 1100,
        task: 103,
        channel: 'Security',
        computer: COMPUTER,
        relatedActivityId: '{00112233-4455-6677-8899-AABBCCDDEEFF}',
        userData: {
          element: 'ServiceShutdown',
          xmlns: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog',
          fields: [
            { name: 'Reason', type: 'uint32', value: 3 },
            { name: 'Who', value: 'svchost' },
          ],
        },
      },
      { ...aad1104('2024-05-01T10:00:08.0000000Z'), eventId: 1105, data: [] },
      // The layout the brief describes: System and EventData in one template.
      { ...aad1098('2024-05-01T10:00:09.0000000Z', 3), layout: 'inline' },
      { ...srs2001('2024-05-01T10:00:10.0000000Z', 4), layout: 'inline' },
    ];
    const w = new EvtxWriter({ firstRecordId: 5000 });
    const ids = events.map((e) => w.add(e));
    expect(ids).toEqual(events.map((_, i) => 5000n + BigInt(i)));
    const file = save('shapes.evtx', w.toBytes());

    const info = runEvtxinfo(file);
    expect(info.status, info.stderr).toBe(0);
    expect(info).toMatchObject({ version: '3.1', records: events.length, recovered: 0, corrupted: false, dirty: false });

    const out = runEvtxexport(file);
    expect(out.status, out.stderr).toBe(0);
    expect(out.events).toHaveLength(events.length);
    events.forEach((e, i) => expectSameEvent(out.events[i], e, ids[i] ?? 0n, `record ${i}`));
    // The unnamed Data really is unnamed, and the JSON survives with its quotes.
    expect(out.events[1]?.data).toEqual([{ value: srsJson(1) }]);
    expect(JSON.parse(out.events[3]?.data[0]?.value ?? '')).toMatchObject({ Sequence: 2, DisplayName: 'Room 01 "Boardroom"' });
  });

  it('writes every value type libevtx can print, each coming back with its name and value', () => {
    const data: EvtxDataItem[] = [
      { name: 'String', value: 'héllo wörld ✓ <b>&amp;</b>' },
      { name: 'MultiLine', value: 'line one\nline two' },
      { name: 'EmptyString', value: '' },
      { name: 'Ansi', type: 'ansistring', value: 'plain ansi' },
      { name: 'Int8', type: 'int8', value: 127 },
      { name: 'UInt8', type: 'uint8', value: 255 },
      { name: 'Int16', type: 'int16', value: 32767 },
      { name: 'UInt16', type: 'uint16', value: 65535 },
      { name: 'Int32', type: 'int32', value: 2147483647 },
      { name: 'UInt32', type: 'uint32', value: 4294967295 },
      { name: 'Int64', type: 'int64', value: 9223372036854775807n },
      { name: 'UInt64', type: 'uint64', value: 18446744073709551615n },
      { name: 'Real32', type: 'real32', value: 1.5 },
      { name: 'Real64', type: 'real64', value: -1234.5678 },
      { name: 'BoolTrue', type: 'bool', value: true },
      { name: 'BoolFalse', type: 'bool', value: false },
      { name: 'Binary', type: 'binary', value: new Uint8Array([0x00, 0xde, 0xad, 0xbe, 0xef, 0xff]) },
      { name: 'Guid', type: 'guid', value: '{00112233-4455-6677-8899-aabbccddeeff}' },
      { name: 'SizeT', type: 'sizet', value: 0x12345678n },
      { name: 'FileTime', type: 'filetime', value: '2023-01-02T03:04:05.6789012Z' },
      { name: 'SysTime', type: 'systime', value: new Date('2023-01-02T03:04:05.678Z') },
      { name: 'Sid', type: 'sid', value: 'S-1-5-21-3623811015-3361044348-30300820-1013' },
      { name: 'HexInt32', type: 'hexint32', value: 0xcaa2000c },
      { name: 'HexInt64', type: 'hexint64', value: 0x8000000000000001n },
      { name: 'Strings', type: 'string[]', value: ['first', 'second', 'third'] },
      { name: 'AnsiStrings', type: 'ansistring[]', value: ['a1', 'a2'] },
      { name: 'UInt8s', type: 'uint8[]', value: [0, 7, 255] },
      { name: 'Int16s', type: 'int16[]', value: [1, 32767] },
      { name: 'UInt32s', type: 'uint32[]', value: [1, 2, 4294967295] },
      { name: 'UInt64s', type: 'uint64[]', value: [0n, 18446744073709551615n] },
      { name: 'Real64s', type: 'real64[]', value: [0.5, 2.25] },
      { name: 'Guids', type: 'guid[]', value: ['{4DE9BC9C-B27A-43C9-8994-0915F1A5E24F}', '{05F02597-FE85-4E67-8542-69567AB8FD4F}'] },
      { name: 'FileTimes', type: 'filetime[]', value: ['2020-02-29T23:59:59.9999999Z', '1601-01-01T00:00:00.0000000Z'] },
      { name: 'HexInt32s', type: 'hexint32[]', value: [1, 0xffffffff] },
      { name: 'HexInt64s', type: 'hexint64[]', value: [0x10n, 0xffffffffffffffffn] },
      { value: 'an unnamed value after the named ones' },
    ];
    const event: EvtxEventInput = { ...aad1104('2024-06-30T23:59:59.9999999Z'), eventId: 4242, data };
    const w = new EvtxWriter();
    w.add(event);
    w.add({ ...event, layout: 'inline' });
    const file = save('all-types.evtx', w.toBytes());

    expect(runEvtxinfo(file)).toMatchObject({ records: 2, corrupted: false });
    const out = runEvtxexport(file);
    expect(out.status, out.stderr).toBe(0);
    expect(out.events).toHaveLength(2);
    expectSameEvent(out.events[0], event, 1n, 'nested layout');
    expectSameEvent(out.events[1], event, 2n, 'inline layout');
  });

  it('spans many chunks, redefining names and templates in each, and every record still reads back', () => {
    const events: EvtxEventInput[] = [];
    const start = Date.UTC(2024, 4, 1, 8, 0, 0);
    for (let i = 0; i < 900; i++) {
      const t = new Date(start + i * 1500).toISOString().replace('Z', `${String(i % 10000).padStart(4, '0')}Z`);
      if (i % 3 === 0) events.push(aad1098(t, i));
      else if (i % 3 === 1) events.push(srs2001(t, i));
      else events.push(i % 2 ? aad1104(t) : srs2001Manifest(t, i));
    }
    const w = new EvtxWriter();
    events.forEach((e) => w.add(e));
    const bytes = w.toBytes();
    expect(w.chunkCount).toBeGreaterThanOrEqual(5);
    expect(bytes.length).toBe(4096 + w.chunkCount * 65536);
    const file = save('many-chunks.evtx', bytes);

    const info = runEvtxinfo(file);
    expect(info).toMatchObject({ records: events.length, recovered: 0, corrupted: false });
    const out = runEvtxexport(file);
    expect(out.status, out.stderr).toBe(0);
    expect(out.events).toHaveLength(events.length);
    events.forEach((e, i) => expectSameEvent(out.events[i], e, BigInt(i + 1), `record ${i + 1}`));
  });

  it('writes a flat (non-template) record that libevtx prints when it carries dependency identifiers', () => {
    const event: EvtxEventInput = {
      ...aad1098('2021-11-19T16:52:33.8337335Z', 7),
      provider: { name: 'MSExchange CmdletLogs' },
      style: 'classic',
      eventId: 1,
      qualifiers: 16384,
      channel: 'MSExchange Management',
      computer: 'WEC.ave.local',
      data: [{ value: 'Set-Mailbox' }, { value: '-Identity "Administrateur"' }, { value: '' }, { value: '5' }],
    };
    const w = new EvtxWriter();
    w.add(aad1098('2021-11-19T16:52:33.0000000Z', 1));
    w.addFlat(event, { dependencyIds: true });
    const file = save('flat.evtx', w.toBytes());
    expect(runEvtxinfo(file)).toMatchObject({ records: 2, corrupted: false });
    const out = runEvtxexport(file);
    expect(out.status, out.stderr).toBe(0);
    expectSameEvent(out.events[1], event, 2n, 'flat record');
  });

  it('flags what it should: a log written without CRCs (3.2) and a dirty one', () => {
    const noCrc = save('no-crc.evtx', new EvtxWriter({ version: '3.2', checksums: false }).toBytes());
    // libevtx treats the no-CRC flag as corruption, as it does for Windows' own such logs in the corpus.
    expect(runEvtxinfo(noCrc)).toMatchObject({ version: '3.2', records: 0, corrupted: true });
    const w = new EvtxWriter({ dirty: true });
    w.add(aad1098('2024-05-01T10:00:00.0000000Z', 1));
    expect(runEvtxinfo(save('dirty.evtx', w.toBytes()))).toMatchObject({ records: 1, dirty: true, corrupted: false });
    expect(runEvtxinfo(save('empty.evtx', new EvtxWriter().toBytes()))).toMatchObject({ records: 0, corrupted: false });
  });
  it('is seen as damaged by libevtx after each damage helper, in the way its name says', () => {
    const w = new EvtxWriter({ maxRecordsPerChunk: 4 });
    for (let i = 0; i < 10; i++) w.add(aad1098(`2024-05-01T10:00:0${i}.0000000Z`, i));
    const good = w.toBytes();
    expect(runEvtxinfo(save('good.evtx', good))).toMatchObject({ records: 10, corrupted: false });
    // A bad records CRC: still read, but flagged.
    expect(runEvtxinfo(save('bad-crc.evtx', corruptChunkDataCrc(good, 1)))).toMatchObject({ records: 10, corrupted: true });
    // A chunk without its signature is skipped; libevtx recovers its records from "free space".
    expect(runEvtxinfo(save('bad-sig.evtx', corruptChunkSignature(good, 1)))).toMatchObject({ records: 6, recovered: 4, corrupted: true });
    // A file cut inside its last record: libevtx drops the incomplete last chunk (records 9 and 10) altogether.
    expect(runEvtxinfo(save('cut.evtx', truncateInLastRecord(good)))).toMatchObject({ records: 8, corrupted: true });
  });
});
