// Turns one event into an EVTX record at the cursor: header, BinXML (template instance or flat tree), padding, size.
import { RECORD_SIGNATURE, Token, ValueType } from '../../main/evtx/binary-format';
import type { ChunkCursor } from './chunk-cursor';
import type { ChunkTables } from './chunk-tables';
import { writeElement, writeFragmentHeader, writeTemplateInstance } from './binxml-builder';
import type { BxElement, BxNode, BxTemplate, BxValue } from './binxml-builder';
import {
  EVENT_NAMESPACE,
  Slot,
  TemplateCache,
  classicEventDataElement,
  dataSlot,
  eventDataElement,
  eventTemplateRoot,
  plainElement,
  text,
  userDataElement,
} from './templates';
import type { SystemLiterals } from './templates';
import { fileTimeToWindowsIso, toFileTime } from './time';
import { binXmlValue, encodeValue, formatGuid, parseGuid, parseSid, renderValueText, typeCode, typeNameOf, utf16 } from './values';
import type { EvtxDataItem, EvtxEventInput, EvtxFlatOptions, EvtxLayout } from './types';

const CLASSIC_KEYWORDS = 0x80000000000000n;
const NULL: BxValue = { code: ValueType.Null, bytes: new Uint8Array(0) };

function u(code: number, size: number, write: (b: Buffer) => void): BxValue {
  const bytes = Buffer.alloc(size);
  write(bytes);
  return { code, bytes };
}

function intField(v: number | undefined, dflt: number, max: number, what: string): number {
  const x = v ?? dflt;
  if (!Number.isInteger(x) || x < 0 || x > max) throw new RangeError(`${what}: ${String(v)} is not an integer in 0..${max}`);
  return x;
}

function keywordsOf(e: EvtxEventInput, classic: boolean): bigint {
  if (typeof e.keywords === 'number' && !Number.isSafeInteger(e.keywords))
    throw new RangeError(`keywords: ${e.keywords} is not a safe integer; pass a bigint (0x4000000000000000n)`);
  const k = e.keywords === undefined ? (classic ? CLASSIC_KEYWORDS : 0n) : BigInt(e.keywords);
  if (k < 0n || k >= 1n << 64n) throw new RangeError(`keywords: ${k} is not a 64-bit mask`);
  return k;
}

function providerOf(e: EvtxEventInput): { name: string; guid?: string; eventSourceName?: string } {
  const p = typeof e.provider === 'string' ? { name: e.provider } : e.provider;
  if (!p.name) throw new TypeError('provider.name is required');
  return p;
}

function checkEvent(e: EvtxEventInput): void {
  if (e.data && e.userData) throw new TypeError('an event has EventData or UserData, not both');
  if (typeof e.channel !== 'string' || typeof e.computer !== 'string') throw new TypeError('channel and computer are required');
  if (e.style !== 'classic' && e.binary) throw new TypeError('binary data belongs to classic events (style: "classic")');
  if (e.style === 'classic' && e.userData) throw new TypeError('classic events have no UserData, only insertion strings');
}

/** Encodes one data value; BinXml values become nested fragments written in place. */
function dataValue(t: ChunkTables, it: EvtxDataItem, what: string): BxValue {
  const xml = binXmlValue(it);
  if (typeNameOf(it) === 'binxml' && xml) {
    const root = plainElement(xml);
    return {
      code: ValueType.BinXml,
      write: (c) => {
        // A plain fragment, not a template definition: MS-EVEN6 gives its elements no dependency identifier.
        writeFragmentHeader(c);
        writeElement(c, t, root, false);
        c.u8(Token.EndOfFragment);
      },
    };
  }
  return encodeValue(it, what);
}

function shapeOf(items: readonly EvtxDataItem[]): string {
  return items.map((it) => `${it.name ?? ''}:${typeCode(typeNameOf(it))}`).join(',');
}

interface DataPart {
  /** Data template body and its shape key, at the given base slot. */
  element: (base: number) => BxElement;
  shape: string;
  values: BxValue[];
}

