// The template shapes Windows uses for events, as element trees with substitution slots, and their identity.
// Modelled on real logs: a System template (manifest providers substitute provider and channel, classic
// ReportEvent sources have them as literals) whose last slot holds EventData/UserData as a nested template instance.
import { createHash } from 'node:crypto';
import { ARRAY_FLAG, ValueType } from '../../main/evtx/binary-format';
import type { BxElement, BxNode, BxSubst, BxTemplate, BxText } from './binxml-builder';
import { typeCode, typeNameOf } from './values';
import type { EvtxDataItem, EvtxUserData, EvtxXmlElement } from './types';

export const EVENT_NAMESPACE = 'http://schemas.microsoft.com/win/2004/08/events/event';

/** Substitution slots of the System template, by the index Windows gives them. */
export const Slot = {
  Level: 0,
  Opcode: 1,
  Task: 2,
  EventId: 3,
  Qualifiers: 4,
  Keywords: 5,
  TimeCreated: 6,
  ActivityId: 7,
  ProcessId: 8,
  ThreadId: 9,
  EventRecordId: 10,
  Version: 11,
  UserId: 12,
  /** Manifest template only; classic templates have Provider and Channel as literals. */
  RelatedActivityIdManifest: 13,
  ProviderName: 14,
  ProviderGuid: 15,
  Channel: 16,
  /** The BinXml slot holding EventData/UserData, and the slot count before it. */
  DataManifest: 17,
  /** Classic templates leave 13-17 unused and put RelatedActivityID at 18. */
  RelatedActivityIdClassic: 18,
  DataClassic: 19,
} as const;

export const text = (t: string): BxText => ({ kind: 'text', text: t });
const opt = (index: number, type: number): BxSubst => ({ kind: 'subst', index, type, optional: true });
const norm = (index: number, type: number): BxSubst => ({ kind: 'subst', index, type, optional: false });
const el = (name: string, attributes: BxElement['attributes'], children: readonly BxNode[] = []): BxElement => ({
  kind: 'element',
  name,
  attributes,
  children,
});

export interface SystemLiterals {
  style: 'manifest' | 'classic';
  computer: string;
  /** Classic only. */
  providerName?: string;
  providerGuid?: string;
  eventSourceName?: string;
  channel?: string;
}

function systemElement(lit: SystemLiterals): BxElement {
  const classic = lit.style === 'classic';
  const providerAttrs: { name: string; value: BxText | BxSubst }[] = classic
    ? [{ name: 'Name', value: text(lit.providerName ?? '') }]
    : [
        { name: 'Name', value: opt(Slot.ProviderName, ValueType.String) },
        { name: 'Guid', value: opt(Slot.ProviderGuid, ValueType.Guid) },
      ];
  if (classic && lit.providerGuid) providerAttrs.push({ name: 'Guid', value: text(lit.providerGuid) });
  if (classic && lit.eventSourceName) providerAttrs.push({ name: 'EventSourceName', value: text(lit.eventSourceName) });
  const related = classic ? Slot.RelatedActivityIdClassic : Slot.RelatedActivityIdManifest;
  return el('System', [], [
    el('Provider', providerAttrs),
    el('EventID', [{ name: 'Qualifiers', value: opt(Slot.Qualifiers, ValueType.UInt16) }], [opt(Slot.EventId, ValueType.UInt16)]),
    el('Version', [], [opt(Slot.Version, ValueType.UInt8)]),
    el('Level', [], [opt(Slot.Level, ValueType.UInt8)]),
    el('Task', [], [opt(Slot.Task, ValueType.UInt16)]),
    el('Opcode', [], [opt(Slot.Opcode, ValueType.UInt8)]),
    el('Keywords', [], [opt(Slot.Keywords, ValueType.HexInt64)]),
    el('TimeCreated', [{ name: 'SystemTime', value: opt(Slot.TimeCreated, ValueType.FileTime) }]),
    el('EventRecordID', [], [opt(Slot.EventRecordId, ValueType.UInt64)]),
    el('Correlation', [
      { name: 'ActivityID', value: opt(Slot.ActivityId, ValueType.Guid) },
      { name: 'RelatedActivityID', value: opt(related, ValueType.Guid) },
    ]),
    el('Execution', [
      { name: 'ProcessID', value: opt(Slot.ProcessId, ValueType.UInt32) },
      { name: 'ThreadID', value: opt(Slot.ThreadId, ValueType.UInt32) },
    ]),
    el('Channel', [], [classic ? text(lit.channel ?? '') : opt(Slot.Channel, ValueType.String)]),
    el('Computer', [], [text(lit.computer)]),
    el('Security', [{ name: 'UserID', value: opt(Slot.UserId, ValueType.Sid) }]),
  ]);
}

