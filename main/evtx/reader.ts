// Streaming reader: the file header, then every 64 KiB block after it, one chunk in memory at a
// time (plus the one being read ahead). Dirty files hold valid chunks beyond the header's chunk
// count, so the whole file is scanned rather than trusting that count.
import { hasChunkSignature } from './chunk';
import { readChunk, type ChunkReadResult, type RecordSink } from './chunk-reader';
import { hasFileSignature, parseFileHeader, type FileHeader } from './file-header';
import { compileFilter } from './filter';
import { CHUNK_SIZE, FILE_HEADER_BLOCK_SIZE } from './binary-format';
import { isByteSource, openSource, type ByteSource, type EvtxSource } from './byte-source';
import type { EvtxFilter, EvtxPeek, EvtxProblem, EvtxRecord } from './types';

export interface ReadOptions {
  filter?: EvtxFilter;
  /** Name used in problems when the source is a buffer (default: the path, or "<buffer>"). */
  name?: string;
  onProblem?: (p: EvtxProblem) => void;
  signal?: AbortSignal;
}

export interface EvtxStats {
  records: number;
  /** Blocks with a valid chunk signature. */
  chunks: number;
  /**
   * Bytes of the file no record could come from: a cut header, blocks that are not chunks, and
   * inside chunks torn or unrecognisable records with the rest of their chunk's record data.
   */
  unreadableBytes: number;
  problems: EvtxProblem[];
}

export function sourceName(source: EvtxSource, name: string | undefined): string {
  return name ?? (typeof source === 'string' ? source : isByteSource(source) ? '<stream>' : '<buffer>');
}

/** The problem for a stream that ended or failed before its declared size, if it did. */
export function shortfallProblem(src: ByteSource, file: string): EvtxProblem | null {
  const short = src.shortfall?.();
  if (!short) return null;
  return {
    kind: 'truncated-file',
    file,
    offset: short.received,
    message: `${file} is truncated: its stream ${short.reason} after ${short.received} of ${src.size} bytes`,
  };
}

/** Number of 64 KiB blocks after the file header block (the last one may be short). */
export function blockCount(size: number): number {
  return size > FILE_HEADER_BLOCK_SIZE ? Math.ceil((size - FILE_HEADER_BLOCK_SIZE) / CHUNK_SIZE) : 0;
}

