// Per-chunk state: decoded names and compiled templates, both cached by their offset in the chunk.
// A template is parsed once per chunk however many records use it.
import { instanceEnd, NodeKind, parseFragment, parseTemplateBody, readInstance, type ContentNode, type FragmentSource, type Instance } from './binxml';
import { EvtxFormatError, fail, isDataError, need, utf16 } from './bytes';
import { RECORD_HEADER_SIZE, Token } from './binary-format';

/** Template definition header: next-definition offset, GUID, body size. */
const TEMPLATE_HEADER_SIZE = 24;

/**
 * A template's node tree plus the forms its consumers (the XML renderer, the field extractor, the
 * dump's byte renderer) derive from it the first time they meet it, so templates nobody renders
 * cost only the parse. Each consumer keeps its forms through a TemplateCache of its own.
 */
export class CompiledTemplate {
  /** By TemplateCache slot, then by the cache's key. */
  readonly derived: unknown[][] = [];

  constructor(
    readonly nodes: ContentNode[],
    /** Offset of the definition in the chunk, -1 for flat (template-less) fragments. */
    readonly offset: number,
  ) {}
}

let cacheSlots = 0;

/**
 * One consumer's derived form of every template (an XML program by indentation depth, a field plan
 * by the context the template sits in …), built on first use from the template and kept
 * on the template, so template.ts need not know its consumers' types.
 */
export class TemplateCache<T> {
  private readonly slot = cacheSlots++;

  constructor(private readonly build: (tpl: CompiledTemplate, key: number) => T) {}

  get(tpl: CompiledTemplate, key: number): T {
    const forms = (tpl.derived[this.slot] ??= []) as (T | undefined)[];
    return (forms[key] ??= this.build(tpl, key));
  }
}

/**
 * Templates already compiled, shared by chunks. Each chunk defines its templates again, usually
 * at the same offset with the same bytes (a 150k-record log: 5,562 definitions, 32 distinct), and
 * parsing and compiling them again cost more than rendering the records of a chunk. The key is
 * the offset and the definition's bytes: offsets inside the bytes (inline names) are relative to
 * the chunk, so the same bytes elsewhere mean something else. Names the definition refers to
 * outside itself are checked on every use.
 */
interface SharedTemplate {
  tpl: CompiledTemplate;
  /** Names outside the definition, as [offset, name] pairs. */
  names: [number, string][];
}
const shared = new Map<string, SharedTemplate>();
/** Bounds for a long-lived process reading many logs (keys are whole definitions: a few KB each). */
const MAX_SHARED = 1024;
const MAX_SHARED_KEY_CHARS = 8 << 20;
let sharedKeyChars = 0;
let chunkSerial = 0;

export class ChunkContext implements FragmentSource {
  private readonly names = new Map<number, string>();
  private readonly templates = new Map<number, CompiledTemplate | EvtxFormatError>();
  /** Distinguishes this chunk from every other (renderers remember values by chunk and offset). */
  readonly serial = chunkSerial++;
  /** While a definition is parsed: the name offsets it reads. */
  private nameLog: number[] | null = null;

  constructor(
    /** The chunk's bytes; all offsets in BinXml are relative to its start. */
    readonly buf: Buffer,
    readonly chunkIndex: number,
  ) {}

  name(offset: number): string {
    this.nameLog?.push(offset);
    let name = this.names.get(offset);
    if (name === undefined) {
      need(offset, 8, this.buf.length, 'name');
      name = utf16(this.buf, offset + 8, this.buf.readUInt16LE(offset + 6));
      this.names.set(offset, name);
    }
    return name;
  }

  /** The template defined at `offset`; a definition that fails to parse fails every use, cheaply. */
  template(offset: number): CompiledTemplate {
    let tpl = this.templates.get(offset);
    if (tpl === undefined) {
      try {
        tpl = this.compile(offset);
      } catch (err) {
        if (!(err instanceof EvtxFormatError)) throw err;
        tpl = new EvtxFormatError(`template definition at ${offset}: ${err.message}`);
      }
      this.templates.set(offset, tpl);
    }
    if (tpl instanceof EvtxFormatError) throw tpl;
    return tpl;
  }

