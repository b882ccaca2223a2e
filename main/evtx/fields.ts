// The fields a record exposes (System values, EventData/UserData values), read straight from the
// substitution values. Per template and context a "plan" records where each field comes from,
// so a record costs a few value decodes, and a filtered-out record only the ones the filter needs.
import { NodeKind, type ContentNode, type ElementNode, type Instance, type NestedNode, type SubNode } from './binxml';
import { isDataError } from './bytes';
import { ARRAY_FLAG, ValueType } from './binary-format';
import { MAX_NESTING, renderBinXml, subText } from './render-xml';
import { fragmentInstance, TemplateCache, type ChunkContext } from './template';
import { isoToFileTime } from './filetime';
import type { EvtxValue } from './types';
import { decodeValue } from './values';

/** Where a fragment sits in the event, which decides what its elements mean. */
export const Context = {
  /** A whole event: the root element is <Event>. */
  Document: 0,
  /** Children of <Event>: System, EventData, UserData, RenderingInfo... */
  Event: 1,
  /** Children of <EventData>: <Data> elements. */
  EventData: 2,
  /** Children of <UserData>: one element whose leaves are the values. */
  UserData: 3,
  /** Inside the UserData child: every leaf element is a named value. */
  Leaves: 4,
} as const;
type ContextId = (typeof Context)[keyof typeof Context];

/** Literal text and substitutions that together make a field's text. */
type Parts = readonly ContentNode[];

export const SystemField = {
  Provider: 0,
  ProviderGuid: 1,
  EventId: 2,
  Level: 3,
  Time: 4,
  Channel: 5,
  Computer: 6,
  ActivityId: 7,
  RelatedActivityId: 8,
  EventSourceName: 9,
} as const;
const SYSTEM_FIELD_COUNT = 10;

type DataItem =
  /** A value element (<Data>, or a UserData leaf); `name` is null for unnamed <Data>. */
  | { nested: false; name: Parts | null; value: Parts; ctx: ContextId }
  /** A substitution whose BinXml value holds more of the event, in context `ctx`. */
  | { nested: true; node: SubNode | NestedNode; ctx: ContextId };

export interface FieldPlan {
  /** Indexed by SystemField; undefined where this template does not hold the field. */
  system: (Parts | undefined)[];
  items: DataItem[];
  /** Whether some item is nested at event level, where System fields might be found too. */
  nestedEvent: boolean;
}

const SYSTEM_ELEMENTS: Record<string, [attr: string | null, field: number][]> = {
  Provider: [['Name', SystemField.Provider], ['Guid', SystemField.ProviderGuid], ['EventSourceName', SystemField.EventSourceName]],
  EventID: [[null, SystemField.EventId]],
  Level: [[null, SystemField.Level]],
  TimeCreated: [['SystemTime', SystemField.Time]],
  Correlation: [['ActivityID', SystemField.ActivityId], ['RelatedActivityID', SystemField.RelatedActivityId]],
  Channel: [[null, SystemField.Channel]],
  Computer: [[null, SystemField.Computer]],
};

function hasElementChildren(el: ElementNode): boolean {
  return el.children.some((k) => k.kind === NodeKind.Element || k.kind === NodeKind.Nested);
}

function buildPlan(nodes: readonly ContentNode[], ctx: ContextId): FieldPlan {
  const plan: FieldPlan = { system: new Array<Parts | undefined>(SYSTEM_FIELD_COUNT), items: [], nestedEvent: false };
  const walk = (kids: readonly ContentNode[], c: ContextId): void => {
    for (const k of kids) {
      if (k.kind === NodeKind.Text) continue;
      if (k.kind !== NodeKind.Element) {
        plan.items.push({ nested: true, node: k, ctx: c });
        if (c === Context.Document || c === Context.Event) plan.nestedEvent = true;
        continue;
      }
      switch (c) {
        case Context.Document:
          walk(k.children, Context.Event);
          break;
        case Context.Event:
          if (k.name === 'System') systemFields(plan, k);
          else if (k.name === 'EventData') walk(k.children, Context.EventData);
          else if (k.name === 'UserData') walk(k.children, Context.UserData);
          break;
        case Context.EventData:
          if (k.name === 'Data') {
            const name = k.attrs.find((a) => a.name === 'Name');
            plan.items.push({ nested: false, name: name ? name.parts : null, value: k.children, ctx: c });
          }
          break;
        case Context.UserData:
        case Context.Leaves:
          if (hasElementChildren(k)) walk(k.children, Context.Leaves);
          else plan.items.push({ nested: false, name: [{ kind: NodeKind.Text, text: k.name, xml: k.name }], value: k.children, ctx: Context.Leaves });
          break;
      }
    }
  };
  walk(nodes, ctx);
  return plan;
}

