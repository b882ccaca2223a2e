// EvtxRecord over a parsed record. Every field is read from the chunk when first asked for (and
// kept): a caller that only wants XML, or only a few fields, pays for nothing else.
import { escapeText, type Instance } from './binxml';
import { asFileTime, asGuid, asNumber, asText, emptyData, extractData, extractDataTo, sameDataValues, SystemField, systemSubIndex, systemValue, type DataSink, type EventData } from './fields';
import { ValueType } from './binary-format';
import { isDataError } from './bytes';
import { renderRecordXml } from './render-xml';
import type { ChunkContext } from './template';
import { fileTimePartsToIso, fileTimeToIso } from './filetime';
import type { EvtxRecord, EvtxValue } from './types';

export class ParsedRecord implements EvtxRecord {
  readonly recordId: bigint;
  readonly chunkIndex: number;
  /** Offset of the record within its chunk. */
  readonly recordOffset: number;
  // Private fields keep the chunk out of JSON.stringify and structured clones of the record.
  readonly #cc: ChunkContext;
  readonly #inst: Instance | null;
  #data: EventData | undefined;
  #time: string | undefined;
  #fileTime: bigint | undefined;
  #eventId: number | undefined;
  #level: number | undefined;
  #provider: string | undefined;
  #providerGuid: string | undefined;
  #channel: string | undefined;
  #computer: string | undefined;
  #activityId: string | undefined;
  #relatedActivityId: string | undefined;

  /** `inst` is null for a record whose binary XML is unreadable: it keeps its header fields. */
  constructor(cc: ChunkContext, offset: number, recordId: bigint, inst: Instance | null) {
    this.#cc = cc;
    this.#inst = inst;
    this.chunkIndex = cc.chunkIndex;
    this.recordOffset = offset;
    this.recordId = recordId;
  }

  /** A System value of this record; undefined when absent or unreadable. */
  #sys(field: number): EvtxValue | undefined {
    if (!this.#inst) return undefined;
    try {
      return systemValue(this.#cc, this.#inst, field);
    } catch (err) {
      if (!isDataError(err)) throw err;
      return undefined;
    }
  }

  get time(): string {
    if (this.#time === undefined) this.#readTime();
    return this.#time ?? '';
  }

  get fileTime(): bigint {
    if (this.#fileTime === undefined) this.#readTime();
    return this.#fileTime ?? 0n;
  }

  /** System/TimeCreated/@SystemTime, or the record header's written time. */
  #readTime(): void {
    const inst = this.#inst;
    const buf = this.#cc.buf;
    // TimeCreated is nearly always one FILETIME substitution: format it from the bytes.
    const t = inst ? systemSubIndex(inst, SystemField.Time) : -1;
    const off = inst?.values[t * 3] ?? 0;
    if (t >= 0 && inst?.values[t * 3 + 2] === ValueType.FileTime && inst.values[t * 3 + 1] === 8) {
      this.#fileTime = buf.readBigUInt64LE(off);
      this.#time = fileTimePartsToIso(buf.readUInt32LE(off + 4), buf.readUInt32LE(off));
    } else {
      this.#fileTime = asFileTime(this.#sys(SystemField.Time)) ?? buf.readBigUInt64LE(this.recordOffset + 16);
      this.#time = fileTimeToIso(this.#fileTime);
    }
  }

  get eventId(): number {
    return (this.#eventId ??= asNumber(this.#sys(SystemField.EventId)));
  }

  get level(): number {
    return (this.#level ??= asNumber(this.#sys(SystemField.Level)));
  }

  get provider(): string {
    return (this.#provider ??= asText(this.#sys(SystemField.Provider)) || asText(this.#sys(SystemField.EventSourceName)));
  }

  get providerGuid(): string {
    return (this.#providerGuid ??= asGuid(this.#sys(SystemField.ProviderGuid)));
  }

  get channel(): string {
    return (this.#channel ??= asText(this.#sys(SystemField.Channel)));
  }

  get computer(): string {
    return (this.#computer ??= asText(this.#sys(SystemField.Computer)));
  }

  get activityId(): string {
    return (this.#activityId ??= asGuid(this.#sys(SystemField.ActivityId)));
  }

  get relatedActivityId(): string {
    return (this.#relatedActivityId ??= asGuid(this.#sys(SystemField.RelatedActivityId)));
  }

  /** False when the record's binary XML could not be read (only header fields are real). */
  get readable(): boolean {
    return this.#inst !== null;
  }

  get data(): EventData {
    if (this.#data) return this.#data;
    let data = emptyData();
    if (this.#inst) {
      try {
        data = extractData(this.#cc, this.#inst);
      } catch (err) {
        if (!isDataError(err)) throw err;
      }
    }
    return (this.#data = data);
  }

  sameData(other: EvtxRecord): boolean {
    // Same chunk only: offsets inside nested binary XML mean the same things only within one chunk.
    if (!(other instanceof ParsedRecord) || this.#cc !== other.#cc || !this.#inst || !other.#inst) return false;
    try {
      return sameDataValues(this.#cc.buf, this.#inst, other.#inst);
    } catch (err) {
      if (!isDataError(err)) throw err;
      return false;
    }
  }

  /** Hands the data values to `sink` in order, without building `data` (for packing). */
  dataTo(sink: DataSink): void {
    if (!this.#inst) return;
    try {
      extractDataTo(this.#cc, this.#inst, sink);
    } catch (err) {
      if (!isDataError(err)) throw err;
    }
  }

  xml(): string {
    if (this.#inst) {
      try {
        const xml = renderRecordXml(this.#cc, this.#inst);
        // A damaged template can render to nothing (its elements lost, only empty values left); the record
        // still exists, as the JSON output shows, so the XML output must not drop it.
        return xml || this.fallbackXml('binary XML of this record renders no elements');
      } catch (err) {
        if (!isDataError(err)) throw err;
        return this.fallbackXml(err.message);
      }
    }
    return this.fallbackXml('binary XML of this record is unreadable');
  }

  /** For unreadable binary XML: says so, with what the record header still tells. */
  private fallbackXml(why: string): string {
    return (
      '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">\n' +
      `  <!-- ${escapeText(why).replace(/--/g, '- -')} -->\n` +
      '  <System>\n' +
      `    <TimeCreated SystemTime="${escapeText(this.time)}"/>\n` +
      `    <EventRecordID>${this.recordId}</EventRecordID>\n` +
      '  </System>\n' +
      '</Event>\n'
    );
  }
}
