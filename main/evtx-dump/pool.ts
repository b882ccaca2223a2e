// Parallel reading: chunks are independent, so long-lived worker threads parse them while the
// main thread hands out records in file order. Memory stays bounded: a fixed number of chunks
// is in flight at any time.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CHUNK_SIZE } from '../evtx/binary-format';
import { resolveWorkerScript } from '../fs/worker-script';
import { ChunkBytes, PackedRecord } from './plain';
import { addCount, blockCount, blockOffset, declaredVsRead, emptyCount, openEvtx, RecordIterator, shortfallProblem, sourceName, type ReadOptions } from '../evtx/reader';
import type { FileHeader } from '../evtx/file-header';
import type { EvtxSource } from '../evtx/byte-source';
import type { EvtxProblem, EvtxRecord } from '../evtx/types';
import type { ChunkDone, ChunkJob, ReleaseJob } from './worker-protocol';

export interface PoolOptions {
  /** Worker threads (default: one less than the cores, at least one). */
  workers?: number;
  /** Path of the built worker script (default: found next to the running bundle, or in dist/). */
  workerScript?: string;
}

export interface ParallelReadOptions extends ReadOptions {
  /**
   * 'lazy' (default): XML is rendered in the calling thread when xml() is called, from the chunk
   * bytes the worker hands back. 'eager': workers render every record's XML.
   */
  xml?: 'lazy' | 'eager';
  /**
   * 'eager' (default): workers extract every record's data values. 'lazy': `data` is extracted in
   * the calling thread when first read (for callers that mostly want XML or System fields).
   */
  data?: 'lazy' | 'eager';
}

/** Chunks per XML job (512 KiB, as the one-thread reader reads): fewer messages, one read per job. */
const XML_JOB_CHUNKS = 8;

/** Chunks in flight per worker: enough to keep a worker busy while the caller consumes records. */
const IN_FLIGHT_PER_WORKER = 2;

class PoolWorker {
  readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (d: ChunkDone) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  constructor(script: string) {
    this.worker = new Worker(script);
    this.worker.on('message', (done: ChunkDone) => {
      const job = this.pending.get(done.id);
      this.pending.delete(done.id);
      if (this.pending.size === 0) this.worker.unref();
      job?.resolve(done);
    });
    this.worker.on('error', (err: Error) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`EVTX worker stopped (exit code ${code})`)));
    // Idle workers must not keep the process alive; a worker with jobs does (see run()). After the
    // listeners: adding a 'message' listener refs the worker again.
    this.worker.unref();
  }

  get load(): number {
    return this.failure ? Number.POSITIVE_INFINITY : this.pending.size;
  }

  run(job: ChunkJob, transfer: ArrayBuffer[]): Promise<ChunkDone> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(job.id, { resolve, reject });
      this.worker.postMessage(job, transfer);
    });
  }

  release(file: string): void {
    if (!this.failure) this.worker.postMessage({ release: file } satisfies ReleaseJob);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const job of this.pending.values()) job.reject(err);
    this.pending.clear();
  }
}

/** A set of long-lived worker threads that read EVTX files. Close it when done. */
export class EvtxWorkerPool {
  private readonly workers: PoolWorker[];
  private nextId = 1;
  private closed = false;

