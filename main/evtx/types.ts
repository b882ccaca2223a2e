// Public types of the EVTX reader. The rest of the app depends on these, not on reader internals.

/** A rendered substitution value. 64-bit integers stay bigint so nothing is rounded. */
export type EvtxValue =
  | null
  | string
  | number
  | bigint
  | boolean
  | Uint8Array
  | EvtxValue[];

export interface EvtxRecord {
  /** EventRecordID from the record header. */
  recordId: bigint;
  /** System/TimeCreated/@SystemTime (falls back to the record header's written time), ISO 8601 with 100 ns precision: 2024-05-01T10:11:12.1234567Z */
  time: string;
  /** The same instant as a FILETIME (100 ns ticks since 1601), exact. */
  fileTime: bigint;
  eventId: number;
  /** System/Level, 0 when absent. */
  level: number;
  provider: string;
  /** Provider GUID in braces, upper case, or '' when absent. */
  providerGuid: string;
  channel: string;
  computer: string;
  /** System/Correlation/@ActivityID and @RelatedActivityID, '' when absent. */
  activityId: string;
  relatedActivityId: string;
  /** EventData/Data (or UserData leaf) values: named ones by Name, unnamed ones in `positional` (named ones appear there too, in order). */
  data: { named: Record<string, EvtxValue>; positional: EvtxValue[] };
  /** Offset of the chunk in the file and index of the chunk, for provenance. */
  chunkIndex: number;
  /** The record rendered as XML, computed on demand. */
  xml(): string;
  /**
   * True when `other` is a record of the same chunk and template whose data values have the same bytes, so its
   * `data` is equal: a reader can reuse what it worked out from one without decoding the other. False when
   * unsure. Absent on records that do not offer it.
   */
  sameData?(other: EvtxRecord): boolean;
}

export type EvtxProblemKind =
  | 'not-evtx'
  | 'bad-file-header'
  | 'truncated-file'
  | 'bad-chunk-signature'
  | 'bad-chunk-header-crc'
  | 'bad-chunk-data-crc'
  | 'bad-record'
  | 'torn-record'
  /** Fewer chunks or records than the file's or a chunk's header declares. */
  | 'missing-records'
  | 'bad-binxml'
  | 'io-error';

export interface EvtxProblem {
  kind: EvtxProblemKind;
  /** File path (or the name the caller gave a buffer). */
  file: string;
  chunkIndex?: number;
  /** Byte offset in the file where the problem was found. */
  offset?: number;
  recordId?: bigint;
  /** Bytes of the file this problem leaves unread (a cut header, a block that is not a chunk, a torn record and what follows it in its chunk). */
  bytes?: number;
  /** missing-records: what was declared against what was read (numbers, so a JSON form can carry them). */
  records?: MissingRecords;
  message: string;
}

/** Records a header declares against those read: the basis of "about N events could not be read". */
export interface MissingRecords {
  /** The last record id the header declares, or null when it declares none. */
  declaredLast: number | null;
  /** Records read (of the file, or of the chunk for a chunk's header); null when not read (an inventory looks at the first chunk only). */
  read: number | null;
  /** About how many records could not be read, or null when that cannot be told (an old log's ids do not start at 1, a header not updated). */
  unread: number | null;
  /** The file ends before the chunks its header declares: the records after some point are gone. */
  cutShort?: boolean;
}

/** Applied before substitution values are rendered, so skipped records cost almost nothing. */
export interface EvtxFilter {
  eventIds?: readonly number[];
  /** Case-insensitive. */
  channels?: readonly string[];
  /** Case-insensitive provider names. */
  providers?: readonly string[];
}

export interface EvtxPeek {
  channel: string;
  provider: string;
  computer: string;
}
