// XML rendering straight into UTF-8 bytes, for dumping whole files (`mtr-doctor evtx --format xml`).
// Building a string per record and encoding it cost more than the parsing itself: rope appends, a
// flatten, an encode, and the GC of all that. Here each compiled template program (render-xml.ts)
// gets its literals as bytes once, numbers, times and GUIDs are written as ASCII digits, and
// UTF-16LE values are transcoded and escaped in one pass from the chunk. Output is byte for byte
// what renderRecordXml gives (encoded): rare shapes (BinXml values, most arrays, unusual types)
// take the string renderer's text for that one op, and a record that fails or renders blank is
// left to the caller, who renders it the string way.
import type { Instance } from '../evtx/binxml';
import { ATTR_SPECIAL, ESCAPE_ATTR, ESCAPE_TEXT, escapeAttr, escapeText, TEXT_SPECIAL, XML_ESCAPE, XML_ESCAPED_CODES } from '../evtx/xml-escape';
import type { RecordSink } from '../evtx/chunk-reader';
import { ParsedRecord } from '../evtx/record';
import { EvtxFormatError, isDataError, need, utf16 as utf16Text } from '../evtx/bytes';
import { ARRAY_FLAG, FILETIME_UNIX_EPOCH_SECONDS, ValueType } from '../evtx/binary-format';
import {
  attrText,
  elementWithValue,
  indent,
  isSolid,
  MAX_NESTING,
  OP_ATTR,
  OP_BLOCK,
  OP_CONTAINER,
  OP_CONTENT,
  OP_ELEMENT,
  OP_NESTED,
  OP_OPTIONAL_ATTR,
  renderBinXml,
  sameAsLast,
  type XmlOp,
  type XmlProgram,
  xmlPrograms,
} from '../evtx/render-xml';
import { fragmentInstance, TemplateCache, type ChunkContext, type CompiledTemplate } from '../evtx/template';
import { fileTimePartsToIso, MAX_FAST_HIGH, TWO32_REMAINDER, TWO32_SECONDS } from '../evtx/filetime';
import { valueText } from '../evtx/values';

/** A growable output buffer; `pos` bytes are written. Reused across chunks by the dumper. */
export class ByteOut {
  buf: Buffer;
  pos = 0;
  /** Copies of full blocks set aside by spill(), for the consumer to take. */
  readonly spilled: Buffer[] = [];

  constructor(
    size = 1 << 20,
    /** Past this many bytes, a record end sets the bytes aside (see spill). */
    readonly spillAt = Infinity,
  ) {
    this.buf = Buffer.allocUnsafeSlow(size);
  }

  /**
   * Between records: once the buffer holds `spillAt` bytes, they are copied aside and it starts
   * over, so a chunk of huge records does not grow it by doubling (fresh memory is costly).
   */
  spill(): void {
    if (this.pos < this.spillAt) return;
    this.spilled.push(Buffer.from(this.buf.subarray(0, this.pos)));
    this.pos = 0;
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(n);
  }

  private grow(n: number): void {
    const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  bytes(b: Uint8Array): void {
    const len = b.length;
    this.ensure(len);
    const out = this.buf;
    let o = this.pos;
    // Short runs: a loop beats set()'s call; long ones: set() is a memmove.
    if (len <= 24) for (let i = 0; i < len; i++) out[o++] = b[i] ?? 0;
    else {
      out.set(b, o);
      o += len;
    }
    this.pos = o;
  }

  byte(c: number): void {
    this.ensure(1);
    this.buf[this.pos++] = c;
  }

  /** Any string, UTF-8 encoded as Buffer.from would. */
  text(s: string): void {
    if (s.length < 32) {
      let ascii = true;
      for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) ascii = false;
      if (ascii) {
        this.ensure(s.length);
        for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
        return;
      }
    }
    this.ensure(s.length * 3);
    this.pos += this.buf.write(s, this.pos);
  }
}

const OP_LITERAL = -1;

