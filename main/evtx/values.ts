// Substitution values: typed decoding (for `data`) and text rendering (for XML), straight from the
// chunk buffer. Sizes come from the file, so every read is bounded by the value's own size.
import { HEX_BYTE, hexUpper, need, stripNuls, utf16, utf16z } from './bytes';
import { ARRAY_FLAG, ValueType } from './binary-format';
import { fileTimePartsToIso, fileTimeToIso, systemTimeToFileTime } from './filetime';
import type { EvtxValue } from './types';

/** Value types whose arrays are runs of fixed-size items, with that size. */
const ITEM_SIZE: Partial<Record<number, number>> = {
  [ValueType.Int8]: 1,
  [ValueType.UInt8]: 1,
  [ValueType.Int16]: 2,
  [ValueType.UInt16]: 2,
  [ValueType.Int32]: 4,
  [ValueType.UInt32]: 4,
  [ValueType.Int64]: 8,
  [ValueType.UInt64]: 8,
  [ValueType.Real32]: 4,
  [ValueType.Real64]: 8,
  [ValueType.Bool]: 4,
  [ValueType.Guid]: 16,
  [ValueType.FileTime]: 8,
  [ValueType.SysTime]: 16,
  [ValueType.HexInt32]: 4,
  [ValueType.HexInt64]: 8,
};

// The same few GUIDs (provider, activity) repeat record after record: remember the last one.
const lastGuid = new Int32Array(4);
let lastGuidText = '';

/** {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}: the first three groups are little-endian. */
export function guidText(buf: Buffer, off: number): string {
  need(off, 16, buf.length, 'GUID');
  const a = buf.readInt32LE(off);
  const b = buf.readInt32LE(off + 4);
  const c = buf.readInt32LE(off + 8);
  const d = buf.readInt32LE(off + 12);
  if (a === lastGuid[0] && b === lastGuid[1] && c === lastGuid[2] && d === lastGuid[3] && lastGuidText) return lastGuidText;
  const h = (i: number): string => HEX_BYTE[buf[off + i] ?? 0] ?? '';
  lastGuidText = `{${h(3)}${h(2)}${h(1)}${h(0)}-${h(5)}${h(4)}-${h(7)}${h(6)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}}`;
  lastGuid[0] = a;
  lastGuid[1] = b;
  lastGuid[2] = c;
  lastGuid[3] = d;
  return lastGuidText;
}

/** Byte length of the SID at `off`, or 0 if it does not fit in `size`. */
function sidLength(buf: Buffer, off: number, size: number): number {
  if (size < 8) return 0;
  const len = 8 + buf.readUInt8(off + 1) * 4;
  return len <= size ? len : 0;
}

export function sidText(buf: Buffer, off: number, size: number): string | null {
  const len = sidLength(buf, off, size);
  if (len === 0) return null;
  // The 48-bit authority is big-endian; it fits a double exactly.
  const authority = buf.readUInt16BE(off + 2) * 2 ** 32 + buf.readUInt32BE(off + 4);
  let s = `S-${buf.readUInt8(off)}-${authority}`;
  for (let p = off + 8; p < off + len; p += 4) s += `-${buf.readUInt32LE(p)}`;
  return s;
}

/** Binary values: a plain Uint8Array view into the chunk (not a Buffer, so every thread sees the same type). */
function view(buf: Buffer, off: number, size: number): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset + off, size);
}

function hex(n: number | bigint): string {
  return `0x${n.toString(16)}`;
}

function readSystemTime(buf: Buffer, off: number): bigint | null {
  const f: number[] = [];
  for (let i = 0; i < 8; i++) f.push(buf.readUInt16LE(off + i * 2));
  return systemTimeToFileTime(f);
}

/** One fixed-size item of `type` at `off` (the caller guarantees ITEM_SIZE bytes). */
function scalar(buf: Buffer, off: number, type: number): EvtxValue {
  switch (type) {
    case ValueType.Int8: return buf.readInt8(off);
    case ValueType.UInt8: return buf.readUInt8(off);
    case ValueType.Int16: return buf.readInt16LE(off);
    case ValueType.UInt16: return buf.readUInt16LE(off);
    case ValueType.Int32: return buf.readInt32LE(off);
    case ValueType.UInt32: return buf.readUInt32LE(off);
    case ValueType.Int64: return buf.readBigInt64LE(off);
    case ValueType.UInt64: return buf.readBigUInt64LE(off);
    case ValueType.Real32: return buf.readFloatLE(off);
    case ValueType.Real64: return buf.readDoubleLE(off);
    case ValueType.Bool: return buf.readUInt32LE(off) !== 0;
    case ValueType.Guid: return guidText(buf, off);
    case ValueType.FileTime: return buf.readBigUInt64LE(off);
    case ValueType.SysTime: return readSystemTime(buf, off);
    case ValueType.HexInt32: return hex(buf.readUInt32LE(off));
    case ValueType.HexInt64: return hex(buf.readBigUInt64LE(off));
    default: return null;
  }
}

function splitNul(text: string): string[] {
  const items = text.split('\0');
  // The last item is the terminator's empty tail.
  if (items.length > 1 && items[items.length - 1] === '') items.pop();
  return items;
}