function dataPart(t: ChunkTables, e: EvtxEventInput, classic: boolean): DataPart {
  if (classic) {
    const strings = (e.data ?? []).map((it, i) => {
      if (it.name !== undefined || typeNameOf(it) !== 'string')
        throw new TypeError(`data[${i}]: classic events carry unnamed strings only (insertion strings)`);
      return it.value === null ? '' : (it.value as string);
    });
    const bin = e.binary ? Buffer.from(e.binary) : null;
    return {
      element: classicEventDataElement,
      shape: 'classic',
      values: [
        strings.length ? encodeValue({ type: 'string[]', value: strings }, 'data') : NULL,
        u(ValueType.UInt32, 4, (b) => b.writeUInt32LE(bin ? bin.length : 0)),
        bin ? { code: ValueType.Binary, bytes: bin } : NULL,
      ],
    };
  }
  if (e.userData) {
    const ud = e.userData;
    return {
      element: (base) => userDataElement(ud, base),
      shape: `user:${ud.element}|${ud.xmlns ?? ''}|${shapeOf(ud.fields)}`,
      values: ud.fields.map((f, i) => dataValue(t, f, `userData.fields[${i}]${f.name ? ` (${f.name})` : ''}`)),
    };
  }
  const items = e.data ?? [];
  return {
    element: (base) => eventDataElement(items, base),
    shape: `data:${shapeOf(items)}`,
    values: items.map((it, i) => dataValue(t, it, `data[${i}]${it.name ? ` (${it.name})` : ''}`)),
  };
}

/** The System values in slot order; `count` slots (classic templates leave some unused). */
function systemValues(e: EvtxEventInput, recordId: bigint, classic: boolean): BxValue[] {
  const p = providerOf(e);
  const v: BxValue[] = new Array<BxValue>(dataSlot(classic ? 'classic' : 'manifest')).fill(NULL);
  const qualifiers = e.qualifiers ?? (classic ? 0 : undefined);
  v[Slot.Level] = u(ValueType.UInt8, 1, (b) => b.writeUInt8(intField(e.level, 4, 0xff, 'level')));
  v[Slot.Opcode] = u(ValueType.UInt8, 1, (b) => b.writeUInt8(intField(e.opcode, 0, 0xff, 'opcode')));
  v[Slot.Task] = u(ValueType.UInt16, 2, (b) => b.writeUInt16LE(intField(e.task, 0, 0xffff, 'task')));
  v[Slot.EventId] = u(ValueType.UInt16, 2, (b) => b.writeUInt16LE(intField(e.eventId, 0, 0xffff, 'eventId')));
  if (qualifiers !== undefined)
    v[Slot.Qualifiers] = u(ValueType.UInt16, 2, (b) => b.writeUInt16LE(intField(qualifiers, 0, 0xffff, 'qualifiers')));
  v[Slot.Keywords] = u(ValueType.HexInt64, 8, (b) => b.writeBigUInt64LE(keywordsOf(e, classic)));
  v[Slot.TimeCreated] = u(ValueType.FileTime, 8, (b) => b.writeBigUInt64LE(toFileTime(e.time, 'time')));
  if (e.activityId) v[Slot.ActivityId] = { code: ValueType.Guid, bytes: parseGuid(e.activityId, 'activityId') };
  v[Slot.ProcessId] = u(ValueType.UInt32, 4, (b) => b.writeUInt32LE(intField(e.processId, 0, 0xffffffff, 'processId')));
  v[Slot.ThreadId] = u(ValueType.UInt32, 4, (b) => b.writeUInt32LE(intField(e.threadId, 0, 0xffffffff, 'threadId')));
  v[Slot.EventRecordId] = u(ValueType.UInt64, 8, (b) => b.writeBigUInt64LE(recordId));
  v[Slot.Version] = u(ValueType.UInt8, 1, (b) => b.writeUInt8(intField(e.version, 0, 0xff, 'version')));
  if (e.userSid) v[Slot.UserId] = { code: ValueType.Sid, bytes: parseSid(e.userSid, 'userSid') };
  const related = classic ? Slot.RelatedActivityIdClassic : Slot.RelatedActivityIdManifest;
  if (e.relatedActivityId) v[related] = { code: ValueType.Guid, bytes: parseGuid(e.relatedActivityId, 'relatedActivityId') };
  if (!classic) {
    v[Slot.ProviderName] = { code: ValueType.String, bytes: utf16(p.name) };
    if (p.guid) v[Slot.ProviderGuid] = { code: ValueType.Guid, bytes: parseGuid(p.guid, 'provider.guid') };
    v[Slot.Channel] = { code: ValueType.String, bytes: utf16(e.channel) };
  }
  return v;
}

