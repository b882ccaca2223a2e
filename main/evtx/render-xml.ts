// XML rendering, indented like `evtxexport -f xml`. Each template is compiled once (per
// indentation depth) into a flat program of literal strings and value slots, so rendering a
// record is a loop of string appends.
//
// Rendering rules that depend on values (MS-EVEN6, as Windows and libevtx render):
// - an optional substitution whose value is Null leaves out its attribute, or its element when
//   it is the element's whole content;
// - an array value that is an element's whole content repeats the element once per item
//   (classic events' <Data> strings);
// - a BinXml value renders as nested elements.
import { NodeKind, type ContentNode, type ElementNode, type Instance } from './binxml';
import { escapeAttr, escapeText, xmlControls } from './xml-escape';
import { isDataError } from './bytes';
import { ARRAY_FLAG, ValueType } from './binary-format';
import { fragmentInstance, TemplateCache, type ChunkContext } from './template';
import { decodeValue, isTextType, valueText, valueToText } from './values';

/** Deepest BinXml-in-BinXml nesting rendered; deeper values render as an XML comment. */
export const MAX_NESTING = 8;

export const OP_ATTR = 0;
export const OP_OPTIONAL_ATTR = 1;
export const OP_ELEMENT = 2;
export const OP_CONTENT = 3;
export const OP_BLOCK = 4;
export const OP_NESTED = 5;
export const OP_CONTAINER = 6;

/**
 * One instruction. Every op has the same fields (unused ones empty) so the render loop's property
 * reads stay monomorphic:
 * - OP_ATTR: substitution `i` inside an attribute value;
 * - OP_OPTIONAL_ATTR: attribute `text` (its ` name="` prefix) that is one optional substitution;
 * - OP_ELEMENT: element `text` (its name) whose whole content is substitution `i`; `open` renders
 *   its start tag up to the '>' (`openText` when that is literal);
 * - OP_CONTENT: substitution in mixed text content; OP_BLOCK: substitution among child elements;
 * - OP_NESTED: template instance embedded in a template-less fragment;
 * - OP_CONTAINER: element whose children (`body`) may all be left out, rendered `<x/>` then.
 */
export interface XmlOp {
  k: number;
  i: number;
  depth: number;
  optional: boolean;
  text: string;
  openText: string | null;
  /** For OP_ELEMENT: `openText` + '>' and the end tag with its line break, built once. */
  openGt: string | null;
  close: string;
  open: XmlProgram | null;
  body: XmlProgram | null;
  instance: Instance | null;
  /**
   * The last value this op rendered (offset in the chunk, size, type) and its output: records in
   * a chunk repeat most values (provider, channel, computer, levels, user names), and comparing
   * bytes is cheaper than decoding, escaping and concatenating again. Programs are shared by the
   * chunks that define the same template (template.ts), so `lastChunk` says whose offset it is.
   */
  lastChunk: number;
  lastOff: number;
  lastSize: number;
  lastType: number;
  lastOut: string;
}

function mkOp(k: number, f: Partial<Omit<XmlOp, 'k'>>): XmlOp {
  const open = f.open ?? null;
  const first = open?.[0];
  return {
    k,
    i: f.i ?? 0,
    depth: f.depth ?? 0,
    optional: f.optional ?? false,
    text: f.text ?? '',
    openText: open && open.length === 1 && typeof first === 'string' ? first : null,
    openGt: open && open.length === 1 && typeof first === 'string' ? `${first}>` : null,
    close: k === OP_ELEMENT ? `</${f.text ?? ''}>\n` : '',
    open,
    body: f.body ?? null,
    instance: f.instance ?? null,
    lastChunk: -1,
    lastOff: -1,
    lastSize: 0,
    lastType: -1,
    lastOut: '',
  };
}

/** Values longer than this are not remembered: long strings rarely repeat. */
const MAX_REMEMBERED = 256;

