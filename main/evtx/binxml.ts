// MS-EVEN6 binary XML: turns a token stream into a small node tree. Template definitions are
// parsed once per chunk; record fragments are usually a single template instance.
import { fail, need, utf16 } from './bytes';
import { Token, TOKEN_HAS_MORE, ValueType } from './binary-format';
import type { CompiledTemplate } from './template';
import { valueText } from './values';
import { escapeText, xmlControls } from './xml-escape';

export const NodeKind = { Element: 0, Text: 1, Sub: 2, Nested: 3 } as const;

export interface ElementNode {
  kind: typeof NodeKind.Element;
  name: string;
  attrs: AttrNode[];
  children: ContentNode[];
}

export interface AttrNode {
  name: string;
  parts: (TextNode | SubNode)[];
}

/** Literal text: `text` is the character data, `xml` its XML form (escaped, or CDATA/PI/entity as written). */
export interface TextNode {
  kind: typeof NodeKind.Text;
  text: string;
  xml: string;
}

export interface SubNode {
  kind: typeof NodeKind.Sub;
  index: number;
  /** Optional substitutions with a Null value leave out the attribute or element. */
  optional: boolean;
  declaredType: number;
}

/** A template instance embedded in a fragment (records, BinXml values). */
export interface NestedNode {
  kind: typeof NodeKind.Nested;
  instance: Instance;
}

export type ContentNode = ElementNode | TextNode | SubNode | NestedNode;

/** A template plus the values of one use of it. */
export interface Instance {
  tpl: CompiledTemplate;
  /** Chunk-relative [offset, size, type] triples, one per substitution value. */
  values: number[];
}

/** What the parser needs from its chunk: the bytes and the per-chunk name and template caches. */
export interface FragmentSource {
  readonly buf: Buffer;
  name(offset: number): string;
  template(offset: number): CompiledTemplate;
}

/** Deepest element nesting accepted; real events use fewer than 10 levels. */
export const MAX_ELEMENT_DEPTH = 64;

const PREDEFINED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

// The escaping (entities, and controls in their XML form) is xml-escape.ts's; importers of binxml keep it here.
export { escapeAttr, escapeText } from './xml-escape';

function textNode(text: string, xml: string): TextNode {
  return { kind: NodeKind.Text, text, xml };
}

/** Parses tokens of one fragment or template body. */
class Parser {
  pos: number;

  constructor(
    private readonly src: FragmentSource,
    start: number,
    private readonly end: number,
    /** Template definitions carry a 2-byte dependency id in each element; other BinXml does not. */
    private readonly inTemplate: boolean,
  ) {
    this.pos = start;
  }

  private byte(at: number): number {
    need(at, 1, this.end, 'binary XML token');
    return this.src.buf.readUInt8(at);
  }

  private u16(at: number): number {
    need(at, 2, this.end, 'binary XML field');
    return this.src.buf.readUInt16LE(at);
  }

  private u32(at: number): number {
    need(at, 4, this.end, 'binary XML field');
    return this.src.buf.readUInt32LE(at);
  }

  /** Reads a name reference at pos; an inline name (offset == its own position) is skipped over. */
  private nameRef(): string {
    const offset = this.u32(this.pos);
    this.pos += 4;
    if (offset === this.pos) {
      const chars = this.u16(this.pos + 6);
      need(this.pos, 10 + chars * 2, this.end, 'inline name');
      this.pos += 10 + chars * 2;
    }
    return this.src.name(offset);
  }

  /** A whole fragment: elements, template instances, text; stops at end-of-fragment. */
  fragment(): ContentNode[] {
    const nodes: ContentNode[] = [];
    while (this.pos < this.end) {
      const token = this.byte(this.pos);
      const base = token & ~TOKEN_HAS_MORE;
      if (base === Token.EndOfFragment) {
        this.pos++;
        break;
      }
      if (base === Token.FragmentHeader) {
        need(this.pos, 4, this.end, 'fragment header');
        this.pos += 4;
        continue;
      }
      this.content(token, nodes, 0);
    }
    return nodes;
  }

  /** One content item (element, text, substitution, instance) appended to `out`. */
  private content(token: number, out: ContentNode[], depth: number): void {
    const base = token & ~TOKEN_HAS_MORE;
    switch (base) {
      case Token.OpenStartElement:
        out.push(this.element(token, depth));
        return;
      case Token.TemplateInstance:
        if (this.inTemplate) fail(`template instance inside a template definition at ${this.pos}`);
        out.push({ kind: NodeKind.Nested, instance: this.instance() });
        return;
      case Token.NormalSubstitution:
      case Token.OptionalSubstitution:
        out.push(this.substitution(base));
        return;
      case Token.FragmentHeader:
        need(this.pos, 4, this.end, 'fragment header');
        this.pos += 4;
        return;
      default:
        appendText(out, this.text(base));
    }
  }

