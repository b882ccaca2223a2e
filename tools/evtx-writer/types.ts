// Public input types of the EVTX writer: what a fixture author describes, not how it is encoded.

/**
 * A point in time: a Date (millisecond precision), a FILETIME as bigint (100 ns ticks since 1601, exact),
 * or an ISO 8601 string with up to 7 fraction digits (8-9 are accepted when they are zeros, as libevtx prints them).
 */
export type EvtxTime = Date | bigint | string;

/** Value types a substitution can carry, by name. `…[]` is an array of that type. */
export type EvtxScalarTypeName =
  | 'string'
  | 'ansistring'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'real32'
  | 'real64'
  | 'bool'
  | 'binary'
  | 'guid'
  | 'sizet'
  | 'filetime'
  | 'systime'
  | 'sid'
  | 'hexint32'
  | 'hexint64';

export type EvtxArrayTypeName =
  | 'string[]'
  | 'ansistring[]'
  | 'int8[]'
  | 'uint8[]'
  | 'int16[]'
  | 'uint16[]'
  | 'int32[]'
  | 'uint32[]'
  | 'int64[]'
  | 'uint64[]'
  | 'real32[]'
  | 'real64[]'
  | 'bool[]'
  | 'guid[]'
  | 'sizet[]'
  | 'filetime[]'
  | 'systime[]'
  | 'hexint32[]'
  | 'hexint64[]';

/** Every type name, plus 'binxml' (an embedded XML fragment) and 'null' (a value that is always absent). */
export type EvtxDataTypeName = EvtxScalarTypeName | EvtxArrayTypeName | 'binxml' | 'null';

/** A plain XML element, for embedded BinXml values and flat (non-template) records. */
export interface EvtxXmlElement {
  name: string;
  attributes?: Readonly<Record<string, string>>;
  children?: readonly (EvtxXmlElement | string)[];
}

type Int32Name = 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'hexint32' | 'real32' | 'real64';
type Int64Name = 'int64' | 'uint64' | 'hexint64' | 'sizet';

/**
 * A value: its type decides both the template's declared type (part of the template's identity) and the encoding.
 * `value: null` writes a Null substitution for that slot (Windows does this for absent optional values), keeping
 * the declared type, so the record still shares the template of records that do have the value.
 */
export type EvtxTypedValue =
  | { type?: 'string'; value: string | null }
  | { type: 'ansistring'; value: string | null }
  | { type: Int32Name; value: number | null }
  | { type: Int64Name; value: bigint | number | null }
  | { type: 'bool'; value: boolean | null }
  | { type: 'binary'; value: Uint8Array | null }
  | { type: 'guid' | 'sid'; value: string | null }
  | { type: 'filetime' | 'systime'; value: EvtxTime | null }
  | { type: 'string[]' | 'ansistring[]' | 'guid[]'; value: readonly string[] | null }
  | { type: `${Int32Name}[]`; value: readonly number[] | null }
  | { type: `${Int64Name}[]`; value: readonly (bigint | number)[] | null }
  | { type: 'bool[]'; value: readonly boolean[] | null }
  | { type: 'filetime[]' | 'systime[]'; value: readonly EvtxTime[] | null }
  | { type: 'binxml'; value: EvtxXmlElement | null }
  | { type: 'null'; value?: null };

/** One EventData `<Data>` (unnamed when `name` is absent) or one UserData field. Strings by default. */
export type EvtxDataItem = { name?: string } & EvtxTypedValue;

/** `<UserData><{element} xmlns="{xmlns}"><{field.name}>value</…>…</…></UserData>`, as manifest UserData events have. */
export interface EvtxUserData {
  element: string;
  xmlns?: string;
  /** Each field needs a name: it becomes the child element's name. */
  fields: readonly EvtxDataItem[];
}

export interface EvtxProviderInput {
  name: string;
  /** With or without braces, any case. */
  guid?: string;
  /** Classic events only: the legacy source name Windows shows next to a manifest provider. */
  eventSourceName?: string;
}

export interface EvtxEventInput {
  /** System/TimeCreated/@SystemTime. */
  time: EvtxTime;
  /** When the record was written (record header); defaults to `time`. */
  writtenTime?: EvtxTime;
  provider: EvtxProviderInput | string;
  eventId: number;
  /** EventID/@Qualifiers; absent for manifest events unless given, 0 for classic ones. */
  qualifiers?: number;
  version?: number;
  /** Default 4 (Information). */
  level?: number;
  task?: number;
  opcode?: number;
  /** Default 0 for manifest events, 0x80000000000000 (EventLogClassic) for classic ones. */
  keywords?: bigint | number;
  channel: string;
  computer: string;
  processId?: number;
  threadId?: number;
  /** Security/@UserID as an SDDL string (S-1-5-18); omitted when absent. */
  userSid?: string;
  activityId?: string;
  relatedActivityId?: string;
  /** EventData values. Mutually exclusive with `userData`. */
  data?: readonly EvtxDataItem[];
  userData?: EvtxUserData;
  /**
   * 'manifest' (default): an ETW/manifest provider such as Microsoft-Windows-AAD; provider and channel are substituted.
   * 'classic': an event written with ReportEvent / .NET EventLog.WriteEntry (e.g. SRS-App); provider and channel are
   * literals, data are unnamed insertion strings (one string-array substitution) plus optional raw `binary` data.
   */
  style?: 'manifest' | 'classic';
  /** Classic events only: the raw data shown as EventData/Binary. */
  binary?: Uint8Array;
  /** Overrides the writer's layout for this event. */
  layout?: EvtxLayout;
}

/**
 * 'nested' (default, what Windows writes): one System template per computer/provider kind whose last substitution
 *   is a BinXml value holding a second template instance for EventData/UserData.
 * 'inline': a single template holding System and EventData/UserData, data substitutions after the System ones.
 */
export type EvtxLayout = 'nested' | 'inline';

export interface EvtxFlatOptions {
  /**
   * MS-EVEN6 gives elements outside template definitions no dependency identifier, and forwarded (WEC) records,
   * the shape this mimics, have none. true adds one (0xFFFF) after each element start token: not what Windows
   * writes, but the only flat shape Debian's libevtx (20181227) reads, so tests can check flat content with it.
   */
  dependencyIds?: boolean;
}

export interface EvtxWriterOptions {
  /** Default 1. */
  firstRecordId?: bigint | number;
  /** Start a new chunk after this many records even if the chunk has room; to span chunks with few records. */
  maxRecordsPerChunk?: number;
  /** File format version written in the header; default '3.1'. */
  version?: '3.1' | '3.2';
  /** false: set the "no CRC32" flags and leave every checksum 0, as some 3.2 logs are. Default true. */
  checksums?: boolean;
  /** Set the file header's dirty flag, as a log copied from a running system has. Default false. */
  dirty?: boolean;
  layout?: EvtxLayout;
}