/** A render-xml op with its literals as bytes; `src` is the string op, for the rare shapes. */
interface ByteOp {
  k: number;
  i: number;
  depth: number;
  optional: boolean;
  /** OP_LITERAL: the bytes; OP_OPTIONAL_ATTR: ` name="`; OP_ELEMENT/OP_CONTAINER: the start tag up to '>' when literal. */
  lit: Uint8Array | null;
  /** OP_ELEMENT: `</x>\n`; OP_CONTAINER: indented `</x>\n`; OP_BLOCK: the indentation. */
  close: Uint8Array;
  open: ByteProgram | null;
  body: ByteProgram | null;
  instance: Instance | null;
  src: XmlOp | null;
  /** The last two distinct values rendered (`a` the more recent): logs often alternate between two. */
  a: Memo;
  b: Memo;
  /** Lookups that found nothing, and that found the value; an op whose values never repeat stops remembering. */
  misses: number;
  hits: number;
}

/** As XmlOp's memory: a value (chunk, offset, size, type), and where the bytes it rendered to are kept. */
interface Memo {
  lastChunk: number;
  lastOff: number;
  lastSize: number;
  lastType: number;
  at: number;
  len: number;
  gen: number;
  /** Long output: a view of its bytes in the arena, made once when remembered, not at each recall. */
  view: Uint8Array | null;
}

function memoSlot(): Memo {
  return { lastChunk: -1, lastOff: -1, lastSize: 0, lastType: -1, at: 0, len: 0, gen: -1, view: null };
}

export type ByteProgram = ByteOp[];

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);

// A template defined at another offset is compiled again (template.ts shares only same-offset
// definitions), but its literals are those of the last time: encoded once (an ArrayBuffer per
// literal per compile cost more than the rest of the compile).
const literals = new Map<string, Uint8Array>();
const MAX_LITERALS = 4096;

function literal(s: string): Uint8Array {
  let bytes = literals.get(s);
  if (bytes === undefined) {
    if (literals.size >= MAX_LITERALS) literals.clear();
    bytes = encoder.encode(s);
    literals.set(s, bytes);
  }
  return bytes;
}

function byteOp(k: number, f: Partial<ByteOp>): ByteOp {
  return {
    k,
    i: f.i ?? 0,
    depth: f.depth ?? 0,
    optional: f.optional ?? false,
    lit: f.lit ?? null,
    close: f.close ?? EMPTY,
    open: f.open ?? null,
    body: f.body ?? null,
    instance: f.instance ?? null,
    src: f.src ?? null,
    a: memoSlot(),
    b: memoSlot(),
    misses: 0,
    hits: 0,
  };
}

function toBytes(program: XmlProgram): ByteProgram {
  return program.map((op) => {
    if (typeof op === 'string') return byteOp(OP_LITERAL, { lit: literal(op) });
    const f: Partial<ByteOp> = { i: op.i, depth: op.depth, optional: op.optional, instance: op.instance, src: op };
    if (op.open) f.open = toBytes(op.open);
    if (op.body) f.body = toBytes(op.body);
    if (op.openText !== null) f.lit = literal(op.openText);
    if (op.k === OP_OPTIONAL_ATTR) f.lit = literal(op.text);
    if (op.k === OP_ELEMENT) f.close = literal(op.close);
    if (op.k === OP_CONTAINER) f.close = literal(`${indent(op.depth)}</${op.text}>\n`);
    if (op.k === OP_BLOCK) f.close = literal(indent(op.depth));
    return byteOp(op.k, f);
  });
}

/** The XML programs by depth with their literals as UTF-8 bytes. */
const bytePrograms = new TemplateCache<ByteProgram>((tpl, depth) => toBytes(xmlPrograms.get(tpl, depth)));

function programOf(inst: Instance, depth: number): ByteProgram {
  return bytePrograms.get(inst.tpl, depth);
}

/**
 * Appends a record's XML to `out`. Returns false, with nothing appended, when it renders as
 * whitespace only (renderRecordXml's ''). Throws a data error on bad bytes, with part of the
 * record in `out` (the caller rewinds `pos` and renders the record the string way, for its message).
 */
function renderRecordBytes(ctx: ChunkContext, inst: Instance, out: ByteOut): boolean {
  const start = out.pos;
  const program = xmlPrograms.get(inst.tpl, 0);
  run(ctx, programOf(inst, 0), inst.values, 0, out);
  if (isSolid(program) || out.buf.toString('utf8', start, out.pos).trim()) return true;
  out.pos = start;
  return false;
}

/** Appends every record's XML, exactly what xml() gives, to `out` as the reader hands the records over. */
export class XmlSink implements RecordSink {
  constructor(readonly out: ByteOut) {}

