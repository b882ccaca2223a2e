// Encodes substitution values the way Windows stores them, and renders them as text for flat records.
import { ARRAY_FLAG, ValueType } from '../../main/evtx/binary-format';
import { fileTimeToWindowsIso, fileTimeToSystemTime, toFileTime } from './time';
import type { EvtxDataTypeName, EvtxScalarTypeName, EvtxTime, EvtxTypedValue, EvtxXmlElement } from './types';

const SCALAR_CODES: Record<EvtxScalarTypeName, number> = {
  string: ValueType.String,
  ansistring: ValueType.AnsiString,
  int8: ValueType.Int8,
  uint8: ValueType.UInt8,
  int16: ValueType.Int16,
  uint16: ValueType.UInt16,
  int32: ValueType.Int32,
  uint32: ValueType.UInt32,
  int64: ValueType.Int64,
  uint64: ValueType.UInt64,
  real32: ValueType.Real32,
  real64: ValueType.Real64,
  bool: ValueType.Bool,
  binary: ValueType.Binary,
  guid: ValueType.Guid,
  sizet: ValueType.SizeT,
  filetime: ValueType.FileTime,
  systime: ValueType.SysTime,
  sid: ValueType.Sid,
  hexint32: ValueType.HexInt32,
  hexint64: ValueType.HexInt64,
};

/** The substitution type code a type name declares in a template. */
export function typeCode(name: EvtxDataTypeName): number {
  if (name === 'binxml') return ValueType.BinXml;
  if (name === 'null') return ValueType.Null;
  if (name.endsWith('[]')) return scalarCode(name.slice(0, -2)) | ARRAY_FLAG;
  return scalarCode(name);
}

function scalarCode(name: string): number {
  const code = (SCALAR_CODES as Record<string, number | undefined>)[name];
  if (code === undefined) throw new TypeError(`unknown value type "${name}"`);
  return code;
}

export function typeNameOf(v: EvtxTypedValue): EvtxDataTypeName {
  return v.type ?? 'string';
}

/** UTF-16LE without a terminator: Windows stores String substitutions that way (the descriptor carries the size). */
export function utf16(s: string): Buffer {
  return Buffer.from(s, 'utf16le');
}

export function parseGuid(s: string, what = 'GUID'): Buffer {
  const m = /^\{?([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}?$/i.exec(s.trim());
  if (!m || s.trim().startsWith('{') !== s.trim().endsWith('}')) throw new TypeError(`${what}: "${s}" is not a GUID`);
  const [, a = '', b = '', c = '', d = '', e = ''] = m;
  const out = Buffer.alloc(16);
  // Data1-3 are little-endian integers, Data4 is a byte string: the mixed-endian layout of a Windows GUID.
  out.writeUInt32LE(parseInt(a, 16), 0);
  out.writeUInt16LE(parseInt(b, 16), 4);
  out.writeUInt16LE(parseInt(c, 16), 6);
  Buffer.from(d + e, 'hex').copy(out, 8);
  return out;
}

/** `{XXXXXXXX-XXXX-…}` upper case, as Windows renders GUIDs. */
export function formatGuid(s: string): string {
  const b = parseGuid(s);
  const hex = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');
  const tail = b.subarray(8).toString('hex').toUpperCase();
  return `{${hex(b.readUInt32LE(0), 8)}-${hex(b.readUInt16LE(4), 4)}-${hex(b.readUInt16LE(6), 4)}-${tail.slice(0, 4)}-${tail.slice(4)}}`;
}

export function parseSid(s: string, what = 'SID'): Buffer {
  const m = /^S-1-(\d+)((?:-\d+)*)$/i.exec(s.trim());
  if (!m) throw new TypeError(`${what}: "${s}" is not a SID (S-1-…)`);
  const authority = BigInt(m[1] ?? '0');
  const subs = (m[2] ?? '').split('-').slice(1).map(Number);
  if (authority >= 1n << 48n) throw new RangeError(`${what}: identifier authority of "${s}" exceeds 48 bits`);
  if (subs.length > 15) throw new RangeError(`${what}: "${s}" has more than 15 sub-authorities`);
  const out = Buffer.alloc(8 + subs.length * 4);
  out[0] = 1;
  out[1] = subs.length;
  // The 48-bit authority is big-endian, the sub-authorities little-endian.
  for (let i = 0; i < 6; i++) out[2 + i] = Number((authority >> BigInt(8 * (5 - i))) & 0xffn);
  subs.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`${what}: sub-authority ${v} out of range`);
    out.writeUInt32LE(v, 8 + i * 4);
  });
  return out;
}