  private compile(offset: number): CompiledTemplate {
    if (offset < 0) fail('negative template offset');
    need(offset, TEMPLATE_HEADER_SIZE, this.buf.length, 'template definition header');
    const size = this.buf.readUInt32LE(offset + 20);
    const start = offset + TEMPLATE_HEADER_SIZE;
    need(start, size, this.buf.length, 'template definition');
    // The GUID and the body (the next-definition link at offset + 0 does not change the template).
    const key = `${offset}:${this.buf.toString('latin1', offset + 4, start + size)}`;
    const known = shared.get(key);
    if (known && this.namesMatch(known.names)) return known.tpl;
    const outer = this.nameLog;
    const log: number[] = [];
    this.nameLog = log;
    let nodes: ContentNode[];
    try {
      nodes = parseTemplateBody(this, start, start + size);
    } finally {
      this.nameLog = outer;
    }
    const tpl = new CompiledTemplate(nodes, offset);
    // A template instance inside a definition holds values of this chunk: never shared.
    if (!nodes.some(holdsInstance)) {
      const names: [number, string][] = [];
      for (const at of new Set(log)) {
        const name = this.names.get(at) ?? '';
        if (at < offset + 4 || at + 8 + name.length * 2 > start + size) names.push([at, name]);
      }
      if (shared.size >= MAX_SHARED || sharedKeyChars + key.length > MAX_SHARED_KEY_CHARS) {
        shared.clear();
        sharedKeyChars = 0;
      }
      shared.set(key, { tpl, names });
      sharedKeyChars += key.length;
    }
    return tpl;
  }

  /** Whether this chunk has the same names at these offsets (a name that cannot be read: no). */
  private namesMatch(names: [number, string][]): boolean {
    try {
      for (const [at, name] of names) if (this.name(at) !== name) return false;
      return true;
    } catch (err) {
      if (isDataError(err)) return false;
      throw err;
    }
  }
}

function holdsInstance(node: ContentNode): boolean {
  return node.kind === NodeKind.Nested || (node.kind === NodeKind.Element && node.children.some(holdsInstance));
}

/** The instance a fragment holds: its template instance, or a template-less ("flat") tree. */
export function fragmentInstance(ctx: ChunkContext, off: number, size: number, into?: Instance): Instance {
  const inst = headerAndInstance(ctx, off, off + size, into);
  if (inst) return inst;
  const nodes = parseFragment(ctx, off, off + size);
  const only = nodes.length === 1 ? nodes[0] : undefined;
  if (only?.kind === NodeKind.Nested) return only.instance;
  return { tpl: new CompiledTemplate(nodes, -1), values: [] };
}

/** The instance in the record at `offset` (record header 24 bytes, size copy 4 bytes at the end). */
export function recordInstance(ctx: ChunkContext, offset: number, into?: Instance): Instance {
  const buf = ctx.buf;
  const start = offset + RECORD_HEADER_SIZE;
  const end = offset + buf.readUInt32LE(offset + 4) - 4;
  return fragmentInstance(ctx, start, end - start, into);
}

/**
 * Nearly every record, and every BinXml value of manifest events, is a fragment header and one
 * template instance: that instance, read directly, or null when the fragment is anything else.
 */
function headerAndInstance(ctx: ChunkContext, start: number, end: number, into?: Instance): Instance | null {
  const buf = ctx.buf;
  if (end - start > 18 && buf[start] === Token.FragmentHeader && buf[start + 4] === Token.TemplateInstance) {
    const inst = readInstance(ctx, start + 4, end, into);
    if (instanceEnd >= end || buf[instanceEnd] === Token.EndOfFragment) return inst;
  }
  return null;
}