/** Index of the first data slot: the BinXml slot for the nested layout, or where inline data substitutions start. */
export function dataSlot(style: 'manifest' | 'classic'): number {
  return style === 'classic' ? Slot.DataClassic : Slot.DataManifest;
}

/** Event template. `inlineData` null: nested layout, the data is a BinXml value in the last slot. */
export function eventTemplateRoot(lit: SystemLiterals, inlineData: BxElement | null): BxElement {
  const body: BxNode = inlineData ?? opt(dataSlot(lit.style), ValueType.BinXml);
  return el('Event', [{ name: 'xmlns', value: text(EVENT_NAMESPACE) }], [systemElement(lit), body]);
}

/** `<EventData><Data Name="…">%n</Data>…</EventData>`; manifest events use normal substitutions for data. */
export function eventDataElement(items: readonly EvtxDataItem[], base: number): BxElement {
  return el(
    'EventData',
    [],
    items.map((it, i) =>
      el('Data', it.name === undefined ? [] : [{ name: 'Name', value: text(it.name) }], [norm(base + i, typeCode(typeNameOf(it)))]),
    ),
  );
}

export function userDataElement(ud: EvtxUserData, base: number): BxElement {
  return el('UserData', [], [
    el(
      ud.element,
      ud.xmlns === undefined ? [] : [{ name: 'xmlns', value: text(ud.xmlns) }],
      ud.fields.map((f, i) => {
        if (!f.name) throw new TypeError(`userData.fields[${i}] needs a name: it becomes the element name`);
        return el(f.name, [], [norm(base + i, typeCode(typeNameOf(f)))]);
      }),
    ),
  ]);
}

/** Classic (ReportEvent) data: all insertion strings in one string array, the raw data as Binary (slot +2). */
export function classicEventDataElement(base: number): BxElement {
  return el('EventData', [], [
    el('Data', [], [opt(base, ValueType.String | ARRAY_FLAG)]),
    el('Binary', [], [opt(base + 2, ValueType.Binary)]),
  ]);
}

/** Converts a caller's plain XML into BinXML nodes with literal text. */
export function plainElement(x: EvtxXmlElement): BxElement {
  return el(
    x.name,
    Object.entries(x.attributes ?? {}).map(([name, value]) => ({ name, value: text(value) })),
    (x.children ?? []).map((c) => (typeof c === 'string' ? text(c) : plainElement(c))),
  );
}

/**
 * Templates are immutable, so one object serves every chunk; the chunk only records where it defined it.
 * The GUID is derived from the template's content, so the same shape always gets the same GUID, as Windows' do.
 */
export class TemplateCache {
  private readonly byShape = new Map<string, BxTemplate>();

  get(shapeKey: string, build: () => BxElement): BxTemplate {
    let tpl = this.byShape.get(shapeKey);
    if (!tpl) {
      const root = build();
      const guid = createHash('md5').update(JSON.stringify(root)).digest();
      tpl = { key: shapeKey, guid, root };
      this.byShape.set(shapeKey, tpl);
    }
    return tpl;
  }
}