  record(cc: ChunkContext, offset: number, inst: Instance | null): void {
    const out = this.out;
    if (inst === null) {
      out.text(stringXml(cc, offset, null));
      return;
    }
    // Straight to bytes; a record that fails or renders blank takes the string way, for its fallback.
    const start = out.pos;
    let done = false;
    try {
      done = renderRecordBytes(cc, inst, out);
    } catch (err) {
      if (!isDataError(err)) throw err;
      out.pos = start;
    }
    if (!done) out.text(stringXml(cc, offset, inst));
    out.spill();
  }
}

function stringXml(cc: ChunkContext, offset: number, inst: Instance | null): string {
  return new ParsedRecord(cc, offset, cc.buf.readBigUInt64LE(offset + 8), inst).xml();
}

/** Values longer than this are not remembered. Comparing bytes stays cheap, so longer than the string renderer's. */
const MAX_REMEMBERED_BYTES = 4096;

// Remembered output lives in one arena, not an array per op per chunk. When it is full it starts
// over, and `memoGen` tells the ops whose bytes were in the old round.
const memo = Buffer.allocUnsafeSlow(1 << 18);
let memoPos = 0;
let memoGen = 0;

/** After this many lookups, an op that found fewer than one in eight stops remembering (record ids, times, messages with ids). */
const MEMO_TRIAL = 64;

function remember(ctx: ChunkContext, op: ByteOp, out: ByteOut, start: number, off: number, size: number, type: number): void {
  const n = out.pos - start;
  if (size > MAX_REMEMBERED_BYTES || n > memo.length || op.misses < 0) return;
  if (memoPos + n > memo.length) {
    memoPos = 0;
    memoGen++;
  }
  copy(out.buf, start, memo, memoPos, n);
  // The older slot takes the new value.
  const m = op.b;
  op.b = op.a;
  op.a = m;
  m.at = memoPos;
  m.len = n;
  m.gen = memoGen;
  m.view = n > SHORT_COPY ? memo.subarray(memoPos, memoPos + n) : null;
  memoPos += n;
  m.lastChunk = ctx.serial;
  m.lastOff = off;
  m.lastSize = size;
  m.lastType = type;
}

/** Writes what the op rendered for this value before, if it remembers it; false if not. */
function recalled(ctx: ChunkContext, op: ByteOp, off: number, size: number, type: number, out: ByteOut): boolean {
  // misses < 0: given up on.
  if (op.misses < 0) return false;
  const a = op.a;
  if (a.gen === memoGen && sameAsLast(ctx, a, off, size, type)) {
    op.hits++;
    recall(a, out);
    return true;
  }
  const b = op.b;
  if (b.gen === memoGen && sameAsLast(ctx, b, off, size, type)) {
    op.a = b;
    op.b = a;
    op.hits++;
    recall(b, out);
    return true;
  }
  if (++op.misses + op.hits === MEMO_TRIAL && op.hits * 8 < MEMO_TRIAL) op.misses = -1;
  return false;
}

function recall(m: Memo, out: ByteOut): void {
  out.ensure(m.len);
  if (m.view) out.buf.set(m.view, out.pos);
  else copy(memo, m.at, out.buf, out.pos, m.len);
  out.pos += m.len;
}

/** Up to this many bytes, a loop copies faster than set() with the view it needs. */
const SHORT_COPY = 256;

/** Copies bytes between buffers: a loop for short runs, set() (a memmove, plus a view) for long ones. */
function copy(from: Uint8Array, at: number, to: Uint8Array, dest: number, n: number): void {
  if (n <= SHORT_COPY) for (let i = 0; i < n; i++) to[dest + i] = from[at + i] ?? 0;
  else to.set(from.subarray(at, at + n), dest);
}


