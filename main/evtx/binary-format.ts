// Constants of the EVTX file format and MS-EVEN6 binary XML, shared by the reader and the writer.
// Source: libyal/libevtx "Windows XML Event Log (EVTX) format" and [MS-EVEN6] section 3.1.4.7.

export const FILE_SIGNATURE = 'ElfFile\0';
export const CHUNK_SIGNATURE = 'ElfChnk\0';
export const RECORD_SIGNATURE = 0x00002a2a;

export const FILE_HEADER_SIZE = 128;
/** The file header occupies a whole 4 KiB block; the first chunk starts after it. */
export const FILE_HEADER_BLOCK_SIZE = 4096;
export const CHUNK_SIZE = 65536;
export const CHUNK_HEADER_SIZE = 128;
/** Offset of the first record in a chunk: header, 64 string buckets and 32 template buckets. */
export const CHUNK_RECORDS_OFFSET = 512;
export const CHUNK_STRING_TABLE_OFFSET = 0x80;
export const CHUNK_STRING_BUCKETS = 64;
export const CHUNK_TEMPLATE_TABLE_OFFSET = 0x180;
export const CHUNK_TEMPLATE_BUCKETS = 32;
/** Record header: signature, size, record id, written time. */
export const RECORD_HEADER_SIZE = 24;

/** File header flags. */
export const FILE_FLAG_DIRTY = 0x1;

/** Binary XML tokens. A token with 0x40 set has "more bits": attributes follow / value continues. */
export const Token = {
  EndOfFragment: 0x00,
  OpenStartElement: 0x01,
  CloseStartElement: 0x02,
  CloseEmptyElement: 0x03,
  EndElement: 0x04,
  Value: 0x05,
  Attribute: 0x06,
  CDataSection: 0x07,
  CharRef: 0x08,
  EntityRef: 0x09,
  PITarget: 0x0a,
  PIData: 0x0b,
  TemplateInstance: 0x0c,
  NormalSubstitution: 0x0d,
  OptionalSubstitution: 0x0e,
  FragmentHeader: 0x0f,
} as const;
export const TOKEN_HAS_MORE = 0x40;

/** Substitution / value types. `| ARRAY_FLAG` makes an array of that type. */
export const ValueType = {
  Null: 0x00,
  String: 0x01,
  AnsiString: 0x02,
  Int8: 0x03,
  UInt8: 0x04,
  Int16: 0x05,
  UInt16: 0x06,
  Int32: 0x07,
  UInt32: 0x08,
  Int64: 0x09,
  UInt64: 0x0a,
  Real32: 0x0b,
  Real64: 0x0c,
  Bool: 0x0d,
  Binary: 0x0e,
  Guid: 0x0f,
  SizeT: 0x10,
  FileTime: 0x11,
  SysTime: 0x12,
  Sid: 0x13,
  HexInt32: 0x14,
  HexInt64: 0x15,
  EvtHandle: 0x20,
  BinXml: 0x21,
  EvtXml: 0x23,
} as const;
export const ARRAY_FLAG = 0x80;

/** Seconds between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
export const FILETIME_UNIX_EPOCH_SECONDS = 11644473600n;