  /** Value, CDATA, character/entity reference or processing instruction as text. */
  private text(base: number): TextNode {
    const at = this.pos;
    this.pos++;
    switch (base) {
      case Token.Value: {
        const type = this.byte(this.pos);
        this.pos++;
        return this.literalValue(type, at);
      }
      case Token.CDataSection: {
        const chars = this.u16(this.pos);
        need(this.pos + 2, chars * 2, this.end, 'CDATA');
        const s = utf16(this.src.buf, this.pos + 2, chars);
        this.pos += 2 + chars * 2;
        // References mean nothing in CDATA: its controls take their visible form there too.
        return textNode(s, `<![CDATA[${xmlControls(s).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`);
      }
      case Token.CharRef: {
        const code = this.u16(this.pos);
        this.pos += 2;
        return textNode(String.fromCharCode(code), `&#${code};`);
      }
      case Token.EntityRef: {
        const name = this.nameRef();
        const known = PREDEFINED_ENTITIES[name];
        return textNode(known ?? `&${name};`, known === undefined ? `&${xmlControls(name)};` : escapeText(known));
      }
      case Token.PITarget: {
        const target = this.nameRef();
        let data = '';
        if (this.pos < this.end && (this.byte(this.pos) & ~TOKEN_HAS_MORE) === Token.PIData) {
          const chars = this.u16(this.pos + 1);
          need(this.pos + 3, chars * 2, this.end, 'PI data');
          data = utf16(this.src.buf, this.pos + 3, chars);
          this.pos += 3 + chars * 2;
        }
        return textNode('', xmlControls(`<?${target}${data ? ` ${data}` : ''}?>`));
      }
      default:
        return fail(`unexpected binary XML token 0x${base.toString(16)} at ${at}`);
    }
  }

  /** The value of a Value token: a UTF-16 string with a 16-bit length, rarely another type. */
  private literalValue(type: number, at: number): TextNode {
    if (type === ValueType.String || type === ValueType.AnsiString) {
      const count = this.u16(this.pos);
      const bytes = type === ValueType.String ? count * 2 : count;
      need(this.pos + 2, bytes, this.end, 'value text');
      const s = type === ValueType.String ? utf16(this.src.buf, this.pos + 2, count) : this.src.buf.toString('latin1', this.pos + 2, this.pos + 2 + bytes);
      this.pos += 2 + bytes;
      return textNode(s, escapeText(s));
    }
    const size = FIXED_VALUE_SIZE[type];
    if (size === undefined) fail(`value token of type 0x${type.toString(16)} at ${at} is not supported`);
    need(this.pos, size, this.end, 'value');
    const s = valueText(this.src.buf, this.pos, size, type);
    this.pos += size;
    return textNode(s, escapeText(s));
  }

  private substitution(base: number): SubNode {
    need(this.pos, 4, this.end, 'substitution');
    const buf = this.src.buf;
    const node: SubNode = {
      kind: NodeKind.Sub,
      index: buf.readUInt16LE(this.pos + 1),
      optional: base === Token.OptionalSubstitution,
      declaredType: buf.readUInt8(this.pos + 3),
    };
    this.pos += 4;
    return node;
  }

  private element(token: number, depth: number): ElementNode {
    if (depth >= MAX_ELEMENT_DEPTH) fail(`elements nested deeper than ${MAX_ELEMENT_DEPTH} at ${this.pos}`);
    this.pos += this.inTemplate ? 3 : 1;
    need(this.pos, 4, this.end, 'element');
    this.pos += 4; // element data size: the token stream itself says where the element ends
    const name = this.nameRef();
    if (token & TOKEN_HAS_MORE) this.pos += 4; // attribute list size
    const attrs: AttrNode[] = [];
    let t = this.byte(this.pos);
    while ((t & ~TOKEN_HAS_MORE) === Token.Attribute) {
      this.pos++;
      attrs.push({ name: this.nameRef(), parts: this.attributeValue() });
      t = this.byte(this.pos);
    }
    const node: ElementNode = { kind: NodeKind.Element, name, attrs, children: [] };
    if (t === Token.CloseEmptyElement) {
      this.pos++;
      return node;
    }
    if (t !== Token.CloseStartElement) fail(`expected the end of start tag <${name}> at ${this.pos}, found token 0x${t.toString(16)}`);
    this.pos++;
    for (;;) {
      const c = this.byte(this.pos);
      const base = c & ~TOKEN_HAS_MORE;
      if (base === Token.EndElement) {
        this.pos++;
        return node;
      }
      if (base === Token.EndOfFragment) fail(`element <${name}> is not closed at ${this.pos}`);
      this.content(c, node.children, depth + 1);
    }
  }