function run(ctx: ChunkContext, program: ByteProgram, v: number[], nesting: number, out: ByteOut): void {
  const buf = ctx.buf;
  for (let j = 0; j < program.length; j++) {
    const op = program[j] as ByteOp;
    switch (op.k) {
      case OP_LITERAL:
        out.bytes(op.lit ?? EMPTY);
        break;
      case OP_ATTR: {
        const type = v[op.i * 3 + 2] ?? -1;
        const off = v[op.i * 3] ?? 0;
        const size = v[op.i * 3 + 1] ?? 0;
        if (type === ValueType.BinXml || type < 0) out.text(attrText(ctx, v, op.i, nesting));
        else if (!recalled(ctx, op, off, size, type, out)) {
          const start = out.pos;
          writeValue(out, buf, off, size, type, ESCAPE_ATTR);
          remember(ctx, op, out, start, off, size, type);
        }
        break;
      }
      case OP_OPTIONAL_ATTR: {
        const type = v[op.i * 3 + 2];
        if (type === undefined || type === ValueType.Null) break;
        const off = v[op.i * 3] ?? 0;
        const size = v[op.i * 3 + 1] ?? 0;
        if (type === ValueType.BinXml) {
          out.bytes(op.lit ?? EMPTY);
          out.text(attrText(ctx, v, op.i, nesting));
          out.byte(0x22);
        } else if (!recalled(ctx, op, off, size, type, out)) {
          const start = out.pos;
          out.bytes(op.lit ?? EMPTY);
          writeValue(out, buf, off, size, type, ESCAPE_ATTR);
          out.byte(0x22);
          remember(ctx, op, out, start, off, size, type);
        }
        break;
      }
      case OP_ELEMENT:
        element(ctx, op, v, nesting, out);
        break;
      case OP_CONTENT: {
        const off = v[op.i * 3];
        const size = v[op.i * 3 + 1];
        const type = v[op.i * 3 + 2];
        if (type === ValueType.BinXml) {
          out.byte(0x0a);
          binXml(ctx, off ?? 0, size ?? 0, op.depth + 1, nesting, out);
          out.text(indent(op.depth));
        }
        else if (off !== undefined && size !== undefined && type !== undefined) writeValue(out, buf, off, size, type, ESCAPE_TEXT);
        break;
      }
      case OP_BLOCK: {
        const off = v[op.i * 3];
        const size = v[op.i * 3 + 1];
        const type = v[op.i * 3 + 2];
        if (type === ValueType.BinXml) binXml(ctx, off ?? 0, size ?? 0, op.depth, nesting, out);
        else if (off !== undefined && size !== undefined && type !== undefined) {
          // An empty value writes nothing, not even its indentation.
          const mark = out.pos;
          out.bytes(op.close);
          const at = out.pos;
          writeValue(out, buf, off, size, type, ESCAPE_TEXT);
          if (out.pos === at) out.pos = mark;
          else out.byte(0x0a);
        }
        break;
      }
      case OP_NESTED:
        if (op.instance) {
          if (nesting >= MAX_NESTING) out.text(`${indent(op.depth)}<!-- nested too deep -->\n`);
          else run(ctx, programOf(op.instance, op.depth), op.instance.values, nesting + 1, out);
        }
        break;
      case OP_CONTAINER: {
        openTag(ctx, op, v, nesting, out);
        const mark = out.pos;
        out.byte(0x3e);
        out.byte(0x0a);
        const at = out.pos;
        run(ctx, op.body ?? [], v, nesting, out);
        if (out.pos === at) {
          out.pos = mark;
          out.text('/>\n');
        } else out.bytes(op.close);
        break;
      }
    }
  }
}

/**
 * Instances of BinXml values by nesting level, refilled for each value: a value's instance is done
 * with when its XML is written, and the one it sits in is a level up.
 */
const binXmlScratch: Instance[] = [];

/** renderBinXml's output: a BinXml value, usually one more template instance. */
function binXml(ctx: ChunkContext, off: number, size: number, depth: number, nesting: number, out: ByteOut): void {
  const start = out.pos;
  try {
    if (nesting >= MAX_NESTING) throw new EvtxFormatError('nested too deep');
    const inst = fragmentInstance(ctx, off, size, (binXmlScratch[nesting] ??= { tpl: null as unknown as CompiledTemplate, values: [] }));
    run(ctx, programOf(inst, depth), inst.values, nesting + 1, out);
  } catch (err) {
    if (!isDataError(err)) throw err;
    // The string renderer says what went wrong, in its words (which error comes first may differ here).
    out.pos = start;
    out.text(renderBinXml(ctx, off, size, depth, nesting));
  }
}

function openTag(ctx: ChunkContext, op: ByteOp, v: number[], nesting: number, out: ByteOut): void {
  if (op.lit) out.bytes(op.lit);
  else run(ctx, op.open ?? [], v, nesting, out);
}