function systemFields(plan: FieldPlan, system: ElementNode): void {
  for (const el of system.children) {
    if (el.kind !== NodeKind.Element) continue;
    for (const [attr, field] of SYSTEM_ELEMENTS[el.name] ?? []) {
      if (attr === null) plan.system[field] = el.children;
      else {
        const a = el.attrs.find((x) => x.name === attr);
        if (a) plan.system[field] = a.parts;
      }
    }
  }
}

/** Field plans by the context the template sits in (record root, inside EventData, ...). */
const plans = new TemplateCache<FieldPlan>((tpl, ctx) => buildPlan(tpl.nodes, ctx as ContextId));

function planFor(inst: Instance, ctx: ContextId): FieldPlan {
  return plans.get(inst.tpl, ctx);
}

/** The instance inside a nested item's BinXml value, or null when the value is not BinXml/bad. */
function nestedInstance(cc: ChunkContext, inst: Instance, node: DataItem & { nested: true }): Instance | null {
  if (node.node.kind === NodeKind.Nested) return node.node.instance;
  const v = inst.values;
  const i = node.node.index;
  if (v[i * 3 + 2] !== ValueType.BinXml) return null;
  try {
    return fragmentInstance(cc, v[i * 3] ?? 0, v[i * 3 + 1] ?? 0);
  } catch (err) {
    if (isDataError(err)) return null;
    throw err;
  }
}

/**
 * The typed value of parts: one substitution gives its decoded value, literal text its string,
 * anything else the concatenated text. `undefined` means "left out" (optional Null).
 */
function partsValue(cc: ChunkContext, inst: Instance, parts: Parts, nesting: number): EvtxValue | undefined {
  if (parts.length === 0) return '';
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === NodeKind.Text) return only.text;
  if (only?.kind === NodeKind.Sub) {
    const v = inst.values;
    const off = v[only.index * 3];
    const size = v[only.index * 3 + 1];
    const type = v[only.index * 3 + 2];
    if (off === undefined || size === undefined || type === undefined) return only.optional ? undefined : null;
    if (type === ValueType.Null) return only.optional ? undefined : null;
    if (type === ValueType.BinXml) return renderBinXml(cc, off, size, 0, nesting + 1).trim();
    return decodeValue(cc.buf, off, size, type);
  }
  return partsText(cc, inst, parts, nesting);
}

function partsText(cc: ChunkContext, inst: Instance, parts: Parts, nesting: number): string {
  let s = '';
  for (const p of parts) {
    if (p.kind === NodeKind.Text) s += p.text;
    else if (p.kind === NodeKind.Sub) s += subText(cc, inst.values, p.index, nesting);
  }
  return s;
}

export interface EventData {
  named: Record<string, EvtxValue>;
  positional: EvtxValue[];
}

/**
 * Receives data values in document order: `expand` marks an array that was a <Data> element's
 * whole content, which renders as one <Data> per item.
 */
export type DataSink = (name: string | null, value: EvtxValue, expand: boolean) => void;

export function emptyData(): EventData {
  // A null-prototype object: value names come from the file and must not reach Object.prototype.
  return { named: Object.create(null) as Record<string, EvtxValue>, positional: [] };
}

/** Adds one value: to `positional` (each item, when expanded) and, first one wins, to `named`. */
export function addData(out: EventData, name: string | null, value: EvtxValue, expand: boolean): void {
  if (expand && Array.isArray(value)) out.positional.push(...value);
  else out.positional.push(value);
  if (name !== null && !(name in out.named)) out.named[name] = value;
}

/** EventData/Data values (or UserData leaves), following BinXml values into nested templates. */
export function extractData(cc: ChunkContext, inst: Instance): EventData {
  const out = emptyData();
  collect(cc, inst, Context.Document, (name, value, expand) => addData(out, name, value, expand), 0);
  return out;
}

/** The same values, handed to `sink` one by one. */
export function extractDataTo(cc: ChunkContext, inst: Instance, sink: DataSink): void {
  collect(cc, inst, Context.Document, sink, 0);
}

function collect(cc: ChunkContext, inst: Instance, ctx: ContextId, sink: DataSink, nesting: number): void {
  if (nesting > MAX_NESTING) return;
  for (const item of planFor(inst, ctx).items) {
    if (item.nested) {
      const child = nestedInstance(cc, inst, item);
      if (child) collect(cc, child, item.ctx, sink, nesting + 1);
      continue;
    }
    const only = item.value.length === 1 ? item.value[0] : undefined;
    if (only?.kind === NodeKind.Sub && item.ctx === Context.Leaves && inst.values[only.index * 3 + 2] === ValueType.BinXml) {
      // A "leaf" whose value is BinXml is not a leaf: its elements are.
      const child = nestedInstance(cc, inst, { nested: true, node: only, ctx: Context.Leaves });
      if (child) collect(cc, child, Context.Leaves, sink, nesting + 1);
      continue;
    }
    const value = partsValue(cc, inst, item.value, nesting);
    if (value === undefined) continue;
    const name = item.name === null ? null : partsText(cc, inst, item.name, nesting);
    const type = only?.kind === NodeKind.Sub ? (inst.values[only.index * 3 + 2] ?? 0) : 0;
    sink(name, value, (type & ARRAY_FLAG) !== 0);
  }
}

