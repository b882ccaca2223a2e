// Streaming EVTX writer for big fixtures: each chunk goes to disk when it is full, so memory stays at one chunk;
// the header is written dirty at open (as Windows marks a log in use) and rewritten at close.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { CHUNK_SIZE, FILE_HEADER_BLOCK_SIZE } from '../../main/evtx/binary-format';
import { EvtxEncoder } from './encoder';
import type { EvtxEventInput, EvtxFlatOptions, EvtxWriterOptions } from './types';

export class EvtxFileWriter {
  private written = 0;
  private queue: Promise<void> = Promise.resolve();
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly fh: FileHandle,
    private readonly encoder: EvtxEncoder,
  ) {}

  /** Creates (or truncates) `path`. */
  static async create(path: string, opts: EvtxWriterOptions = {}): Promise<EvtxFileWriter> {
    const encoder = new EvtxEncoder(opts);
    const fh = await open(path, 'w');
    try {
      await fh.write(encoder.fileHeader(true), 0, FILE_HEADER_BLOCK_SIZE, 0);
    } catch (err) {
      await fh.close();
      throw err;
    }
    return new EvtxFileWriter(fh, encoder);
  }

  /**
   * Adds a template-instance record; returns its EventRecordID. Await it: the promise settles once a chunk this
   * record closed is on disk, which is what keeps memory bounded.
   */
  async add(event: EvtxEventInput): Promise<bigint> {
    this.assertOpen();
    const r = this.encoder.add(event);
    await this.flush(r.closed);
    return r.recordId;
  }

  /** Adds a flat (non-template) record; see add(). */
  async addFlat(event: EvtxEventInput, opts?: EvtxFlatOptions): Promise<bigint> {
    this.assertOpen();
    const r = this.encoder.addFlat(event, opts);
    await this.flush(r.closed);
    return r.recordId;
  }

  get recordCount(): number {
    return this.encoder.recordCount;
  }

  get chunkCount(): number {
    return this.encoder.chunkCount;
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('EvtxFileWriter is closed');
  }

  private flush(chunk: Buffer | null): Promise<void> {
    if (chunk) {
      const at = FILE_HEADER_BLOCK_SIZE + this.written * CHUNK_SIZE;
      this.written++;
      this.queue = this.queue.then(async () => {
        await this.fh.write(chunk, 0, CHUNK_SIZE, at);
      });
    }
    return this.queue;
  }

  /** Writes the last chunk and the final header, and closes the file. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.flush(this.encoder.currentChunk());
        await this.fh.write(this.encoder.fileHeader(), 0, FILE_HEADER_BLOCK_SIZE, 0);
      } finally {
        await this.fh.close();
      }
    })();
    return this.closing;
  }
}

/** Streams events (sync or async iterable) into a file; returns the counts. */
export async function writeEvtxFile(
  path: string,
  events: Iterable<EvtxEventInput> | AsyncIterable<EvtxEventInput>,
  opts?: EvtxWriterOptions,
): Promise<{ recordCount: number; chunkCount: number }> {
  const w = await EvtxFileWriter.create(path, opts);
  try {
    for await (const e of events) await w.add(e);
  } finally {
    await w.close();
  }
  return { recordCount: w.recordCount, chunkCount: w.chunkCount };
}