function literalsOf(e: EvtxEventInput, classic: boolean): SystemLiterals {
  if (!classic) return { style: 'manifest', computer: e.computer };
  const p = providerOf(e);
  return {
    style: 'classic',
    computer: e.computer,
    providerName: p.name,
    providerGuid: p.guid === undefined ? undefined : formatGuid(p.guid),
    eventSourceName: p.eventSourceName,
    channel: e.channel,
  };
}

/** Record header and trailer around `body`; records are padded to 8 bytes as Windows does. */
function writeRecord(c: ChunkCursor, recordId: bigint, written: bigint, body: () => void): void {
  const start = c.pos;
  c.u32(RECORD_SIGNATURE);
  const sizeAt = c.reserveU32();
  c.u64(recordId);
  c.u64(written);
  body();
  const pad = (8 - ((c.pos + 4 - start) % 8)) % 8;
  c.zeros(pad);
  const size = c.pos + 4 - start;
  c.u32(size);
  c.patchU32(sizeAt, size);
}

export class RecordBuilder {
  private readonly templates = new TemplateCache();

  constructor(private readonly defaultLayout: EvtxLayout = 'nested') {}

  /** A record whose BinXML is a template instance, as every local Windows log has. */
  writeTemplated(c: ChunkCursor, t: ChunkTables, e: EvtxEventInput, recordId: bigint): void {
    checkEvent(e);
    const classic = e.style === 'classic';
    const layout = e.layout ?? this.defaultLayout;
    const lit = literalsOf(e, classic);
    const litKey = JSON.stringify(lit);
    const sys = systemValues(e, recordId, classic);
    const written = toFileTime(e.writtenTime ?? e.time, 'writtenTime');
    const data = dataPart(t, e, classic);
    let tpl: BxTemplate;
    let values: BxValue[];
    if (layout === 'inline') {
      const base = dataSlot(lit.style);
      tpl = this.templates.get(`inline|${litKey}|${data.shape}`, () => eventTemplateRoot(lit, data.element(base)));
      values = [...sys, ...data.values];
    } else {
      tpl = this.templates.get(`event|${litKey}`, () => eventTemplateRoot(lit, null));
      const inner = this.templates.get(`nested|${data.shape}`, () => data.element(0));
      const nested: BxValue = {
        code: ValueType.BinXml,
        write: (cc) => {
          // Classic events' nested fragment starts with a fragment header, manifest ones' do not (seen in real logs).
          if (classic) writeFragmentHeader(cc);
          writeTemplateInstance(cc, t, inner, data.values);
          cc.u8(Token.EndOfFragment);
        },
      };
      values = [...sys, nested];
    }
    writeRecord(c, recordId, written, () => {
      writeFragmentHeader(c);
      writeTemplateInstance(c, t, tpl, values);
      c.u8(Token.EndOfFragment);
    });
  }

  /** A record whose BinXML is a plain element tree with rendered text values, as forwarded (WEC) logs have. */
  writeFlat(c: ChunkCursor, t: ChunkTables, e: EvtxEventInput, recordId: bigint, opts: EvtxFlatOptions = {}): void {
    checkEvent(e);
    const root = flatEventElement(e, recordId);
    writeRecord(c, recordId, toFileTime(e.writtenTime ?? e.time, 'writtenTime'), () => {
      writeFragmentHeader(c);
      writeElement(c, t, root, opts.dependencyIds ?? false);
      c.u8(Token.EndOfFragment);
    });
  }
}

