// XML of a whole file for dumping (`mtr-doctor evtx --format xml`): records rendered straight into
// one reused UTF-8 buffer (render-xml-bytes.ts), rather than a string per record; with a worker pool
// the workers render and encode, and the calling thread only writes bytes.
import { EvtxWorkerPool, type PoolOptions } from './pool';
import { chunkResults, type ReadOptions } from '../evtx/reader';
import { ByteOut, XmlSink } from './render-xml-bytes';
import type { EvtxSource } from '../evtx/byte-source';

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

async function* copies(runs: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const bytes of runs) yield Buffer.from(bytes);
}

/** Bytes gathered before they are handed on: fewer, larger writes. */
const DUMP_BLOCK = 1 << 20;

/**
 * The same XML, on this thread, handed to `write` in blocks from one reused buffer: `write` must be
 * done with the bytes when it returns (or its promise settles). It returns false to stop (the reader
 * went away). For a worker pool, use readEvtxXml.
 */
export async function writeEvtxXml(source: EvtxSource, write: (bytes: Buffer) => boolean | Promise<boolean>, opts: ReadOptions = {}): Promise<void> {
  for await (const bytes of xmlRuns(source, opts)) if (!(await write(bytes))) break;
}

/**
 * Yields the buffer's bytes each time it holds a block's worth (and at the end), then empties it.
 * A chunk whose XML outgrows a block (BinXml nested in BinXml can make megabytes of a few records)
 * has set its full blocks aside at record ends; they come first.
 */
async function* xmlRuns(source: EvtxSource, opts: ReadOptions): AsyncGenerator<Buffer> {
  // Set aside only what outgrows several blocks: a copy is fresh memory, which costs more than the copying.
  const out = new ByteOut(2 * DUMP_BLOCK, 4 * DUMP_BLOCK);
  for await (const chunk of chunkResults(source, { ...opts, sink: new XmlSink(out) })) {
    for (const block of out.spilled.splice(0)) yield block;
    if (chunk.recordCount > 0 && out.pos >= DUMP_BLOCK) {
      yield out.buf.subarray(0, out.pos);
      out.pos = 0;
    }
  }
  if (out.pos > 0) yield out.buf.subarray(0, out.pos);
}

async function* pooledXml(source: EvtxSource, opts: XmlDumpOptions): AsyncGenerator<Buffer> {
  const pool = new EvtxWorkerPool(opts);
  try {
    yield* pool.readXml(source, opts);
  } finally {
    await pool.close();
  }
}