/** Decodes an array value (type has ARRAY_FLAG). */
function decodeArray(buf: Buffer, off: number, size: number, base: number): EvtxValue {
  if (base === ValueType.String) return splitNul(utf16(buf, off, size >> 1));
  if (base === ValueType.AnsiString) return splitNul(buf.toString('latin1', off, off + size));
  if (base === ValueType.Sid) {
    const out: EvtxValue[] = [];
    for (let p = off; p < off + size; ) {
      const len = sidLength(buf, p, off + size - p);
      if (len === 0) break;
      out.push(sidText(buf, p, len));
      p += len;
    }
    return out;
  }
  if (base === ValueType.SizeT) {
    // Items take the writer's pointer size; an array value does not say which, so guess by length.
    const item = size % 8 === 0 ? 8 : 4;
    const out: EvtxValue[] = [];
    for (let p = off; p + item <= off + size; p += item) out.push(item === 8 ? buf.readBigUInt64LE(p) : buf.readUInt32LE(p));
    return out;
  }
  const item = ITEM_SIZE[base];
  if (item === undefined) return view(buf, off, size);
  const out: EvtxValue[] = [];
  for (let p = off; p + item <= off + size; p += item) out.push(scalar(buf, p, base));
  return out;
}

/**
 * The typed value of a substitution. 64-bit integers and times are bigint (FILETIME ticks),
 * GUIDs, SIDs and hex numbers (0x%x) are their Windows text, binary is a view into the chunk.
 * BinXml values are rendered by the caller; here they come back as raw bytes.
 */
export function decodeValue(buf: Buffer, off: number, size: number, type: number): EvtxValue {
  if (size === 0 && type !== ValueType.String && type !== ValueType.AnsiString) {
    return type === ValueType.Binary ? view(buf, off, 0) : null;
  }
  switch (type) {
    case ValueType.Null: return null;
    case ValueType.String: return utf16z(buf, off, size >> 1);
    case ValueType.AnsiString: return stripNuls(buf.toString('latin1', off, off + size));
    case ValueType.Binary: return view(buf, off, size);
    case ValueType.Sid: return sidText(buf, off, size);
    // size_t takes the writer's pointer size, 4 or 8 bytes; like the other integers, 64-bit is bigint.
    case ValueType.SizeT: return size >= 8 ? buf.readBigUInt64LE(off) : size >= 4 ? buf.readUInt32LE(off) : null;
    case ValueType.Bool: return boolValue(buf, off, size);
    case ValueType.EvtHandle: return size >= 8 ? buf.readBigUInt64LE(off) : size >= 4 ? buf.readUInt32LE(off) : null;
    case ValueType.EvtXml: return utf16z(buf, off, size >> 1);
    default: break;
  }
  if ((type & ARRAY_FLAG) !== 0) return decodeArray(buf, off, size, type & ~ARRAY_FLAG);
  const item = ITEM_SIZE[type];
  if (item === undefined || size < item) return view(buf, off, size);
  return scalar(buf, off, type);
}

/** Booleans are stored in 1 to 4 bytes; any non-zero value (Windows writes 2 at times) is true. */
function boolValue(buf: Buffer, off: number, size: number): boolean {
  for (let i = 0; i < Math.min(size, 4); i++) if (buf.readUInt8(off + i) !== 0) return true;
  return false;
}

/** Text of a decoded value, for XML and for joining mixed content. */
export function valueToText(v: EvtxValue, type: number): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') {
    const base = type & ~ARRAY_FLAG;
    return base === ValueType.FileTime || base === ValueType.SysTime ? fileTimeToIso(v) : v.toString();
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return hexUpper(v);
  return v.map((item) => valueToText(item, type)).join(', ');
}

/** Whether text of this type can hold XML special characters (numbers, GUIDs, SIDs... cannot). */
export function isTextType(type: number): boolean {
  const base = type & ~ARRAY_FLAG;
  return base === ValueType.String || base === ValueType.AnsiString || base === ValueType.EvtXml || base === ValueType.BinXml;
}

/** Rendered text of a substitution straight from the buffer (no BinXml: the caller renders those). */
export function valueText(buf: Buffer, off: number, size: number, type: number): string {
  // The common scalar types directly, without building a typed value first.
  switch (type) {
    case ValueType.String: return utf16z(buf, off, size >> 1);
    case ValueType.UInt8: if (size >= 1) return String(buf.readUInt8(off)); break;
    case ValueType.UInt16: if (size >= 2) return String(buf.readUInt16LE(off)); break;
    case ValueType.UInt32: if (size >= 4) return String(buf.readUInt32LE(off)); break;
    case ValueType.Int32: if (size >= 4) return String(buf.readInt32LE(off)); break;
    case ValueType.HexInt32: if (size >= 4) return `0x${buf.readUInt32LE(off).toString(16)}`; break;
    case ValueType.Guid: if (size >= 16) return guidText(buf, off); break;
    case ValueType.FileTime: if (size >= 8) return fileTimePartsToIso(buf.readUInt32LE(off + 4), buf.readUInt32LE(off)); break;
    case ValueType.UInt64:
    case ValueType.HexInt64:
      if (size >= 8) {
        const high = buf.readUInt32LE(off + 4);
        const low = buf.readUInt32LE(off);
        if (type === ValueType.HexInt64) return high === 0 ? `0x${low.toString(16)}` : `0x${high.toString(16)}${low.toString(16).padStart(8, '0')}`;
        if (high < 0x200000) return String(high * 2 ** 32 + low);
      }
      break;
    default:
      break;
  }
  return valueToText(decodeValue(buf, off, size, type), type);
}
