// EvtxRecord over a parsed record. System fields are read when the record is made; data values
// and XML stay in the chunk buffer until asked for.
import { escapeText, type Instance } from './binxml';
import { asFileTime, asGuid, asNumber, asText, emptyData, extractData, extractDataTo, SystemField, systemSubIndex, systemValue, type DataSink, type EventData } from './fields';
import { ValueType } from './format';
import { isDataError } from './bytes';
import { renderInstance } from './render-xml';
import type { ChunkContext } from './template';
import { fileTimePartsToIso, fileTimeToIso } from './time';
import type { EvtxRecord } from './types';

export interface RecordHeader {
  /** Offset of the record in its chunk. */
  offset: number;
  recordId: bigint;
  /** The record header's written time (FILETIME). */
  writtenTime: bigint;
}

export class ParsedRecord implements EvtxRecord {
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
  /** Offset of the record within its chunk. */
  readonly recordOffset: number;
  // Private fields keep the chunk out of JSON.stringify and structured clones of the record.
  readonly #cc: ChunkContext;
  readonly #inst: Instance | null;
  #data: EventData | undefined;

  /** `inst` is null for a record whose binary XML is unreadable: it keeps its header fields. */
  constructor(cc: ChunkContext, header: RecordHeader, inst: Instance | null) {
    this.#cc = cc;
    this.#inst = inst;
    this.chunkIndex = cc.chunkIndex;
    this.recordOffset = header.offset;
    this.recordId = header.recordId;
    const sys = (field: number): ReturnType<typeof systemValue> => (inst ? systemValue(cc, inst, field) : undefined);
    // TimeCreated is nearly always one FILETIME substitution: format it from the bytes.
    const t = inst ? systemSubIndex(inst, SystemField.Time) : -1;
    const tOff = inst?.values[t * 3] ?? 0;
    if (t >= 0 && inst?.values[t * 3 + 2] === ValueType.FileTime && inst.values[t * 3 + 1] === 8) {
      this.fileTime = cc.buf.readBigUInt64LE(tOff);
      this.time = fileTimePartsToIso(cc.buf.readUInt32LE(tOff + 4), cc.buf.readUInt32LE(tOff));
    } else {
      this.fileTime = asFileTime(sys(SystemField.Time)) ?? header.writtenTime;
      this.time = fileTimeToIso(this.fileTime);
    }
    this.eventId = asNumber(sys(SystemField.EventId));
    this.level = asNumber(sys(SystemField.Level));
    this.provider = asText(sys(SystemField.Provider)) || asText(sys(SystemField.EventSourceName));
    this.providerGuid = asGuid(sys(SystemField.ProviderGuid));
    this.channel = asText(sys(SystemField.Channel));
    this.computer = asText(sys(SystemField.Computer));
    this.activityId = asGuid(sys(SystemField.ActivityId));
    this.relatedActivityId = asGuid(sys(SystemField.RelatedActivityId));
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
        return renderInstance(this.#cc, this.#inst, 0);
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