  constructor(opts: PoolOptions = {}) {
    const count = Math.max(1, Math.floor(opts.workers ?? Math.max(1, availableParallelism() - 1)));
    const script = opts.workerScript ?? resolveWorkerScript('evtx-worker.js');
    this.workers = Array.from({ length: count }, () => new PoolWorker(script));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Records of an EVTX file or buffer, in file order, parsed by the pool's workers. */
  read(source: EvtxSource, opts: ParallelReadOptions = {}): AsyncIterableIterator<EvtxRecord> {
    if (this.closed) throw new Error('EvtxWorkerPool is closed');
    return new RecordIterator(this.chunks(source, opts));
  }

  /** Stops the workers; pending reads fail. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  /**
   * Every record's XML, exactly as xml() renders it, in file order: one UTF-8 block per chunk with
   * records, rendered and encoded by the workers (the calling thread only hands the bytes on).
   */
  readXml(source: EvtxSource, opts: ReadOptions = {}): AsyncIterableIterator<Buffer> {
    if (this.closed) throw new Error('EvtxWorkerPool is closed');
    return this.xmlBlocks(source, opts);
  }

  private async *xmlBlocks(source: EvtxSource, opts: ReadOptions): AsyncGenerator<Buffer> {
    for await (const done of this.results(source, { ...opts, xml: 'eager', data: 'lazy' }, XML_JOB_CHUNKS)) {
      if (done.xmlBytes) yield Buffer.from(done.xmlBytes);
    }
  }

  private async *chunks(source: EvtxSource, opts: ParallelReadOptions): AsyncGenerator<EvtxRecord[]> {
    for await (const done of this.results(source, opts, 1)) {
      const pack = done.records;
      if (pack.recordIds.length === 0) continue;
      const chunk = done.bytes ? new ChunkBytes(Buffer.from(done.bytes, done.byteOffset, done.byteLength), pack.chunkIndex) : null;
      yield pack.recordIds.map((_, k) => new PackedRecord(pack, k, chunk));
    }
  }

  /**
   * The workers' results in file order, their problems reported: chunk by chunk, or for XML blocks
   * (perJob > 1) runs of `perJob` chunks per job.
   */
  private async *results(source: EvtxSource, opts: ParallelReadOptions, perJob: number): AsyncGenerator<ChunkDone> {
    const file = sourceName(source, opts.name);
    const report = (p: EvtxProblem): void => opts.onProblem?.(p);
    let header: FileHeader | null = null;
    const src = await openEvtx(source, file, report, (h) => (header = h));
    if (!src) return;
    const size = src.size;
    const read = emptyCount();
    const chunks = blockCount(size);
    const count = Math.ceil(chunks / perJob);
    const filePath = typeof source === 'string' ? source : undefined;
    // Workers open the file themselves; a buffer's chunks are copied to them.
    if (filePath !== undefined) await src.close();
    const dispatch = async (i: number): Promise<ChunkDone> => {
      const first = i * perJob;
      const job: ChunkJob = {
        id: this.nextId++,
        file,
        chunkIndex: first,
        fileOffset: blockOffset(first),
        filter: opts.filter,
        xml: opts.xml === 'eager',
        data: opts.data !== 'lazy',
      };
      if (perJob > 1) {
        job.xmlBlock = true;
        job.chunkCount = Math.min(perJob, chunks - first);
      }
      const transfer: ArrayBuffer[] = [];
      if (filePath !== undefined) job.path = filePath;
      else {
        const copy = new Uint8Array(await src.read(blockOffset(first), (job.chunkCount ?? 1) * CHUNK_SIZE)).buffer;
        job.bytes = copy;
        transfer.push(copy);
      }
      const worker = this.workers.reduce((a, b) => (b.load < a.load ? b : a));
      return worker.run(job, transfer);
    };
    const inFlight = new Map<number, Promise<ChunkDone>>();
    let dispatched = 0;
    try {
      for (let i = 0; i < count; i++) {
        opts.signal?.throwIfAborted();
        while (dispatched < count && dispatched < i + this.workers.length * IN_FLIGHT_PER_WORKER) {
          const job = dispatch(dispatched);
          job.catch(() => undefined); // awaited in order below; this only silences early rejections
          inFlight.set(dispatched++, job);
        }
        const job = inFlight.get(i);
        inFlight.delete(i);
        if (!job) break;
        const done = await job;
        if (done.error !== undefined) {
          const at = i * perJob;
          report({ kind: 'io-error', file, chunkIndex: at, offset: blockOffset(at), message: `cannot read chunk ${at} of ${file}: ${done.error}` });
          break;
        }
        for (const p of done.problems) report(p);
        addCount(read, done.chunks, done.recordCount, done.firstRecordId);
        yield done;
      }
      const short = filePath === undefined ? shortfallProblem(src, file) : null;
      if (short) report(short);
      // What the header declares against what the workers read: the one-thread reader's rule (chunkResults).
      const missing = header ? declaredVsRead(header, file, short?.offset ?? size, read) : null;
      if (missing) report(missing);
    } finally {
      await Promise.allSettled(inFlight.values());
      if (filePath !== undefined) for (const w of this.workers) w.release(filePath);
      else await src.close();
    }
  }
}

/** Reads with a temporary pool of `workers` threads, closed when the iteration ends. */
export function readEvtxParallel(source: EvtxSource, opts: ParallelReadOptions & PoolOptions = {}): AsyncIterableIterator<EvtxRecord> {
  const pool = new EvtxWorkerPool(opts);
  const records = pool.read(source, opts);
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const r = await records.next().catch(async (err: unknown) => {
        await pool.close();
        throw err;
      });
      if (r.done) await pool.close();
      return r;
    },
    async return() {
      await records.return?.();
      await pool.close();
      return { value: undefined, done: true };
    },
  };
}
