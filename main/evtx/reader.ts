// Streaming reader: the file header, then every 64 KiB block after it, one chunk in memory at a
// time (plus the one being read ahead). Dirty files hold valid chunks beyond the header's chunk
// count, so the whole file is scanned rather than trusting that count.
import { hasChunkSignature } from './chunk';
import { readChunk, type ChunkReadResult, type RecordSink } from './chunk-reader';
import { hasFileSignature, parseFileHeader, type FileHeader } from './file-header';
import { compileFilter } from './filter';
import { formatCount } from '../model/display-format';
import { CHUNK_RECORDS_OFFSET, CHUNK_SIZE, FILE_FLAG_DIRTY, FILE_HEADER_BLOCK_SIZE, RECORD_HEADER_SIZE } from './binary-format';
import { isByteSource, openSource, type ByteSource, type EvtxSource } from './byte-source';
import type { EvtxFilter, EvtxPeek, EvtxProblem, EvtxRecord, MissingRecords } from './types';

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
      for (const p of headerProblems(header, file)) report(p);
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

/** What the file header says of itself: a checksum that does not match, a format version not known. */
export function headerProblems(header: FileHeader, file: string): EvtxProblem[] {
  const out: EvtxProblem[] = [];
  if (!header.checksumOk) out.push({ kind: 'bad-file-header', file, offset: 124, message: `${file}: file header CRC32 does not match` });
  if (header.majorVersion !== 3) out.push({ kind: 'bad-file-header', file, offset: 38, message: `${file}: unexpected format version ${header.majorVersion}.${header.minorVersion}` });
  return out;
}

/** What a read found, to set against what the file header declares (declaredVsRead). */
export interface ReadCount {
  chunks: number;
  records: number;
  /** The smallest record id read (the oldest record: a log that wrapped around starts mid-file), or null. */
  firstRecordId: bigint | null;
}

export function emptyCount(): ReadCount {
  return { chunks: 0, records: 0, firstRecordId: null };
}

/** Adds what one chunk (or one run of chunks) gave. */
export function addCount(into: ReadCount, chunks: number, records: number, firstRecordId: bigint | null): void {
  into.chunks += chunks;
  into.records += records;
  if (firstRecordId !== null && (into.firstRecordId === null || firstRecordId < into.firstRecordId)) into.firstRecordId = firstRecordId;
}

/** Most records a chunk can hold: a count of unread records beyond this many per chunk is not believed. */
const MAX_RECORDS_PER_CHUNK = Math.floor((CHUNK_SIZE - CHUNK_RECORDS_OFFSET) / (RECORD_HEADER_SIZE + 4));

/**
 * What the file header declares against what was read: fewer chunks than declared (a cut, a chunk zeroed), records
 * declared and none read, or a header that declares no chunk while chunks follow. The damage every other check
 * misses, since each block that is there reads clean. Chunks beyond the count are normal (a dirty file's header lags).
 * `scope` 'first-chunk': only the first block was read (a bundle's inventory), so the file's size and that block are
 * set against the header, and no record count is claimed for the file.
 */
export function declaredVsRead(header: FileHeader, file: string, size: number, read: ReadCount, scope: 'file' | 'first-chunk' = 'file'): EvtxProblem | null {
  const n = formatCount;
  const plural = (x: number, noun: string) => `${n(x)} ${noun}${x === 1 ? '' : 's'}`;
  const whole = scope === 'file';
  const blocks = blockCount(size);
  const declared = header.chunkCount;
  const lastId = header.nextRecordId > 1n ? header.nextRecordId - 1n : null;
  const claims = `its header declares ${plural(declared, 'chunk')}${lastId !== null ? `, records up to ${n(lastId)}` : ''}`;
  let what: string;
  // Said after what is missing, on a full read: how many records were read (when some chunk could be).
  let saysRead = whole;
  const cutShort = blocks < declared;
  if (cutShort) what = `the file ends after ${n(blocks)} of them (${n(size)} bytes)`;
  else if (whole && read.chunks < declared) what = declared - read.chunks === 1 ? '1 of them is not a readable chunk' : `${n(declared - read.chunks)} of them are not readable chunks`;
  else if (!whole && declared > 0 && read.chunks === 0) what = 'the first of them is not a readable chunk';
  else if (lastId !== null && declared > 0 && read.records === 0) {
    what = 'no record in it could be read';
    saysRead = false;
  } else {
    // A clean header that declares nothing while chunks follow was damaged (a dirty one may lag behind its chunks).
    if (declared === 0 && read.chunks > 0 && (header.flags & FILE_FLAG_DIRTY) === 0) {
      return { kind: 'bad-file-header', file, offset: 42, message: `${file} is damaged: its header declares no chunk, yet ${plural(read.chunks, 'chunk')} could be read` };
    }
    return null;
  }
  const records: MissingRecords = { declaredLast: lastId === null ? null : Number(lastId), read: whole ? read.records : null, unread: whole ? unreadRecords(header, read) : null, ...(cutShort ? { cutShort } : {}) };
  const unread = records.unread === null ? '' : `, so about ${n(records.unread)} could not`;
  const readText = saysRead ? `, and ${plural(read.records, 'record')} could be read${unread}` : '';
  return { kind: 'missing-records', file, offset: 42, records, message: `${file} is damaged: ${claims}; ${what}${readText}` };
}