/** Per template: the substitutions its data values come from, or null (see sameData). */
const dataSubsOf = new WeakMap<Instance['tpl'], number[] | null>();

function dataSubs(inst: Instance): number[] | null {
  let subs = dataSubsOf.get(inst.tpl);
  if (subs !== undefined) return subs;
  subs = [];
  for (const item of planFor(inst, Context.Document).items) {
    if (item.nested) {
      if (item.node.kind !== NodeKind.Sub) {
        subs = null;
        break;
      }
      subs.push(item.node.index);
      continue;
    }
    for (const parts of item.name === null ? [item.value] : [item.name, item.value]) {
      for (const p of parts) if (p.kind === NodeKind.Sub) subs.push(p.index);
    }
  }
  dataSubsOf.set(inst.tpl, subs);
  return subs;
}

/**
 * Whether two instances of one template in one chunk (`buf`; the caller makes sure both are of that chunk)
 * hold the same data values, by comparing the bytes of the substitutions those values come from, without
 * decoding them. A value of nested binary XML counts by its bytes too: within one chunk, the names and templates
 * it points to are the same. False when data comes from a template instance that is not a substitution value.
 */
export function sameDataValues(buf: Buffer, a: Instance, b: Instance): boolean {
  if (a.tpl !== b.tpl) return false;
  const subs = dataSubs(a);
  if (!subs) return false;
  const va = a.values;
  const vb = b.values;
  for (const i of subs) {
    const size = va[i * 3 + 1];
    const offA = va[i * 3];
    const offB = vb[i * 3];
    if (size !== vb[i * 3 + 1] || va[i * 3 + 2] !== vb[i * 3 + 2] || (offA === undefined) !== (offB === undefined)) return false;
    if (offA === undefined || offB === undefined || size === undefined || offA === offB) continue;
    if (buf.compare(buf, offB, offB + size, offA, offA + size) !== 0) return false;
  }
  return true;
}

/** Index of the substitution that is the whole of a System field in this template, or -1. */
export function systemSubIndex(inst: Instance, field: number): number {
  const parts = planFor(inst, Context.Document).system[field];
  const only = parts?.length === 1 ? parts[0] : undefined;
  return only?.kind === NodeKind.Sub ? only.index : -1;
}

/** Resolves one System field: its raw typed value, or undefined when the event does not have it. */
export function systemValue(cc: ChunkContext, inst: Instance, field: number): EvtxValue | undefined {
  return findSystem(cc, inst, Context.Document, field, 0);
}

function findSystem(cc: ChunkContext, inst: Instance, ctx: ContextId, field: number, nesting: number): EvtxValue | undefined {
  const plan = planFor(inst, ctx);
  const parts = plan.system[field];
  if (parts !== undefined) return partsValue(cc, inst, parts, nesting) ?? undefined;
  if (!plan.nestedEvent || nesting >= MAX_NESTING) return undefined;
  for (const item of plan.items) {
    if (!item.nested || (item.ctx !== Context.Document && item.ctx !== Context.Event)) continue;
    const child = nestedInstance(cc, inst, item);
    const v = child ? findSystem(cc, child, item.ctx, field, nesting + 1) : undefined;
    if (v !== undefined) return v;
  }
  return undefined;
}

// Conversions of System values to the record's field types.

export function asText(v: EvtxValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(asText).join(', ');
  if (v instanceof Uint8Array) return '';
  return String(v);
}

export function asNumber(v: EvtxValue | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : 0;
  }
  return 0;
}

/** GUID in braces, upper case. */
export function asGuid(v: EvtxValue | undefined): string {
  // GUID-typed values already come as {UPPER}.
  if (typeof v === 'string' && v.length === 38 && v.charCodeAt(0) === 123 && !/[a-z]/.test(v)) return v;
  const s = asText(v).trim().toUpperCase();
  if (!s) return '';
  return s.startsWith('{') ? s : `{${s}}`;
}

/** FILETIME ticks from a FileTime/SysTime value or from ISO text; null if neither. */
export function asFileTime(v: EvtxValue | undefined): bigint | null {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'string') return isoToFileTime(v);
  return null;
}