/** Whether the value at `off` has the same type and bytes as the op's last one (in this chunk). */
export function sameAsLast(ctx: ChunkContext, op: Pick<XmlOp, 'lastChunk' | 'lastOff' | 'lastSize' | 'lastType'>, off: number, size: number, type: number): boolean {
  if (op.lastType !== type || op.lastSize !== size || op.lastChunk !== ctx.serial) return false;
  const buf = ctx.buf;
  const last = op.lastOff;
  if (last === off) return true;
  switch (size) {
    case 1:
      return buf[off] === buf[last];
    case 2:
      return buf.readUInt16LE(off) === buf.readUInt16LE(last);
    case 4:
      return buf.readInt32LE(off) === buf.readInt32LE(last);
    case 8:
      return buf.readInt32LE(off) === buf.readInt32LE(last) && buf.readInt32LE(off + 4) === buf.readInt32LE(last + 4);
    default: {
      // Short values: a plain loop beats Buffer.compare's argument checks; long ones: native compare.
      if (size > 48) return buf.compare(buf, off, off + size, last, last + size) === 0;
      for (let i = 0; i < size; i++) if (buf[off + i] !== buf[last + i]) return false;
      return true;
    }
  }
}

function remember(ctx: ChunkContext, op: XmlOp, off: number, size: number, type: number, out: string): string {
  if (size <= MAX_REMEMBERED) {
    op.lastChunk = ctx.serial;
    op.lastOff = off;
    op.lastSize = size;
    op.lastType = type;
    op.lastOut = out;
  }
  return out;
}

export type XmlProgram = (string | XmlOp)[];

const INDENT: string[] = [];
export function indent(depth: number): string {
  return (INDENT[depth] ??= '  '.repeat(depth));
}

/** True for children that can render as nothing, depending on values. */
function canVanish(node: ContentNode): boolean {
  if (node.kind === NodeKind.Sub) return true;
  if (node.kind === NodeKind.Text) return node.xml.trim() === '';
  if (node.kind === NodeKind.Nested) return false;
  const only = node.children.length === 1 ? node.children[0] : undefined;
  return only?.kind === NodeKind.Sub && only.optional;
}

class ProgramBuilder {
  readonly ops: XmlProgram = [];
  private text = '';

  literal(s: string): void {
    this.text += s;
  }

  op(op: XmlOp): void {
    this.flush();
    this.ops.push(op);
  }

  finish(): XmlProgram {
    this.flush();
    return this.ops;
  }

  private flush(): void {
    if (this.text) this.ops.push(this.text);
    this.text = '';
  }
}

function compileProgram(nodes: ContentNode[], depth: number): XmlProgram {
  const out = new ProgramBuilder();
  children(out, nodes, depth);
  return out.finish();
}