export function blockOffset(index: number): number {
  return FILE_HEADER_BLOCK_SIZE + index * CHUNK_SIZE;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Why `file` cannot be read as EVTX at all (cannot be opened, not an event log), or null when it can. */
export async function whyUnreadable(file: string): Promise<EvtxProblem | null> {
  const problems: EvtxProblem[] = [];
  const src = await openEvtx(file, file, (p) => problems.push(p));
  if (src) {
    await src.close();
    return null;
  }
  return problems[0] ?? { kind: 'io-error', file, message: `${file}: cannot be read` };
}

/**
 * Opens the source and checks its header. Returns null (after reporting why) when there is
 * nothing to read: the source cannot be opened or is not an EVTX file.
 */
export async function openEvtx(source: EvtxSource, file: string, report: (p: EvtxProblem) => void, onHeader?: (h: FileHeader) => void): Promise<ByteSource | null> {
  let src: ByteSource;
  try {
    src = await openSource(source);
  } catch (err) {
    report({ kind: 'io-error', file, message: `cannot open ${file}: ${errorText(err)}` });
    return null;
  }
  try {
    const head = await src.read(0, FILE_HEADER_BLOCK_SIZE);
    const header = parseFileHeader(head);
    const cut = head.length < FILE_HEADER_BLOCK_SIZE ? shortfallProblem(src, file) : null;
    if (cut) {
      // A stream that stopped inside the header: say so, not "not EVTX"; what came is unreadable.
      report({ ...cut, bytes: head.length });
      await src.close().catch(() => undefined);
      return null;
    }
    if (hasFileSignature(head) && src.size < FILE_HEADER_BLOCK_SIZE) {
      // Cut inside the 4 KiB header block: no chunk can follow, whatever the header claims (evtxinfo refuses it too).
      const claims = header ? `; its header declares ${header.chunkCount} chunk${header.chunkCount === 1 ? '' : 's'}` : '';
      report({
        kind: 'truncated-file',
        file,
        offset: src.size,
        bytes: src.size,
        message: `${file} is truncated: it ends after ${src.size} bytes, inside its ${FILE_HEADER_BLOCK_SIZE}-byte file header${claims}`,
      });
      await src.close().catch(() => undefined);
      return null;
    }
    if (header) {
      onHeader?.(header);
      if (!header.checksumOk) report({ kind: 'bad-file-header', file, offset: 124, message: `${file}: file header CRC32 does not match` });
      if (header.majorVersion !== 3) report({ kind: 'bad-file-header', file, offset: 38, message: `${file}: unexpected format version ${header.majorVersion}.${header.minorVersion}` });
      return src;
    }
    // A carved file may have lost its header; read on only if a chunk follows where it should.
    const first = await src.read(FILE_HEADER_BLOCK_SIZE, 8);
    if (hasChunkSignature(first)) {
      report({ kind: 'bad-file-header', file, offset: 0, message: `${file}: no "ElfFile" signature, but chunks follow; reading them` });
      return src;
    }
    report({ kind: 'not-evtx', file, offset: 0, message: `${file} is not an EVTX file (no "ElfFile" signature)` });
  } catch (err) {
    report({ kind: 'io-error', file, message: `cannot read ${file}: ${errorText(err)}` });
  }
  await src.close().catch(() => undefined);
  return null;
}

/**
 * Fewer chunks than the file header declares (a cut at a chunk boundary, a chunk zeroed): the damage every
 * other check misses, since each block that is there reads clean. Chunks beyond the count are normal (dirty files).
 */
export function missingChunks(header: FileHeader, file: string, size: number, chunks: number, records: number): EvtxProblem | null {
  if (chunks >= header.chunkCount) return null;
  const blocks = blockCount(size);
  const n = (x: number | bigint) => x.toLocaleString('en-US');
  const lastId = header.nextRecordId > 1n ? `, records up to ${n(header.nextRecordId - 1n)}` : '';
  const cut = blocks < header.chunkCount ? `the file ends after ${n(blocks)} of them (${n(size)} bytes)` : `${n(header.chunkCount - chunks)} of them are not readable chunks`;
  return {
    kind: 'missing-records',
    file,
    offset: 42,
    message: `${file} is damaged: its header declares ${n(header.chunkCount)} chunk${header.chunkCount === 1 ? '' : 's'}${lastId}; ${cut}, and ${n(records)} record${records === 1 ? '' : 's'} could be read`,
  };
}

interface ChunkLoopOptions extends ReadOptions {
  mode?: 'records' | 'count';
  maxRecords?: number;
  /** Blocks per read call (peeking wants one). */
  blocksPerRead?: number;
  /** Dumping: records handed to the sink instead of collected (see readChunk). Nothing of a chunk outlives its turn, so read buffers are reused. */
  sink?: RecordSink;
}

/** Blocks read per call (512 KiB): fewer, larger reads cost far less than one per chunk; more would raise peak RSS. */
const BLOCKS_PER_READ = 8;

/** Every block of the file as a chunk result; the next run of blocks is read while this one is parsed. */
export async function* chunkResults(source: EvtxSource, opts: ChunkLoopOptions): AsyncGenerator<ChunkReadResult> {
  const file = sourceName(source, opts.name);
  const report = (p: EvtxProblem): void => opts.onProblem?.(p);
  let header: FileHeader | null = null;
  const src = await openEvtx(source, file, report, (h) => (header = h));
  if (!src) return;
  let chunks = 0;
  let records = 0;
  const filter = compileFilter(opts.filter);
  const count = blockCount(src.size);
  const perRead = opts.blocksPerRead ?? BLOCKS_PER_READ;
  // Two sets (the run being handled, the one read ahead): fresh memory for 70 MB of blocks costs
  // page faults and external-memory GCs; only a dump, which keeps nothing of a chunk, can reuse them.
  const reuse: Buffer[][] | null = opts.sink ? [[], []] : null;
  const readRun = (first: number): Promise<Buffer[] | Error> =>
    src
      .readBlocks(blockOffset(first), CHUNK_SIZE, Math.min(perRead, count - first), reuse?.[(first / perRead) % 2])
      .catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  // Peeking stops at the first chunk with a record: no read-ahead then.
  const readAhead = opts.maxRecords === undefined;
  let next: Promise<Buffer[] | Error> | null = null;
  try {
    for (let first = 0; first < count; first += perRead) {
      const run = await (next ?? readRun(first));
      next = readAhead && first + perRead < count ? readRun(first + perRead) : null;
      if (run instanceof Error) {
        report({ kind: 'io-error', file, chunkIndex: first, offset: blockOffset(first), message: `cannot read chunk ${first} of ${file}: ${run.message}` });
        break;
      }
      for (let k = 0; k < run.length; k++) {
        opts.signal?.throwIfAborted();
        const i = first + k;
        const bytes = run[k];
        if (!bytes) break;
        const result = readChunk(bytes, { file, chunkIndex: i, fileOffset: blockOffset(i), filter, mode: opts.mode, maxRecords: opts.maxRecords, sink: opts.sink });
        for (const p of result.problems) report(p);
        if (result.isChunk) chunks++;
        records += result.recordCount;
        yield result;
      }
    }
    const short = shortfallProblem(src, file);
    if (short) report(short);
    // A peek stops early; a full read compares what the header declares with what was read.
    const missing = opts.maxRecords === undefined && header ? missingChunks(header, file, short?.offset ?? src.size, chunks, records) : null;
    if (missing) report(missing);
  } finally {
    // A read still in flight must finish before the handle closes.
    await next;
    await src.close().catch(() => undefined);
  }
}

/**
 * Streams the records of an EVTX file (path) or buffer in file order. Never throws on bad bytes:
 * damage is reported through `onProblem` and the readable records are still returned. Aborting
 * through `signal` rejects with the signal's reason.
 */
export function readEvtx(source: EvtxSource, opts: ReadOptions = {}): AsyncIterableIterator<EvtxRecord> {
  return new RecordIterator(chunkRecords(source, opts));
}

/** The same records a chunk at a time: one promise turn per chunk instead of per record, for hot loops. */
export function readEvtxBatches(source: EvtxSource, opts: ReadOptions = {}): AsyncGenerator<readonly EvtxRecord[]> {
  return chunkRecords(source, opts);
}

async function* chunkRecords(source: EvtxSource, opts: ReadOptions): AsyncGenerator<readonly EvtxRecord[]> {
  for await (const chunk of chunkResults(source, opts)) yield chunk.records;
}

/**
 * Hands out a chunk's records one by one. A hand-written iterator: an async generator's
 * `yield*` costs several promise turns per record, this costs one resolved promise.
 */
export class RecordIterator implements AsyncIterableIterator<EvtxRecord> {
  private records: readonly EvtxRecord[] = [];
  private index = 0;

  constructor(private readonly chunks: AsyncGenerator<readonly EvtxRecord[]>) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<EvtxRecord>> {
    const record = this.records[this.index];
    if (record !== undefined) {
      this.index++;
      return Promise.resolve({ value: record, done: false });
    }
    return this.nextChunk();
  }

  private async nextChunk(): Promise<IteratorResult<EvtxRecord>> {
    for (;;) {
      const chunk = await this.chunks.next();
      if (chunk.done) return { value: undefined, done: true };
      const record = chunk.value[0];
      if (record === undefined) continue;
      this.records = chunk.value;
      this.index = 1;
      return { value: record, done: false };
    }
  }

  async return(): Promise<IteratorResult<EvtxRecord>> {
    this.records = [];
    await this.chunks.return(undefined);
    return { value: undefined, done: true };
  }
}

/** Counts records and chunks and collects problems, checking every record's binary XML. */
export async function readEvtxStats(source: EvtxSource, opts: Omit<ReadOptions, 'filter'> = {}): Promise<EvtxStats> {
  const stats: EvtxStats = { records: 0, chunks: 0, unreadableBytes: 0, problems: [] };
  const onProblem = (p: EvtxProblem): void => {
    stats.problems.push(p);
    stats.unreadableBytes += p.bytes ?? 0;
    opts.onProblem?.(p);
  };
  for await (const chunk of chunkResults(source, { ...opts, onProblem, mode: 'count' })) {
    stats.records += chunk.recordCount;
    if (chunk.isChunk) stats.chunks++;
  }
  return stats;
}

/** Channel, provider and computer of the first readable record, reading no further than that. */
export async function peekEvtx(source: EvtxSource, opts: Omit<ReadOptions, 'filter'> = {}): Promise<EvtxPeek | null> {
  for await (const chunk of chunkResults(source, { ...opts, maxRecords: 1, blocksPerRead: 1 })) {
    const first = chunk.records[0];
    if (first) return { channel: first.channel, provider: first.provider, computer: first.computer };
  }
  return null;
}