function flatEventElement(e: EvtxEventInput, recordId: bigint): BxElement {
  const p = providerOf(e);
  const classic = e.style === 'classic';
  const leaf = (name: string, value: string): BxElement => ({
    kind: 'element',
    name,
    attributes: [],
    children: value === '' ? [] : [text(value)],
  });
  const withAttrs = (name: string, attrs: [string, string | undefined][], children: BxNode[] = []): BxElement => ({
    kind: 'element',
    name,
    attributes: attrs.filter((a): a is [string, string] => a[1] !== undefined).map(([n, v]) => ({ name: n, value: text(v) })),
    children,
  });
  const qualifiers = e.qualifiers ?? (classic ? 0 : undefined);
  const eventId = intField(e.eventId, 0, 0xffff, 'eventId');
  const system = withAttrs('System', [], [
    withAttrs('Provider', [
      ['Name', p.name],
      ['Guid', p.guid === undefined ? undefined : formatGuid(p.guid)],
      ['EventSourceName', p.eventSourceName],
    ]),
    withAttrs('EventID', [['Qualifiers', qualifiers === undefined ? undefined : String(qualifiers)]], [text(String(eventId))]),
    leaf('Version', String(intField(e.version, 0, 0xff, 'version'))),
    leaf('Level', String(intField(e.level, 4, 0xff, 'level'))),
    leaf('Task', String(intField(e.task, 0, 0xffff, 'task'))),
    leaf('Opcode', String(intField(e.opcode, 0, 0xff, 'opcode'))),
    leaf('Keywords', `0x${keywordsOf(e, classic).toString(16)}`),
    withAttrs('TimeCreated', [['SystemTime', fileTimeToWindowsIso(toFileTime(e.time, 'time'), 9)]]),
    leaf('EventRecordID', String(recordId)),
    withAttrs('Correlation', [
      ['ActivityID', e.activityId === undefined ? undefined : formatGuid(e.activityId)],
      ['RelatedActivityID', e.relatedActivityId === undefined ? undefined : formatGuid(e.relatedActivityId)],
    ]),
    withAttrs('Execution', [
      ['ProcessID', String(intField(e.processId, 0, 0xffffffff, 'processId'))],
      ['ThreadID', String(intField(e.threadId, 0, 0xffffffff, 'threadId'))],
    ]),
    leaf('Channel', e.channel),
    leaf('Computer', e.computer),
    withAttrs('Security', [['UserID', e.userSid === undefined ? undefined : renderValueText({ type: 'sid', value: e.userSid }, 'userSid')]]),
  ]);
  let body: BxElement;
  if (e.userData) {
    const ud = e.userData;
    body = withAttrs('UserData', [], [
      withAttrs(
        ud.element,
        [['xmlns', ud.xmlns]],
        ud.fields.map((f, i) => {
          if (!f.name) throw new TypeError(`userData.fields[${i}] needs a name: it becomes the element name`);
          return leaf(f.name, renderValueText(f, `userData.fields[${i}] (${f.name})`));
        }),
      ),
    ]);
  } else {
    const items = (e.data ?? []).map((it, i) => {
      const v = renderValueText(it, `data[${i}]${it.name ? ` (${it.name})` : ''}`);
      return withAttrs('Data', [['Name', it.name]], v === '' ? [] : [text(v)]);
    });
    // Forwarded classic events carry their raw data as hex text, as Event Viewer shows it.
    if (classic && e.binary) items.push(leaf('Binary', Buffer.from(e.binary).toString('hex').toUpperCase()));
    body = withAttrs('EventData', [], items);
  }
  return withAttrs('Event', [['xmlns', EVENT_NAMESPACE]], [system, body]);
}
