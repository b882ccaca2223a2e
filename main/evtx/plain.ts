// Records as plain, structured-clonable data (for worker threads), and records rebuilt from it.
import { isDataError } from './bytes';
import { renderInstance } from './render-xml';
import { ChunkContext, recordInstance } from './template';
import type { EvtxRecord, EvtxValue } from './types';

/** Everything of an EvtxRecord except xml(), plus where the record lies in its chunk. */
export interface PlainRecord {
  recordId: bigint;
  time: string;
  fileTime: bigint;
  eventId: number;
  level: number;
  provider: string;
  providerGuid: string;
  channel: string;
  computer: string;
  activityId: string;
  relatedActivityId: string;
  data: { named: Record<string, EvtxValue>; positional: EvtxValue[] };
  chunkIndex: number;
  recordOffset: number;
  /** The XML when it was rendered where the record was read. */
  xml?: string;
}

/** A parsed record's fields with its data materialised (and its XML when asked for). */
export function toPlain(r: EvtxRecord & { recordOffset: number; readable: boolean }, withXml: boolean): PlainRecord {
  const plain: PlainRecord = {
    recordId: r.recordId,
    time: r.time,
    fileTime: r.fileTime,
    eventId: r.eventId,
    level: r.level,
    provider: r.provider,
    providerGuid: r.providerGuid,
    channel: r.channel,
    computer: r.computer,
    activityId: r.activityId,
    relatedActivityId: r.relatedActivityId,
    // Spread into a plain object: structured clone keeps no prototypes anyway.
    data: { named: { ...r.data.named }, positional: r.data.positional },
    chunkIndex: r.chunkIndex,
    recordOffset: r.recordOffset,
  };
  // An unreadable record's fallback XML needs its header fields: render it here.
  if (withXml || !r.readable) plain.xml = r.xml();
  return plain;
}

/**
 * The bytes of a chunk whose records came back from a worker, shared by those records so that
 * xml() can be rendered on demand; templates are compiled on the first such call.
 */
export class ChunkBytes {
  private cc: ChunkContext | null = null;

  constructor(
    readonly bytes: Buffer,
    readonly chunkIndex: number,
  ) {}

  xml(recordOffset: number): string {
    this.cc ??= new ChunkContext(this.bytes, this.chunkIndex);
    try {
      return renderInstance(this.cc, recordInstance(this.cc, recordOffset), 0);
    } catch (err) {
      if (!isDataError(err)) throw err;
      return `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">\n  <!-- binary XML of this record is unreadable -->\n</Event>\n`;
    }
  }
}

/** An EvtxRecord over plain data; its XML is the one rendered in the worker or rendered now. */
export class PlainBackedRecord implements EvtxRecord {
  readonly recordId: bigint;
  readonly time: string;
  readonly fileTime: bigint;
  readonly eventId: number;
  readonly level: number;
  readonly provider: string;
  readonly providerGuid: string;
  readonly channel: string;
  readonly computer: string;
  readonly activityId: string;
  readonly relatedActivityId: string;
  readonly data: { named: Record<string, EvtxValue>; positional: EvtxValue[] };
  readonly chunkIndex: number;
  readonly recordOffset: number;
  readonly #xml: string | undefined;
  readonly #chunk: ChunkBytes | null;

  constructor(p: PlainRecord, chunk: ChunkBytes | null) {
    this.recordId = p.recordId;
    this.time = p.time;
    this.fileTime = p.fileTime;
    this.eventId = p.eventId;
    this.level = p.level;
    this.provider = p.provider;
    this.providerGuid = p.providerGuid;
    this.channel = p.channel;
    this.computer = p.computer;
    this.activityId = p.activityId;
    this.relatedActivityId = p.relatedActivityId;
    // Back to a null-prototype object: names come from the file.
    this.data = { named: Object.assign(Object.create(null) as Record<string, EvtxValue>, p.data.named), positional: p.data.positional };
    this.chunkIndex = p.chunkIndex;
    this.recordOffset = p.recordOffset;
    this.#xml = p.xml;
    this.#chunk = chunk;
  }

  xml(): string {
    return this.#xml ?? this.#chunk?.xml(this.recordOffset) ?? '';
  }
}
