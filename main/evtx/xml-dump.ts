// XML of a whole file for dumping (`mtr-doctor evtx --format xml`): records rendered straight into
// one reused UTF-8 buffer (render-xml-bytes.ts), rather than a string per record; with a worker pool
// the workers render and encode, and the calling thread only writes bytes.
import { EvtxWorkerPool, type PoolOptions } from './pool';
import { chunkResults, type ReadOptions } from './reader';
import { ByteOut } from './render-xml-bytes';
import type { EvtxSource } from './source';

export interface XmlDumpOptions extends ReadOptions, PoolOptions {
  /** Worker threads; 0 (default) renders on the calling thread. */
  workers?: number;
}

/**
 * Every record's XML, exactly as xml() renders it, in file order, as UTF-8 blocks of their own.
 * Damage is reported through onProblem, as readEvtx does.
 */
export function readEvtxXml(source: EvtxSource, opts: XmlDumpOptions = {}): AsyncIterableIterator<Buffer> {
  if (opts.workers !== undefined && opts.workers > 0) return pooledXml(source, opts);
  return copies(xmlRuns(source, opts));
}

async function* copies(runs: AsyncIterable<ByteOut>): AsyncGenerator<Buffer> {
  for await (const out of runs) yield Buffer.from(out.buf.subarray(0, out.pos));
}

/** Bytes gathered before they are handed on: fewer, larger writes. */
const DUMP_BLOCK = 1 << 20;

/**
 * The same XML, on this thread, handed to `write` in blocks from one reused buffer: `write` must be
 * done with the bytes when it returns (or its promise settles). It returns false to stop (the reader
 * went away). For a worker pool, use readEvtxXml.
 */
export async function writeEvtxXml(source: EvtxSource, write: (bytes: Buffer) => boolean | Promise<boolean>, opts: ReadOptions = {}): Promise<void> {
  for await (const out of xmlRuns(source, opts)) if (!(await write(out.buf.subarray(0, out.pos)))) break;
}

/** Yields the buffer each time it holds a block's worth (and at the end); the consumer empties it. */
async function* xmlRuns(source: EvtxSource, opts: ReadOptions): AsyncGenerator<ByteOut> {
  const out = new ByteOut(DUMP_BLOCK + (DUMP_BLOCK >> 2));
  for await (const chunk of chunkResults(source, { ...opts, xmlOut: out })) {
    if (chunk.recordCount > 0 && out.pos >= DUMP_BLOCK) {
      yield out;
      out.pos = 0;
    }
  }
  if (out.pos > 0) yield out;
}

async function* pooledXml(source: EvtxSource, opts: XmlDumpOptions): AsyncGenerator<Buffer> {
  const pool = new EvtxWorkerPool(opts);
  try {
    yield* pool.readXml(source, opts);
  } finally {
    await pool.close();
  }
}