  private attributeValue(): (TextNode | SubNode)[] {
    const parts: (TextNode | SubNode)[] = [];
    for (;;) {
      const base = this.byte(this.pos) & ~TOKEN_HAS_MORE;
      if (base === Token.NormalSubstitution || base === Token.OptionalSubstitution) {
        parts.push(this.substitution(base));
      } else if (base === Token.Value || base === Token.CharRef || base === Token.EntityRef) {
        const node = this.text(base);
        const last = parts[parts.length - 1];
        if (last?.kind === NodeKind.Text) parts[parts.length - 1] = textNode(last.text + node.text, last.xml + node.xml);
        else parts.push(node);
      } else {
        return parts;
      }
    }
  }

  /** TemplateInstance token: template reference (definition inline the first time) and its values. */
  private instance(): Instance {
    const inst = readInstance(this.src, this.pos, this.end);
    this.pos = instanceEnd;
    return inst;
  }
}

/** Where the values of the last instance read by readInstance end. */
export let instanceEnd = 0;

/**
 * Reads the TemplateInstance token at `pos`: the template (its definition inline the first time,
 * referenced by offset after), the value descriptors, and where each value lies. Sets instanceEnd.
 * `into`: an instance to fill instead of a new one (a dump, which is done with each record at once).
 */
export function readInstance(src: FragmentSource, pos: number, end: number, into?: Instance): Instance {
  const buf = src.buf;
  need(pos, 14, end, 'template instance');
  const defOffset = buf.readUInt32LE(pos + 6);
  pos += 10;
  if (defOffset === pos) {
    need(pos, 24, end, 'inline template definition');
    const size = buf.readUInt32LE(pos + 20);
    need(pos, 28 + size, end, 'inline template definition');
    pos += 24 + size;
  }
  const tpl = src.template(defOffset);
  const count = buf.readUInt32LE(pos);
  pos += 4;
  need(pos, count * 4, end, 'substitution value descriptors');
  let values: number[];
  if (into) {
    values = into.values;
    values.length = count * 3;
  } else values = new Array<number>(count * 3);
  let at = pos + count * 4;
  // Bounds were checked above; plain indexing is much cheaper than Buffer's checked reads here.
  for (let i = 0, d = pos; i < count; i++, d += 4) {
    const size = (buf[d] ?? 0) | ((buf[d + 1] ?? 0) << 8);
    values[i * 3] = at;
    values[i * 3 + 1] = size;
    values[i * 3 + 2] = buf[d + 2] ?? 0;
    at += size;
  }
  if (at > end) fail(`substitution values run ${at - end} bytes past the end of their fragment`);
  instanceEnd = at;
  if (into) {
    into.tpl = tpl;
    return into;
  }
  return { tpl, values };
}

function appendText(out: ContentNode[], node: TextNode): void {
  const last = out[out.length - 1];
  if (last?.kind === NodeKind.Text) out[out.length - 1] = textNode(last.text + node.text, last.xml + node.xml);
  else out.push(node);
}

const FIXED_VALUE_SIZE: Partial<Record<number, number>> = {
  [ValueType.Int8]: 1, [ValueType.UInt8]: 1, [ValueType.Int16]: 2, [ValueType.UInt16]: 2,
  [ValueType.Int32]: 4, [ValueType.UInt32]: 4, [ValueType.Int64]: 8, [ValueType.UInt64]: 8,
  [ValueType.Real32]: 4, [ValueType.Real64]: 8, [ValueType.Bool]: 4, [ValueType.Guid]: 16,
  [ValueType.FileTime]: 8, [ValueType.SysTime]: 16, [ValueType.HexInt32]: 4, [ValueType.HexInt64]: 8,
};

/** Parses the body of a template definition (element tokens carry dependency ids). */
export function parseTemplateBody(src: FragmentSource, start: number, end: number): ContentNode[] {
  return new Parser(src, start, end, true).fragment();
}

/** Parses a record's or a BinXml value's fragment. */
export function parseFragment(src: FragmentSource, start: number, end: number): ContentNode[] {
  return new Parser(src, start, end, false).fragment();
}

