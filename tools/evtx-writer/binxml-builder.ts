// Writes MS-EVEN6 binary XML into a chunk: element trees, names (inline at first use in the chunk, by offset after),
// template definitions and template instances with their substitution arrays.
import { CHUNK_STRING_BUCKETS, TOKEN_HAS_MORE, Token, ValueType } from '../../main/evtx/binary-format';
import type { ChunkCursor } from './chunk-cursor';
import { nameHash, templateBucket } from './chunk-tables';
import type { ChunkTables } from './chunk-tables';

export interface BxText {
  kind: 'text';
  text: string;
}

export interface BxSubst {
  kind: 'subst';
  index: number;
  /** Declared type code. */
  type: number;
  /** OptionalSubstitution: a Null value removes the element/attribute. NormalSubstitution keeps it, empty. */
  optional: boolean;
}

export interface BxElement {
  kind: 'element';
  name: string;
  attributes: readonly { name: string; value: BxText | BxSubst }[];
  children: readonly BxNode[];
}

export type BxNode = BxElement | BxText | BxSubst;

export interface BxTemplate {
  /** Identity: the same key is one template. */
  key: string;
  guid: Buffer;
  root: BxElement;
}

/** A substitution value: plain bytes, or a nested BinXml fragment written in place (it refers to chunk offsets). */
export type BxValue = { code: number; bytes: Uint8Array } | { code: typeof ValueType.BinXml; write: (c: ChunkCursor) => void };

const MAX_U16 = 0xffff;
const NO_DEPENDENCY = 0xffff;

function writeName(c: ChunkCursor, t: ChunkTables, name: string): void {
  const known = t.names.get(name);
  if (known !== undefined) {
    c.u32(known);
    return;
  }
  if (name.length === 0 || name.length > MAX_U16) throw new RangeError(`XML name of length ${name.length}`);
  const here = c.pos + 4;
  c.u32(here);
  const hash = nameHash(name);
  t.names.add(name, here, hash % CHUNK_STRING_BUCKETS);
  c.u32(0); // next name in the bucket, set when the record is committed
  c.u16(hash & 0xffff);
  c.u16(name.length);
  c.bytes(Buffer.from(name, 'utf16le'));
  c.u16(0);
}

function writeText(c: ChunkCursor, text: string): void {
  if (text.length > MAX_U16) throw new RangeError(`text value longer than ${MAX_U16} characters`);
  c.u8(Token.Value);
  c.u8(ValueType.String);
  c.u16(text.length);
  c.bytes(Buffer.from(text, 'utf16le'));
}

/**
 * Windows stores, per element, the index of the optional substitution among its direct content (the element is left
 * out when that value is Null), or 0xFFFF when there is none.
 */
function dependencyOf(el: BxElement): number {
  for (const ch of el.children) if (ch.kind === 'subst' && ch.optional) return ch.index;
  return NO_DEPENDENCY;
}

function writeNode(c: ChunkCursor, t: ChunkTables, node: BxNode, dependencyIds: boolean): void {
  if (node.kind === 'text') writeText(c, node.text);
  else if (node.kind === 'subst') {
    c.u8(node.optional ? Token.OptionalSubstitution : Token.NormalSubstitution);
    c.u16(node.index);
    c.u8(node.type);
  } else writeElement(c, t, node, dependencyIds);
}

/**
 * `dependencyIds`: elements inside template definitions carry one; flat records written by the event forwarder
 * do not.
 */
export function writeElement(c: ChunkCursor, t: ChunkTables, el: BxElement, dependencyIds: boolean): void {
  const attrs = el.attributes;
  c.u8(Token.OpenStartElement | (attrs.length > 0 ? TOKEN_HAS_MORE : 0));
  if (dependencyIds) c.u16(dependencyOf(el));
  const sizeAt = c.reserveU32();
  writeName(c, t, el.name);
  if (attrs.length > 0) {
    const listAt = c.reserveU32();
    attrs.forEach((a, i) => {
      c.u8(Token.Attribute | (i < attrs.length - 1 ? TOKEN_HAS_MORE : 0));
      writeName(c, t, a.name);
      writeNode(c, t, a.value, dependencyIds);
    });
    c.patchU32(listAt, c.pos - (listAt + 4));
  }
  if (el.children.length === 0) c.u8(Token.CloseEmptyElement);
  else {
    c.u8(Token.CloseStartElement);
    for (const ch of el.children) writeNode(c, t, ch, dependencyIds);
    c.u8(Token.EndElement);
  }
  // Element size counts from after the size field through the closing token.
  c.patchU32(sizeAt, c.pos - (sizeAt + 4));
}

export function writeFragmentHeader(c: ChunkCursor): void {
  c.u8(Token.FragmentHeader);
  c.u8(1);
  c.u8(1);
  c.u8(0);
}

/** A template instance: the definition inline if the chunk has not seen it, then the substitution array. */
export function writeTemplateInstance(c: ChunkCursor, t: ChunkTables, tpl: BxTemplate, values: readonly BxValue[]): void {
  c.u8(Token.TemplateInstance);
  c.u8(1);
  c.u32(tpl.guid.readUInt32LE(0)); // Windows repeats the GUID's first 4 bytes here
  const known = t.templates.get(tpl.key);
  if (known !== undefined) c.u32(known);
  else {
    const here = c.pos + 4;
    c.u32(here);
    t.templates.add(tpl.key, here, templateBucket(tpl.guid));
    c.u32(0); // next template in the bucket, set at commit
    c.bytes(tpl.guid);
    const sizeAt = c.reserveU32();
    writeFragmentHeader(c);
    writeElement(c, t, tpl.root, true);
    c.u8(Token.EndOfFragment);
    c.patchU32(sizeAt, c.pos - (sizeAt + 4));
  }
  c.u32(values.length);
  const sizeSlots: number[] = [];
  for (const v of values) {
    if ('bytes' in v && v.bytes.length > MAX_U16) throw new RangeError(`substitution value of ${v.bytes.length} bytes (max ${MAX_U16})`);
    sizeSlots.push(c.reserveU16());
    c.u8(v.code);
    c.u8(0);
  }
  values.forEach((v, i) => {
    const start = c.pos;
    if ('bytes' in v) c.bytes(v.bytes);
    else v.write(c);
    const size = c.pos - start;
    if (size > MAX_U16) throw new RangeError(`substitution value of ${size} bytes (max ${MAX_U16})`);
    c.patchU16(sizeSlots[i] ?? 0, size);
  });
}
