// The synchronous core: one chunk's bytes in, its records and problems out. Chunks are
// independent, so this is all a worker thread needs.
import { asBuffer, isDataError } from './bytes';
import { hasChunkSignature, isZeroBlock, scanChunk } from './chunk';
import { compileFilter, matchesFilter, type CompiledFilter } from './filter';
import { CHUNK_HEADER_SIZE, CHUNK_SIZE, FILE_HEADER_BLOCK_SIZE } from './binary-format';
import { ParsedRecord } from './record';
import { ChunkContext, recordInstance } from './template';
import type { Instance } from './binxml';
import type { CompiledTemplate } from './template';
import type { EvtxFilter, EvtxProblem, EvtxRecord } from './types';

export interface ChunkReadOptions {
  /** File path or the caller's name for the bytes, for problems. */
  file: string;
  chunkIndex: number;
  /** Offset of the chunk in the file, for problems. */
  fileOffset: number;
  filter?: CompiledFilter | null;
  /** 'count' checks every record's binary XML but builds no record objects (for stats). */
  mode?: 'records' | 'count';
  /** Stop after this many readable records (for peeking). */
  maxRecords?: number;
  /** Dumping: every record is handed here as it is read, and no record objects are built. */
  sink?: RecordSink;
}

/**
 * Takes each record of a chunk in turn instead of the reader collecting it (the XML dump renders
 * it straight to bytes). `inst` is refilled for the next record, so the sink must be done with it
 * on return; it is null for a record whose binary XML cannot be read (its header fields still can).
 */
export interface RecordSink {
  record(cc: ChunkContext, offset: number, inst: Instance | null): void;
}

export interface ChunkReadResult {
  /** False when the block is not a chunk (bad signature or never used). */
  isChunk: boolean;
  records: ParsedRecord[];
  /** Records found, including ones the filter dropped. */
  recordCount: number;
  /** Id of the chunk's first record found (ids ascend in a chunk), for setting what was read against the file header. */
  firstRecordId: bigint | null;
  problems: EvtxProblem[];
}

// A sink is done with each record before the next: its instance is refilled, not allocated per record.
const sinkScratch: Instance = { tpl: null as unknown as CompiledTemplate, values: [] };

export function readChunk(bytes: Uint8Array, opts: ChunkReadOptions): ChunkReadResult {
  const result: ChunkReadResult = { isChunk: false, records: [], recordCount: 0, firstRecordId: null, problems: [] };
  const problem = (p: Omit<EvtxProblem, 'file' | 'chunkIndex'>): void => {
    result.problems.push({ file: opts.file, chunkIndex: opts.chunkIndex, ...p });
  };
  if (!hasChunkSignature(bytes) || bytes.length < CHUNK_HEADER_SIZE) {
    if (!isZeroBlock(bytes)) {
      problem({ kind: 'bad-chunk-signature', offset: opts.fileOffset, bytes: bytes.length, message: `chunk ${opts.chunkIndex} at offset ${opts.fileOffset} has no "ElfChnk" signature; skipped` });
    }
    return result;
  }
  result.isChunk = true;
  const buf = asBuffer(bytes);
  let scan;
  try {
    scan = scanChunk(buf);
  } catch (err) {
    if (!isDataError(err)) throw err;
    // Nothing of the chunk can be read.
    problem({ kind: 'bad-record', offset: opts.fileOffset, bytes: bytes.length, message: `chunk ${opts.chunkIndex}: ${err.message}` });
    return result;
  }
  for (const issue of scan.issues) {
    const bytes = issue.bytes === undefined ? {} : { bytes: issue.bytes };
    const records = issue.records === undefined ? {} : { records: issue.records };
    problem({ kind: issue.kind, offset: opts.fileOffset + issue.offset, ...bytes, ...records, message: `chunk ${opts.chunkIndex}: ${issue.message}` });
  }
  const firstOffset = scan.recordOffsets[0];
  if (firstOffset !== undefined) result.firstRecordId = buf.readBigUInt64LE(firstOffset + 8);
  const cc = new ChunkContext(buf, opts.chunkIndex);
  const filter = opts.filter ?? null;
  const counting = opts.mode === 'count';
  const sink = opts.sink;
  for (const offset of scan.recordOffsets) {
    result.recordCount++;
    let inst: Instance;
    try {
      inst = recordInstance(cc, offset, sink ? sinkScratch : undefined);
      if (filter && !matchesFilter(cc, inst, filter)) continue;
    } catch (err) {
      if (!isDataError(err)) throw err;
      badRecord(err, offset);
      continue;
    }
    if (counting) continue;
    if (sink) {
      sink.record(cc, offset, inst);
      continue;
    }
    result.records.push(new ParsedRecord(cc, offset, buf.readBigUInt64LE(offset + 8), inst));
    if (opts.maxRecords !== undefined && result.records.length >= opts.maxRecords) break;
  }
  return result;

  function badRecord(err: Error, offset: number): void {
    const recordId = buf.readBigUInt64LE(offset + 8);
    problem({
      kind: 'bad-binxml',
      offset: opts.fileOffset + offset,
      recordId,
      message: `record ${recordId} in chunk ${opts.chunkIndex}: ${err.message}`,
    });
    // The record exists (the structure is sound), so it is still returned with its header fields.
    if (counting || filter || opts.maxRecords !== undefined) return;
    if (sink) sink.record(cc, offset, null);
    else result.records.push(new ParsedRecord(cc, offset, recordId, null));
  }
}

export interface EvtxChunkOptions {
  /** Name for problems (default "<chunk>"). */
  file?: string;
  chunkIndex?: number;
  /** Offset of the chunk in its file, for problems (default: where chunk `chunkIndex` would be). */
  fileOffset?: number;
  filter?: EvtxFilter;
}

/**
 * The synchronous core, public form: the records of one 64 KiB chunk and the problems found in
 * it. Never throws on bad bytes.
 */
export function readEvtxChunk(bytes: Uint8Array, opts: EvtxChunkOptions = {}): { records: EvtxRecord[]; problems: EvtxProblem[] } {
  const chunkIndex = opts.chunkIndex ?? 0;
  const result = readChunk(bytes, {
    file: opts.file ?? '<chunk>',
    chunkIndex,
    fileOffset: opts.fileOffset ?? FILE_HEADER_BLOCK_SIZE + chunkIndex * CHUNK_SIZE,
    filter: compileFilter(opts.filter),
  });
  return { records: result.records, problems: result.problems };
}
