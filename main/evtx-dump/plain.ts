// Records crossing from a worker thread: a chunk's records packed into a few flat arrays
// (structured clone copies those far faster than one object per record), and records rebuilt
// from them in the receiving thread.
import { isDataError } from '../evtx/bytes';
import { addData, emptyData, extractData, type EventData } from '../evtx/fields';
import type { ParsedRecord } from '../evtx/record';
import { renderInstance } from '../evtx/render-xml';
import { ChunkContext, recordInstance } from '../evtx/template';
import type { EvtxRecord, EvtxValue } from '../evtx/types';

/** String fields per record in ChunkPack.strings, in this order. */
const S_TIME = 0;
const S_PROVIDER = 1;
const S_PROVIDER_GUID = 2;
const S_CHANNEL = 3;
const S_COMPUTER = 4;
const S_ACTIVITY = 5;
const S_RELATED = 6;
const STRING_FIELDS = 7;
/** Number fields per record in ChunkPack.numbers. */
const N_EVENT_ID = 0;
const N_LEVEL = 1;
const N_OFFSET = 2;
const NUMBER_FIELDS = 3;

/** One chunk's records as columns. */
export interface ChunkPack {
  chunkIndex: number;
  recordIds: bigint[];
  fileTimes: bigint[];
  strings: string[];
  numbers: number[];
  /** Record i's data values are items dataStart[i] .. dataStart[i + 1] of names/values/expand (empty when data was not packed). */
  dataStart: number[];
  names: (string | null)[];
  values: EvtxValue[];
  expand: boolean[];
  /** Record i's XML when it was rendered where the record was read (always for unreadable records). */
  xml: (string | null)[];
}

export function packRecords(records: readonly ParsedRecord[], chunkIndex: number, withXml: boolean, withData: boolean): ChunkPack {
  const pack: ChunkPack = { chunkIndex, recordIds: [], fileTimes: [], strings: [], numbers: [], dataStart: withData ? [0] : [], names: [], values: [], expand: [], xml: [] };
  const sink = (name: string | null, value: EvtxValue, expand: boolean): void => {
    pack.names.push(name);
    pack.values.push(value);
    pack.expand.push(expand);
  };
  for (const r of records) {
    pack.recordIds.push(r.recordId);
    pack.fileTimes.push(r.fileTime);
    pack.strings.push(r.time, r.provider, r.providerGuid, r.channel, r.computer, r.activityId, r.relatedActivityId);
    pack.numbers.push(r.eventId, r.level, r.recordOffset);
    if (withData) {
      r.dataTo(sink);
      pack.dataStart.push(pack.names.length);
    }
    // An unreadable record's fallback XML needs its header fields: render it here.
    pack.xml.push(withXml || !r.readable ? r.xml() : null);
  }
  return pack;
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

  data(recordOffset: number): EventData {
    this.cc ??= new ChunkContext(this.bytes, this.chunkIndex);
    try {
      return extractData(this.cc, recordInstance(this.cc, recordOffset));
    } catch (err) {
      if (!isDataError(err)) throw err;
      return emptyData();
    }
  }
}

/** Record `i` of a pack. Its data is assembled on first use; its XML is the packed one or rendered now. */
export class PackedRecord implements EvtxRecord {
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
  readonly chunkIndex: number;
  readonly recordOffset: number;
  readonly #pack: ChunkPack;
  readonly #index: number;
  readonly #chunk: ChunkBytes | null;
  #data: EventData | undefined;

  constructor(pack: ChunkPack, i: number, chunk: ChunkBytes | null) {
    const s = (k: number): string => pack.strings[i * STRING_FIELDS + k] ?? '';
    const n = (k: number): number => pack.numbers[i * NUMBER_FIELDS + k] ?? 0;
    this.recordId = pack.recordIds[i] ?? 0n;
    this.fileTime = pack.fileTimes[i] ?? 0n;
    this.time = s(S_TIME);
    this.provider = s(S_PROVIDER);
    this.providerGuid = s(S_PROVIDER_GUID);
    this.channel = s(S_CHANNEL);
    this.computer = s(S_COMPUTER);
    this.activityId = s(S_ACTIVITY);
    this.relatedActivityId = s(S_RELATED);
    this.eventId = n(N_EVENT_ID);
    this.level = n(N_LEVEL);
    this.recordOffset = n(N_OFFSET);
    this.chunkIndex = pack.chunkIndex;
    this.#pack = pack;
    this.#index = i;
    this.#chunk = chunk;
  }

  get data(): EventData {
    if (this.#data) return this.#data;
    const p = this.#pack;
    // Data left in the worker: extract it here from the chunk bytes.
    if (p.dataStart.length === 0) return (this.#data = this.#chunk?.data(this.recordOffset) ?? emptyData());
    const data = emptyData();
    const end = p.dataStart[this.#index + 1] ?? 0;
    for (let k = p.dataStart[this.#index] ?? 0; k < end; k++) addData(data, p.names[k] ?? null, p.values[k] ?? null, p.expand[k] ?? false);
    return (this.#data = data);
  }

  xml(): string {
    return this.#pack.xml[this.#index] ?? this.#chunk?.xml(this.recordOffset) ?? '';
  }
}
