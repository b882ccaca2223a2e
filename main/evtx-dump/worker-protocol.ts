// Messages between the worker pool and its worker threads. Everything is structured-clonable.
import type { ChunkPack } from './plain';
import type { EvtxFilter, EvtxProblem } from '../evtx/types';

export interface ChunkJob {
  id: number;
  /** Where the worker reads the chunk itself (kept open across jobs), or ... */
  path?: string;
  /** ... the chunk's bytes, transferred. */
  bytes?: ArrayBuffer;
  /** Name for problems. */
  file: string;
  chunkIndex: number;
  fileOffset: number;
  filter?: EvtxFilter;
  /** Render each record's XML in the worker. */
  xml: boolean;
  /** Extract each record's data values in the worker. */
  data: boolean;
  /** Instead of records: the records' XML as one UTF-8 block (xmlBytes), of ... */
  xmlBlock?: boolean;
  /** ... this many consecutive chunks from chunkIndex (default 1; xmlBlock jobs only). */
  chunkCount?: number;
}

/** Tells a worker to close its handle on a file. */
export interface ReleaseJob {
  release: string;
}

export interface ChunkDone {
  id: number;
  isChunk: boolean;
  /** Blocks of the job that are chunks, and the smallest record id found: set against the file header (declaredVsRead). */
  chunks: number;
  firstRecordId: bigint | null;
  recordCount: number;
  records: ChunkPack;
  problems: EvtxProblem[];
  /** The chunk's bytes, transferred back so the main thread can render XML on demand. */
  bytes: ArrayBuffer | null;
  /** Where the chunk lies in `bytes` (a short last chunk does not fill it). */
  byteOffset: number;
  byteLength: number;
  /** For xmlBlock jobs: the records' XML, UTF-8, transferred (null when the chunk has no records). */
  xmlBytes?: ArrayBuffer | null;
  /** Set when the worker could not read the chunk. */
  error?: string;
}