function element(ctx: ChunkContext, op: ByteOp, v: number[], nesting: number, out: ByteOut): void {
  const off = v[op.i * 3];
  const size = v[op.i * 3 + 1];
  const type = v[op.i * 3 + 2];
  if (off === undefined || size === undefined || type === undefined || type === ValueType.Null) {
    if (!op.optional) {
      openTag(ctx, op, v, nesting, out);
      out.text('/>\n');
    }
    return;
  }
  const buf = ctx.buf;
  if (op.lit !== null && recalled(ctx, op, off, size, type, out)) return;
  if ((type & ARRAY_FLAG) !== 0) {
    // Classic events' <Data> strings; other arrays (and a start tag with values) the string way.
    if (type === (ValueType.String | ARRAY_FLAG) && size > 0 && op.lit !== null) {
      const start = out.pos;
      stringArray(out, buf, off, size, op.lit, op.close);
      remember(ctx, op, out, start, off, size, type);
    } else if (op.src) out.text(elementWithValue(ctx, op.src, v, nesting));
    return;
  }
  if (type === ValueType.BinXml) {
    openTag(ctx, op, v, nesting, out);
    out.text('>\n');
    binXml(ctx, off, size, op.depth + 1, nesting, out);
    out.text(indent(op.depth));
    out.bytes(op.close);
    return;
  }
  const start = out.pos;
  openTag(ctx, op, v, nesting, out);
  const mark = out.pos;
  out.byte(0x3e);
  const at = out.pos;
  writeValue(out, buf, off, size, type, ESCAPE_TEXT);
  if (out.pos === at) {
    out.pos = mark;
    out.text('/>\n');
    return;
  }
  out.bytes(op.close);
  if (op.lit !== null) remember(ctx, op, out, start, off, size, type);
}

/** One element per NUL-separated item, as splitNul splits (a trailing terminator is no item). */
function stringArray(out: ByteOut, buf: Buffer, off: number, size: number, open: Uint8Array, close: Uint8Array): void {
  // Native decode and search: a scan per character in JS cost more than the rest of the record.
  const text = utf16Text(buf, off, size >> 1);
  let start = 0;
  let split = false;
  for (let q = text.indexOf('\0'); q >= 0; q = text.indexOf('\0', start)) {
    arrayItem(out, text.slice(start, q), open, close);
    start = q + 1;
    split = true;
  }
  if (start < text.length || !split) arrayItem(out, start === 0 ? text : text.slice(start), open, close);
}

function arrayItem(out: ByteOut, item: string, open: Uint8Array, close: Uint8Array): void {
  out.bytes(open);
  if (!item) {
    out.text('/>\n');
    return;
  }
  out.byte(0x3e);
  out.text(escapeText(item));
  out.bytes(close);
}

/** UTF-16LE code units [from, to) as UTF-8, escaped. */
function utf16(out: ByteOut, buf: Buffer, from: number, to: number, escape: number): void {
  if (to - from <= 64) return utf16Range(out, buf, from, to, escape);
  // Long text: native decode, test and encode beat a loop per character.
  let s = buf.toString('utf16le', from, to);
  if (escape === ESCAPE_TEXT ? TEXT_SPECIAL.test(s) : escape === ESCAPE_ATTR && ATTR_SPECIAL.test(s)) s = escape === ESCAPE_TEXT ? escapeText(s) : escapeAttr(s);
  out.text(s);
}

/**
 * The UTF-8 bytes of each code unit XML_ESCAPE marks, as escapeAttr writes it: the string renderer's
 * forms (entities, and controls as xml-escape.ts writes them), so both renderers stay byte-equal.
 */
const ESCAPED: (Uint8Array | undefined)[] = [];
for (const c of XML_ESCAPED_CODES) ESCAPED[c] = encoder.encode(escapeAttr(String.fromCharCode(c)));
/** The longest of them, in bytes per code unit. */
const MAX_ESCAPED = ESCAPED.reduce((m, e) => Math.max(m, e?.length ?? 0), 3);

