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
import { escapeAttr, escapeText, NodeKind, type ContentNode, type ElementNode, type Instance } from './binxml';
import { isDataError } from './bytes';
import { ARRAY_FLAG, ValueType } from './format';
import { fragmentInstance, type ChunkContext } from './template';
import { decodeValue, valueText, valueToText } from './values';

/** Deepest BinXml-in-BinXml nesting rendered; deeper values render as an XML comment. */
export const MAX_NESTING = 8;

const OP_ATTR = 0;
const OP_OPTIONAL_ATTR = 1;
const OP_ELEMENT = 2;
const OP_CONTENT = 3;
const OP_BLOCK = 4;
const OP_NESTED = 5;
const OP_CONTAINER = 6;

type XmlOp =
  | string
  /** A substitution inside an attribute value. */
  | { k: typeof OP_ATTR; i: number }
  /** An optional attribute that is one substitution. */
  | { k: typeof OP_OPTIONAL_ATTR; i: number; prefix: string }
  /** An element whose whole content is one substitution; `open` renders its start tag up to '>'. */
  | { k: typeof OP_ELEMENT; i: number; open: XmlProgram; name: string; depth: number; optional: boolean }
  /** A substitution inside mixed text content. */
  | { k: typeof OP_CONTENT; i: number; depth: number }
  /** A substitution among child elements. */
  | { k: typeof OP_BLOCK; i: number; depth: number }
  /** A template instance embedded in a template-less fragment. */
  | { k: typeof OP_NESTED; instance: Instance; depth: number }
  /** An element whose children may all be left out: rendered `<x/>` then. */
  | { k: typeof OP_CONTAINER; open: XmlProgram; name: string; depth: number; body: XmlProgram };

export type XmlProgram = XmlOp[];

const INDENT: string[] = [];
function indent(depth: number): string {
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
  readonly ops: XmlOp[] = [];
  private text = '';

  literal(s: string): void {
    this.text += s;
  }

  op(op: Exclude<XmlOp, string>): void {
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
  out.literal(`${indent(d)}<${el.name}`);
  for (const attr of el.attrs) {
    const only = attr.parts.length === 1 ? attr.parts[0] : undefined;
    if (only?.kind === NodeKind.Sub && only.optional) {
      out.op({ k: OP_OPTIONAL_ATTR, i: only.index, prefix: ` ${attr.name}="` });
      continue;
    }
    out.literal(` ${attr.name}="`);
    for (const part of attr.parts) {
      if (part.kind === NodeKind.Text) out.literal(part.xml.replace(/"/g, '&quot;'));
      else out.op({ k: OP_ATTR, i: part.index });
    }
    out.literal('"');
  }
  return out.finish();
}

function element(out: ProgramBuilder, el: ElementNode, d: number): void {
  const open = startTag(el, d);
  const kids = el.children;
  const only = kids.length === 1 ? kids[0] : undefined;
  if (only?.kind === NodeKind.Sub) {
    out.op({ k: OP_ELEMENT, i: only.index, open, name: el.name, depth: d, optional: only.optional });
    return;
  }
  if (kids.length > 0 && kids.every(canVanish)) {
    const body = new ProgramBuilder();
    children(body, kids, d + 1);
    out.op({ k: OP_CONTAINER, open, name: el.name, depth: d, body: body.finish() });
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
      else if (k.kind === NodeKind.Sub) out.op({ k: OP_CONTENT, i: k.index, depth: d });
    }
    out.literal(`</${el.name}>\n`);
  } else {
    out.literal('>\n');
    children(out, kids, d + 1);
    out.literal(`${indent(d)}</${el.name}>\n`);
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
        out.op({ k: OP_BLOCK, i: k.index, depth: d });
        break;
      case NodeKind.Nested:
        out.op({ k: OP_NESTED, instance: k.instance, depth: d });
        break;
    }
  }
}

/** Renders a template instance with its start at an indentation depth. */
export function renderInstance(ctx: ChunkContext, inst: Instance, depth: number, nesting = 0): string {
  const program = (inst.tpl.xml[depth] ??= compileProgram(inst.tpl.nodes, depth));
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
      case OP_ATTR:
        out += escapeAttr(subText(ctx, v, op.i, nesting));
        break;
      case OP_OPTIONAL_ATTR: {
        const type = v[op.i * 3 + 2];
        if (type !== undefined && type !== ValueType.Null) out += `${op.prefix}${escapeAttr(subText(ctx, v, op.i, nesting))}"`;
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
        out += nesting >= MAX_NESTING ? `${indent(op.depth)}<!-- nested too deep -->\n` : renderInstance(ctx, op.instance, op.depth, nesting + 1);
        break;
      case OP_CONTAINER: {
        const body = run(ctx, op.body, v, nesting);
        const open = run(ctx, op.open, v, nesting);
        out += body ? `${open}>\n${body}${indent(op.depth)}</${op.name}>\n` : `${open}/>\n`;
        break;
      }
    }
  }
  return out;
}

function elementWithValue(ctx: ChunkContext, op: Extract<XmlOp, { k: typeof OP_ELEMENT }>, v: number[], nesting: number): string {
  const off = v[op.i * 3];
  const size = v[op.i * 3 + 1];
  const type = v[op.i * 3 + 2];
  if (off === undefined || size === undefined || type === undefined || type === ValueType.Null) {
    return op.optional ? '' : `${run(ctx, op.open, v, nesting)}/>\n`;
  }
  const first = op.open[0];
  const open = op.open.length === 1 && typeof first === 'string' ? first : run(ctx, op.open, v, nesting);
  if (type === ValueType.BinXml) {
    return `${open}>\n${renderBinXml(ctx, off, size, op.depth + 1, nesting)}${indent(op.depth)}</${op.name}>\n`;
  }
  if ((type & ARRAY_FLAG) !== 0) {
    const items = decodeValue(ctx.buf, off, size, type);
    if (!Array.isArray(items)) return `${open}>${escapeText(valueToText(items, type))}</${op.name}>\n`;
    let s = '';
    for (const item of items) {
      const text = valueToText(item, type);
      s += text ? `${open}>${escapeText(text)}</${op.name}>\n` : `${open}/>\n`;
    }
    return s;
  }
  const text = valueText(ctx.buf, off, size, type);
  return text ? `${open}>${escapeText(text)}</${op.name}>\n` : `${open}/>\n`;
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