const INT_RANGES = {
  int8: [-0x80, 0x7f],
  uint8: [0, 0xff],
  int16: [-0x8000, 0x7fff],
  uint16: [0, 0xffff],
  int32: [-0x80000000, 0x7fffffff],
  uint32: [0, 0xffffffff],
  hexint32: [0, 0xffffffff],
} as const;

function checkInt(type: keyof typeof INT_RANGES, v: unknown, what: string): number {
  const [lo, hi] = INT_RANGES[type];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi)
    throw new RangeError(`${what}: ${String(v)} is not a valid ${type}`);
  return v;
}

function checkBigInt(type: 'int64' | 'uint64' | 'hexint64' | 'sizet', v: unknown, what: string): bigint {
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new RangeError(`${what}: ${v} is not a safe integer; pass a bigint`);
  if (typeof v !== 'bigint' && typeof v !== 'number') throw new TypeError(`${what}: expected a bigint for ${type}`);
  const b = BigInt(v);
  const [lo, hi] = type === 'int64' ? [-(1n << 63n), (1n << 63n) - 1n] : [0n, (1n << 64n) - 1n];
  if (b < lo || b > hi) throw new RangeError(`${what}: ${b} is not a valid ${type}`);
  return b;
}

/** Bytes of one scalar value of a fixed-size or string type. */
function encodeScalar(type: string, v: unknown, what: string): Buffer {
  let out: Buffer;
  switch (type) {
    case 'string':
      if (typeof v !== 'string') throw new TypeError(`${what}: expected a string`);
      return utf16(v);
    case 'ansistring':
      if (typeof v !== 'string') throw new TypeError(`${what}: expected a string`);
      // Windows writes AnsiString substitutions with their NUL terminator.
      return Buffer.from(`${v}\0`, 'latin1');
    case 'int8':
    case 'uint8':
      out = Buffer.alloc(1);
      if (type === 'int8') out.writeInt8(checkInt(type, v, what));
      else out.writeUInt8(checkInt(type, v, what));
      return out;
    case 'int16':
    case 'uint16':
      out = Buffer.alloc(2);
      if (type === 'int16') out.writeInt16LE(checkInt(type, v, what));
      else out.writeUInt16LE(checkInt(type, v, what));
      return out;
    case 'int32':
    case 'uint32':
    case 'hexint32':
      out = Buffer.alloc(4);
      if (type === 'int32') out.writeInt32LE(checkInt(type, v, what));
      else out.writeUInt32LE(checkInt(type, v, what));
      return out;
    case 'int64':
    case 'uint64':
    case 'hexint64':
    case 'sizet':
      out = Buffer.alloc(8);
      // size_t is 8 bytes: the logs this writer imitates come from 64-bit Windows.
      if (type === 'int64') out.writeBigInt64LE(checkBigInt(type, v, what));
      else out.writeBigUInt64LE(checkBigInt(type, v, what));
      return out;
    case 'real32':
    case 'real64':
      if (typeof v !== 'number') throw new TypeError(`${what}: expected a number`);
      out = Buffer.alloc(type === 'real32' ? 4 : 8);
      if (type === 'real32') out.writeFloatLE(v);
      else out.writeDoubleLE(v);
      return out;
    case 'bool':
      if (typeof v !== 'boolean') throw new TypeError(`${what}: expected a boolean`);
      // A Win32 BOOL: 4 bytes.
      out = Buffer.alloc(4);
      out.writeUInt32LE(v ? 1 : 0);
      return out;
    case 'binary':
      if (!(v instanceof Uint8Array)) throw new TypeError(`${what}: expected a Uint8Array`);
      return Buffer.from(v);
    case 'guid':
      if (typeof v !== 'string') throw new TypeError(`${what}: expected a GUID string`);
      return parseGuid(v, what);
    case 'sid':
      if (typeof v !== 'string') throw new TypeError(`${what}: expected a SID string`);
      return parseSid(v, what);
    case 'filetime':
    case 'systime': {
      const ft = toFileTime(v as EvtxTime, what);
      if (type === 'systime') return fileTimeToSystemTime(ft);
      out = Buffer.alloc(8);
      out.writeBigUInt64LE(ft);
      return out;
    }
    default:
      throw new TypeError(`${what}: unknown value type "${type}"`);
  }
}