/** UTF-16LE code units [from, to) as UTF-8, escaped; lone surrogates become U+FFFD, as Buffer.from does. */
function utf16Range(out: ByteOut, buf: Buffer, from: number, to: number, escape: number): void {
  // At most MAX_ESCAPED bytes per code unit (&quot;, &#x202e;).
  out.ensure(((to - from) >> 1) * MAX_ESCAPED);
  const o = out.buf;
  let pos = out.pos;
  for (let p = from; p < to; p += 2) {
    const c = (buf[p] ?? 0) | ((buf[p + 1] ?? 0) << 8);
    // & < > ", and the controls (C0, DEL, C1, bidi) xml-escape.ts escapes: one table read, ASCII first.
    if (c < 0x80) {
      if ((XML_ESCAPE[c] ?? 0) & escape) {
        const e = ESCAPED[c] ?? EMPTY;
        for (let i = 0; i < e.length; i++) o[pos++] = e[i] ?? 0;
      } else o[pos++] = c;
    } else if ((XML_ESCAPE[c] ?? 0) & escape) {
      const e = ESCAPED[c] ?? EMPTY;
      for (let i = 0; i < e.length; i++) o[pos++] = e[i] ?? 0;
    } else if (c < 0x800) {
      o[pos++] = 0xc0 | (c >> 6);
      o[pos++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      o[pos++] = 0xe0 | (c >> 12);
      o[pos++] = 0x80 | ((c >> 6) & 0x3f);
      o[pos++] = 0x80 | (c & 0x3f);
    } else {
      const d = p + 3 < to ? (buf[p + 2] ?? 0) | ((buf[p + 3] ?? 0) << 8) : 0;
      if (c < 0xdc00 && d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        o[pos++] = 0xf0 | (cp >> 18);
        o[pos++] = 0x80 | ((cp >> 12) & 0x3f);
        o[pos++] = 0x80 | ((cp >> 6) & 0x3f);
        o[pos++] = 0x80 | (cp & 0x3f);
        p += 2;
      } else {
        o[pos++] = 0xef;
        o[pos++] = 0xbf;
        o[pos++] = 0xbd;
      }
    }
  }
  out.pos = pos;
}

/** A value's text (valueText), escaped as asked: the common types as bytes, the rest through valueText. */
function writeValue(out: ByteOut, buf: Buffer, off: number, size: number, type: number, escape: number): void {
  switch (type) {
    case ValueType.String: {
      let chars = size >> 1;
      need(off, chars * 2, buf.length, 'UTF-16 text');
      // Windows stores most strings with their terminating NULs (utf16z drops them).
      while (chars > 0 && buf[off + chars * 2 - 1] === 0 && buf[off + chars * 2 - 2] === 0) chars--;
      utf16(out, buf, off, off + chars * 2, escape);
      return;
    }
    case ValueType.UInt8:
      if (size >= 1) return digits(out, buf.readUInt8(off));
      break;
    case ValueType.UInt16:
      if (size >= 2) return digits(out, buf.readUInt16LE(off));
      break;
    case ValueType.UInt32:
      if (size >= 4) return digits(out, buf.readUInt32LE(off));
      break;
    case ValueType.Int32:
      if (size >= 4) {
        const n = buf.readInt32LE(off);
        if (n < 0) out.byte(0x2d);
        return digits(out, Math.abs(n));
      }
      break;
    case ValueType.UInt64:
      if (size >= 8) {
        const high = buf.readUInt32LE(off + 4);
        if (high < 0x200000) return digits(out, high * 2 ** 32 + buf.readUInt32LE(off));
      }
      break;
    case ValueType.HexInt32:
      if (size >= 4) {
        out.text('0x');
        return hex(out, buf.readUInt32LE(off), 1);
      }
      break;
    case ValueType.HexInt64:
      if (size >= 8) {
        const high = buf.readUInt32LE(off + 4);
        const low = buf.readUInt32LE(off);
        out.text('0x');
        if (high !== 0) hex(out, high, 1);
        return hex(out, low, high === 0 ? 1 : 8);
      }
      break;
    case ValueType.Guid:
      if (size >= 16) return guid(out, buf, off);
      break;
    case ValueType.FileTime:
      if (size >= 8) return fileTime(out, buf.readUInt32LE(off + 4), buf.readUInt32LE(off));
      break;
    default:
      break;
  }
  // Only text types can hold characters to escape; escaping the others changes nothing.
  const text = valueText(buf, off, size, type);
  out.text(escape === ESCAPE_TEXT ? escapeText(text) : escape === ESCAPE_ATTR ? escapeAttr(text) : text);
}

/** Decimal digits of a whole number below 2^53. */
function digits(out: ByteOut, n: number): void {
  out.ensure(16);
  const o = out.buf;
  if (n < 10) {
    o[out.pos++] = 0x30 + n;
    return;
  }
  let len = 2;
  for (let p = 100; p <= n && len < 16; p *= 10) len++;
  let at = out.pos + len;
  out.pos = at;
  // Small integers: integer division; larger ones stay exact in doubles.
  while (n >= 0x40000000) {
    const q = Math.floor(n / 10);
    o[--at] = 0x30 + (n - q * 10);
    n = q;
  }
  let m = n | 0;
  do {
    const q = (m / 10) | 0;
    o[--at] = 0x30 + (m - q * 10);
    m = q;
  } while (m > 0);
}

const HEX_LOWER = encoder.encode('0123456789abcdef');
const HEX_UPPER = encoder.encode('0123456789ABCDEF');

/** Lower-case hex of a 32-bit number, at least `min` digits (toString(16), padded). */
function hex(out: ByteOut, n: number, min: number): void {
  let len = 1;
  while (len < 8 && n >>> (len * 4) !== 0) len++;
  if (len < min) len = min;
  out.ensure(len);
  const o = out.buf;
  for (let i = len - 1, at = out.pos; i >= 0; i--) o[at++] = HEX_LOWER[(n >>> (i * 4)) & 0xf] ?? 0;
  out.pos += len;
}

/** GUID bytes in the order guidText writes them ({3210-54-76-89-ABCDEF}, upper case). */
const GUID_ORDER = [3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1, 8, 9, -1, 10, 11, 12, 13, 14, 15];

function guid(out: ByteOut, buf: Buffer, off: number): void {
  need(off, 16, buf.length, 'GUID');
  out.ensure(38);
  const o = out.buf;
  let at = out.pos;
  o[at++] = 0x7b;
  for (const i of GUID_ORDER) {
    if (i < 0) {
      o[at++] = 0x2d;
      continue;
    }
    const b = buf[off + i] ?? 0;
    o[at++] = HEX_UPPER[b >> 4] ?? 0;
    o[at++] = HEX_UPPER[b & 0xf] ?? 0;
  }
  o[at++] = 0x7d;
  out.pos = at;
}

// Records of a log mostly share their day: "YYYY-MM-DDT" is kept as bytes, the rest is digits.
const EPOCH_SECONDS = Number(FILETIME_UNIX_EPOCH_SECONDS);
let cachedDay = Number.NaN;
const dayText = new Uint8Array(16);
let dayLen = 0;

/** fileTimePartsToIso's text, as bytes. */
function fileTime(out: ByteOut, high: number, low: number): void {
  // Beyond this the string path works in BigInt; within it every time is in Date's range.
  if (high > MAX_FAST_HIGH) return out.text(fileTimePartsToIso(high, low));
  const r = high * TWO32_REMAINDER + low;
  let fraction = r % 1e7;
  const unix = high * TWO32_SECONDS + (r - fraction) / 1e7 - EPOCH_SECONDS;
  const day = Math.floor(unix / 86400);
  if (day !== cachedDay) {
    // "hh:mm:ss.fffffffZ" ends every ISO text.
    const iso = fileTimePartsToIso(high, low);
    const n = iso.length - 17;
    if (n <= 0 || n > dayText.length) return out.text(iso);
    for (let i = 0; i < n; i++) dayText[i] = iso.charCodeAt(i);
    dayLen = n;
    cachedDay = day;
  }
  let sod = unix - day * 86400;
  out.ensure(dayLen + 17);
  const o = out.buf;
  let at = out.pos;
  for (let i = 0; i < dayLen; i++) o[at++] = dayText[i] ?? 0;
  const hour = Math.floor(sod / 3600);
  sod -= hour * 3600;
  const minute = Math.floor(sod / 60);
  const second = sod - minute * 60;
  at = two(o, at, hour);
  o[at++] = 0x3a;
  at = two(o, at, minute);
  o[at++] = 0x3a;
  at = two(o, at, second);
  o[at++] = 0x2e;
  for (let i = at + 6; i >= at; i--) {
    const q = Math.floor(fraction / 10);
    o[i] = 0x30 + fraction - q * 10;
    fraction = q;
  }
  at += 7;
  o[at++] = 0x5a;
  out.pos = at;
}

function two(o: Buffer, at: number, n: number): number {
  const tens = Math.floor(n / 10);
  o[at] = 0x30 + tens;
  o[at + 1] = 0x30 + n - tens * 10;
  return at + 2;
}