/**
 * About how many records could not be read: the header's next record id less the oldest id read, less those read.
 * Null when it cannot be told (nothing read; a header not updated, which declares fewer than were read).
 */
function unreadRecords(header: FileHeader, read: ReadCount): number | null {
  if (read.firstRecordId === null || header.nextRecordId <= read.firstRecordId) return null;
  const unread = Number(header.nextRecordId - read.firstRecordId) - read.records;
  return unread > 0 && unread <= header.chunkCount * MAX_RECORDS_PER_CHUNK ? unread : null;
}

interface ChunkLoopOptions extends ReadOptions {
  mode?: 'records' | 'count';
  maxRecords?: number;
  /** Blocks per read call (peeking wants one). */
  blocksPerRead?: number;
  /** Dumping: records handed to the sink instead of collected (see readChunk). Nothing of a chunk outlives its turn, so read buffers are reused. */
  sink?: RecordSink;
  /** Handed the file header when there is one. */
  onHeader?: (h: FileHeader) => void;
}

/** Blocks read per call (512 KiB): fewer, larger reads cost far less than one per chunk; more would raise peak RSS. */
const BLOCKS_PER_READ = 8;

/** Every block of the file as a chunk result; the next run of blocks is read while this one is parsed. */
export async function* chunkResults(source: EvtxSource, opts: ChunkLoopOptions): AsyncGenerator<ChunkReadResult> {
  const file = sourceName(source, opts.name);
  const report = (p: EvtxProblem): void => opts.onProblem?.(p);
  let header: FileHeader | null = null;
  const src = await openEvtx(source, file, report, (h) => {
    header = h;
    opts.onHeader?.(h);
  });
  if (!src) return;
  const read = emptyCount();
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
        addCount(read, result.isChunk ? 1 : 0, result.recordCount, result.firstRecordId);
        yield result;
      }
    }
    const short = shortfallProblem(src, file);
    if (short) report(short);
    // A peek stops early; a full read compares what the header declares with what was read.
    const missing = opts.maxRecords === undefined && header ? declaredVsRead(header, file, short?.offset ?? src.size, read) : null;
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

/**
 * A log's identity and damage from its first bytes alone (the file header and first chunk, as a bundle's inventory
 * reads them) and its size: the rules of a full read, less what only a full read can tell.
 */
export async function inspectEvtxHead(head: Uint8Array, file: string, size: number): Promise<{ peek: EvtxPeek | null; problems: EvtxProblem[] }> {
  const problems: EvtxProblem[] = [];
  let header: FileHeader | null = null;
  const read = emptyCount();
  let peek: EvtxPeek | null = null;
  const first = head.subarray(0, FILE_HEADER_BLOCK_SIZE + CHUNK_SIZE);
  const opts: ChunkLoopOptions = { name: file, maxRecords: 1, blocksPerRead: 1, onProblem: (p) => problems.push(p), onHeader: (h) => (header = h) };
  for await (const chunk of chunkResults(first, opts)) {
    addCount(read, chunk.isChunk ? 1 : 0, chunk.recordCount, chunk.firstRecordId);
    const r = chunk.records[0];
    if (r) peek = { channel: r.channel, provider: r.provider, computer: r.computer };
    break;
  }
  const missing = header ? declaredVsRead(header, file, size, read, 'first-chunk') : null;
  if (missing) problems.push(missing);
  return { peek, problems };
}