export interface EncodedValue {
  /** Substitution type code as written in this record's descriptor (Null when the value is null). */
  code: number;
  bytes: Buffer;
}

const NULL_VALUE: EncodedValue = { code: ValueType.Null, bytes: Buffer.alloc(0) };

/** Bytes of a non-BinXml value. BinXml values depend on their position in the chunk, so the record builder writes them. */
export function encodeValue(v: EvtxTypedValue, what: string): EncodedValue {
  const type = typeNameOf(v);
  if (v.value === null || v.value === undefined || type === 'null') return NULL_VALUE;
  if (type === 'binxml') throw new Error('internal: BinXml values are written by the record builder');
  if (type.endsWith('[]')) {
    const elem = type.slice(0, -2);
    if (!Array.isArray(v.value)) throw new TypeError(`${what}: expected an array for ${type}`);
    const items = (v.value as readonly unknown[]).map((x, i) => encodeScalar(elem, x, `${what}[${i}]`));
    // String arrays are NUL-separated (each string terminated); AnsiString items already carry their NUL.
    const parts = elem === 'string' ? items.flatMap((b) => [b, Buffer.alloc(2)]) : items;
    return { code: typeCode(type), bytes: Buffer.concat(parts) };
  }
  return { code: typeCode(type), bytes: encodeScalar(type, v.value, what) };
}

/** Text of a value, the way forwarded (WEC) records carry rendered values. Arrays and BinXml have no single text. */
export function renderValueText(v: EvtxTypedValue, what: string): string {
  const type = typeNameOf(v);
  const x = v.value;
  if (x === null || x === undefined || type === 'null') return '';
  switch (type) {
    case 'string':
    case 'ansistring':
      return String(x);
    case 'int8':
    case 'uint8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'uint32':
    case 'int64':
    case 'uint64':
    case 'real32':
    case 'real64':
      encodeScalar(type, x, what); // validates the range
      return String(x);
    case 'hexint32':
    case 'hexint64':
      encodeScalar(type, x, what);
      return `0x${BigInt(x as number | bigint).toString(16)}`;
    case 'sizet':
      encodeScalar(type, x, what);
      return `0x${BigInt(x as number | bigint).toString(16).padStart(16, '0')}`;
    case 'bool':
      return x ? 'true' : 'false';
    case 'binary':
      return Buffer.from(x as Uint8Array).toString('hex').toUpperCase();
    case 'guid':
      return formatGuid(x as string);
    case 'sid':
      parseSid(x as string, what);
      return (x as string).toUpperCase();
    case 'filetime':
    case 'systime':
      return fileTimeToWindowsIso(toFileTime(x as EvtxTime, what), 9);
    default:
      throw new TypeError(`${what}: a flat record cannot carry a ${type} value`);
  }
}

/** Reads an EvtxXmlElement-typed value, for BinXml substitutions. */
export function binXmlValue(v: EvtxTypedValue): EvtxXmlElement | null {
  return v.type === 'binxml' ? v.value : null;
}