function startTag(el: ElementNode, d: number): XmlProgram {
  const out = new ProgramBuilder();
  // Names are the file's too: their controls take the XML form (xml-escape.ts) like any text.
  out.literal(`${indent(d)}<${xmlControls(el.name)}`);
  for (const attr of el.attrs) {
    const only = attr.parts.length === 1 ? attr.parts[0] : undefined;
    if (only?.kind === NodeKind.Sub && only.optional) {
      out.op(mkOp(OP_OPTIONAL_ATTR, { i: only.index, text: ` ${xmlControls(attr.name)}="` }));
      continue;
    }
    out.literal(` ${xmlControls(attr.name)}="`);
    for (const part of attr.parts) {
      if (part.kind === NodeKind.Text) out.literal(part.xml.replace(/"/g, '&quot;'));
      else out.op(mkOp(OP_ATTR, { i: part.index }));
    }
    out.literal('"');
  }
  return out.finish();
}

function element(out: ProgramBuilder, el: ElementNode, d: number): void {
  const open = startTag(el, d);
  const name = xmlControls(el.name);
  const kids = el.children;
  const only = kids.length === 1 ? kids[0] : undefined;
  if (only?.kind === NodeKind.Sub) {
    out.op(mkOp(OP_ELEMENT, { i: only.index, open, text: name, depth: d, optional: only.optional }));
    return;
  }
  if (kids.length > 0 && kids.every(canVanish)) {
    const body = new ProgramBuilder();
    children(body, kids, d + 1);
    out.op(mkOp(OP_CONTAINER, { open, text: name, depth: d, body: body.finish() }));
    return;
  }
  for (const op of open) {
    if (typeof op === 'string') out.literal(op);
    else out.op(op);
  }
  if (kids.length === 0) {
    out.literal('/>\n');
  } else if (kids.every((k) => k.kind === NodeKind.Text || k.kind === NodeKind.Sub)) {
    out.literal('>');
    for (const k of kids) {
      if (k.kind === NodeKind.Text) out.literal(k.xml);
      else if (k.kind === NodeKind.Sub) out.op(mkOp(OP_CONTENT, { i: k.index, depth: d }));
    }
    out.literal(`</${name}>\n`);
  } else {
    out.literal('>\n');
    children(out, kids, d + 1);
    out.literal(`${indent(d)}</${name}>\n`);
  }
}

function children(out: ProgramBuilder, kids: ContentNode[], d: number): void {
  for (const k of kids) {
    switch (k.kind) {
      case NodeKind.Element:
        element(out, k, d);
        break;
      case NodeKind.Text:
        if (k.xml.trim()) out.literal(`${indent(d)}${k.xml.trim()}\n`);
        break;
      case NodeKind.Sub:
        out.op(mkOp(OP_BLOCK, { i: k.index, depth: d }));
        break;
      case NodeKind.Nested:
        out.op(mkOp(OP_NESTED, { instance: k.instance, depth: d }));
        break;
    }
  }
}

/** Programs that always emit an element (a top-level literal with a tag): their output is never blank. */
const solidPrograms = new WeakMap<XmlProgram, boolean>();

export function isSolid(program: XmlProgram): boolean {
  let solid = solidPrograms.get(program);
  if (solid === undefined) {
    solid = program.some((op) => typeof op === 'string' && op.includes('<'));
    solidPrograms.set(program, solid);
  }
  return solid;
}

/** XML programs by indentation depth (nested BinXml renders deeper). */
export const xmlPrograms = new TemplateCache<XmlProgram>((tpl, depth) => compileProgram(tpl.nodes, depth));

/**
 * A record's XML, or '' when it renders as whitespace only (a damaged template that lost its
 * elements). Checking the program, not the text, spares flattening every record's string.
 */
export function renderRecordXml(ctx: ChunkContext, inst: Instance): string {
  const program = xmlPrograms.get(inst.tpl, 0);
  const xml = run(ctx, program, inst.values, 0);
  return isSolid(program) || xml.trim() ? xml : '';
}

/** Renders a template instance with its start at an indentation depth. */
export function renderInstance(ctx: ChunkContext, inst: Instance, depth: number, nesting = 0): string {
  const program = xmlPrograms.get(inst.tpl, depth);
  return run(ctx, program, inst.values, nesting);
}

function run(ctx: ChunkContext, program: XmlProgram, v: number[], nesting: number): string {
  let out = '';
  for (const op of program) {
    if (typeof op === 'string') {
      out += op;
      continue;
    }
    switch (op.k) {
      case OP_ATTR: {
        // Record ids, times, SIDs, process ids: the same value as the last record costs a compare.
        const type = v[op.i * 3 + 2] ?? -1;
        const off = v[op.i * 3] ?? 0;
        const size = v[op.i * 3 + 1] ?? 0;
        if (type === ValueType.BinXml || type < 0) out += attrText(ctx, v, op.i, nesting);
        else if (sameAsLast(ctx, op, off, size, type)) out += op.lastOut;
        else out += remember(ctx, op, off, size, type, attrText(ctx, v, op.i, nesting));
        break;
      }
      case OP_OPTIONAL_ATTR: {
        const type = v[op.i * 3 + 2];
        if (type === undefined || type === ValueType.Null) break;
        const off = v[op.i * 3] ?? 0;
        const size = v[op.i * 3 + 1] ?? 0;
        if (type === ValueType.BinXml) out += `${op.text}${attrText(ctx, v, op.i, nesting)}"`;
        else if (sameAsLast(ctx, op, off, size, type)) out += op.lastOut;
        else out += remember(ctx, op, off, size, type, `${op.text}${attrText(ctx, v, op.i, nesting)}"`);
        break;
      }
      case OP_ELEMENT:
        out += elementWithValue(ctx, op, v, nesting);
        break;
      case OP_CONTENT: {
        const type = v[op.i * 3 + 2];
        if (type === ValueType.BinXml) out += `\n${renderBinXml(ctx, v[op.i * 3] ?? 0, v[op.i * 3 + 1] ?? 0, op.depth + 1, nesting)}${indent(op.depth)}`;
        else out += escapeText(subText(ctx, v, op.i, nesting));
        break;
      }
      case OP_BLOCK: {
        const type = v[op.i * 3 + 2];
        if (type === ValueType.BinXml) {
          out += renderBinXml(ctx, v[op.i * 3] ?? 0, v[op.i * 3 + 1] ?? 0, op.depth, nesting);
        } else {
          const s = subText(ctx, v, op.i, nesting);
          if (s) out += `${indent(op.depth)}${escapeText(s)}\n`;
        }
        break;
      }
      case OP_NESTED:
        if (op.instance) out += nesting >= MAX_NESTING ? `${indent(op.depth)}<!-- nested too deep -->\n` : renderInstance(ctx, op.instance, op.depth, nesting + 1);
        break;
      case OP_CONTAINER: {
        const body = run(ctx, op.body ?? [], v, nesting);
        const open = openTag(ctx, op, v, nesting);
        out += body ? `${open}>\n${body}${indent(op.depth)}</${op.text}>\n` : `${open}/>\n`;
        break;
      }
    }
  }
  return out;
}

function openTag(ctx: ChunkContext, op: XmlOp, v: number[], nesting: number): string {
  return op.openText ?? run(ctx, op.open ?? [], v, nesting);
}

export function elementWithValue(ctx: ChunkContext, op: XmlOp, v: number[], nesting: number): string {
  const off = v[op.i * 3];
  const size = v[op.i * 3 + 1];
  const type = v[op.i * 3 + 2];
  if (off === undefined || size === undefined || type === undefined || type === ValueType.Null) {
    return op.optional ? '' : `${openTag(ctx, op, v, nesting)}/>\n`;
  }
  if (type === ValueType.BinXml) {
    return `${openTag(ctx, op, v, nesting)}>\n${renderBinXml(ctx, off, size, op.depth + 1, nesting)}${indent(op.depth)}${op.close}`;
  }
  if ((type & ARRAY_FLAG) !== 0) {
    const open = openTag(ctx, op, v, nesting);
    const items = decodeValue(ctx.buf, off, size, type);
    if (!Array.isArray(items)) return `${open}>${escapeText(valueToText(items, type))}${op.close}`;
    let s = '';
    for (const item of items) {
      const text = valueToText(item, type);
      s += text ? `${open}>${escapeText(text)}${op.close}` : `${open}/>\n`;
    }
    return s;
  }
  // With a literal start tag the whole element depends on the value only: reuse the last one.
  if (op.openGt !== null && sameAsLast(ctx, op, off, size, type)) return op.lastOut;
  const raw = valueText(ctx.buf, off, size, type);
  if (!raw) return `${openTag(ctx, op, v, nesting)}/>\n`;
  const text = isTextType(type) ? escapeText(raw) : raw;
  if (op.openGt !== null) return remember(ctx, op, off, size, type, op.openGt + text + op.close);
  return `${run(ctx, op.open ?? [], v, nesting)}>${text}${op.close}`;
}

export function attrText(ctx: ChunkContext, v: number[], i: number, nesting: number): string {
  const s = subText(ctx, v, i, nesting);
  return isTextType(v[i * 3 + 2] ?? 0) ? escapeAttr(s) : s;
}

/** Text of substitution `i` ('' when the record has fewer values than the template uses). */
export function subText(ctx: ChunkContext, v: number[], i: number, nesting: number): string {
  const off = v[i * 3];
  const size = v[i * 3 + 1];
  const type = v[i * 3 + 2];
  if (off === undefined || size === undefined || type === undefined) return '';
  if (type === ValueType.BinXml) return renderBinXml(ctx, off, size, 0, nesting).trim();
  return valueText(ctx.buf, off, size, type);
}

/** Renders a BinXml (0x21) value: a fragment that is usually one more template instance. */
export function renderBinXml(ctx: ChunkContext, off: number, size: number, depth: number, nesting: number): string {
  if (nesting >= MAX_NESTING) return `${indent(depth)}<!-- nested too deep -->\n`;
  try {
    return renderInstance(ctx, fragmentInstance(ctx, off, size), depth, nesting + 1);
  } catch (err) {
    if (isDataError(err)) return `${indent(depth)}<!-- bad binary XML: ${escapeText(err.message).replace(/--/g, '- -')} -->\n`;
    throw err;
  }
}
