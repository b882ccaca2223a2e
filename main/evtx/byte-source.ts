// Random access to the bytes of a file or of a buffer, a run of chunk-sized blocks at a time.
import { close, fstat, open, read, readv, type Stats } from 'node:fs';
import { asBuffer } from './bytes';

export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes at `offset` (fewer at the end). */
  read(offset: number, length: number): Promise<Buffer>;
  /**
   * `count` consecutive blocks of `blockSize` bytes from `offset` (the last may be short, none
   * past the end). From a file each block is its own buffer: records keep views into their
   * chunk, so a kept record must not pin its neighbours. `reuse`, when given, keeps blocks
   * of `blockSize` to read into again (a file source fills it on first use); the caller must be
   * done with what the last read into it returned.
   */
  readBlocks(offset: number, blockSize: number, count: number, reuse?: Buffer[]): Promise<Buffer[]>;
  close(): Promise<void>;
  /** For a stream: set once it has ended or failed before `size` bytes, saying how. */
  shortfall?(): { received: number; reason: string } | null;
}

/** What the reader reads: a file path, the bytes, or a ByteSource (e.g. streamSource()). */
export type EvtxSource = string | Uint8Array | ByteSource;

// The callback API: its per-call cost is a fraction of FileHandle's promises.
function call<T>(fn: (cb: (err: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
}

class FileSource implements ByteSource {
  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  async read(offset: number, length: number): Promise<Buffer> {
    const n = Math.max(0, Math.min(length, this.size - offset));
    const buf = Buffer.allocUnsafeSlow(n);
    let got = 0;
    while (got < n) {
      const bytesRead = await call<number>((cb) => read(this.fd, buf, got, n - got, offset + got, cb));
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === n ? buf : buf.subarray(0, got);
  }

  async readBlocks(offset: number, blockSize: number, count: number, reuse?: Buffer[]): Promise<Buffer[]> {
    const blocks: Buffer[] = [];
    for (let at = offset; blocks.length < count && at < this.size; at += blockSize) {
      const n = Math.min(blockSize, this.size - at);
      const i = blocks.length;
      let block = reuse?.[i];
      if (reuse && block?.length !== blockSize) reuse[i] = block = Buffer.allocUnsafeSlow(blockSize);
      // Not from the shared pool: each block owns its memory (see above).
      blocks.push(block ? block.subarray(0, n) : Buffer.allocUnsafeSlow(n));
    }
    const want = blocks.reduce((n, b) => n + b.length, 0);
    // One readv fills all blocks; a short read (file shrank, signal) continues block by block.
    let got = await call<number>((cb) => readv(this.fd, blocks, offset, cb));
    while (got < want) {
      const i = Math.floor(got / blockSize);
      const block = blocks[i];
      if (!block) break;
      const within = got - i * blockSize;
      const n = await call<number>((cb) => read(this.fd, block, within, block.length - within, offset + got, cb));
      if (n === 0) break;
      got += n;
    }
    if (got >= want) return blocks;
    // The file ended early: keep what was read.
    const full = Math.floor(got / blockSize);
    const out = blocks.slice(0, full);
    const partial = blocks[full];
    if (partial && got > full * blockSize) out.push(partial.subarray(0, got - full * blockSize));
    return out;
  }

  close(): Promise<void> {
    return call<void>((cb) => close(this.fd, (err) => cb(err, undefined)));
  }
}

class BufferSource implements ByteSource {
  private readonly buf: Buffer;
  readonly size: number;

  constructor(bytes: Uint8Array) {
    this.buf = asBuffer(bytes);
    this.size = bytes.length;
  }

  read(offset: number, length: number): Promise<Buffer> {
    return Promise.resolve(this.buf.subarray(offset, Math.min(this.size, offset + length)));
  }

  readBlocks(offset: number, blockSize: number, count: number): Promise<Buffer[]> {
    const blocks: Buffer[] = [];
    for (let at = offset; blocks.length < count && at < this.size; at += blockSize) blocks.push(this.buf.subarray(at, Math.min(this.size, at + blockSize)));
    return Promise.resolve(blocks);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

export async function openSource(source: EvtxSource): Promise<ByteSource> {
  if (isByteSource(source)) return source;
  if (typeof source !== 'string') return new BufferSource(source);
  const fd = await call<number>((cb) => open(source, 'r', cb));
  try {
    const stat = await call<Stats>((cb) => fstat(fd, cb));
    if (!stat.isFile()) throw Object.assign(new Error(`${source} is not a regular file`), { code: 'EISDIR' });
    return new FileSource(fd, stat.size);
  } catch (err) {
    await call<void>((cb) => close(fd, (e) => cb(e, undefined)));
    throw err;
  }
}

/**
 * Forward-only bytes from a stream whose total size is known (an inflating zip entry): nothing is
 * written to disk and only what the reader asks for is held. Reads must not go back before the
 * start of the previous read (the reader's pattern: the header, a peek at the first chunk's
 * signature, then the chunks in order). Reads are served one at a time, in the order they are made.
 */
class StreamSource implements ByteSource {
  /** Received bytes not yet dropped, starting at stream offset `start`. */
  private parts: Buffer[] = [];
  private start = 0;
  private end = 0;
  private ended = false;
  private failure: Error | null = null;
  /** Resolves the read waiting for more data. */
  private wake: (() => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly stream: NodeJS.ReadableStream & { destroy?(error?: Error): void; readableEnded?: boolean },
    readonly size: number,
  ) {
    const notify = (): void => {
      const w = this.wake;
      this.wake = null;
      w?.();
    };
    stream.on('readable', notify);
    stream.on('end', () => {
      this.ended = true;
      notify();
    });
    stream.on('error', (err: Error) => {
      this.failure ??= err;
      notify();
    });
    // Destroyed by someone else before its end: nothing more will come.
    stream.on('close', () => {
      if (!this.ended) this.failure ??= new Error('the stream closed before its end');
      notify();
    });
  }

  shortfall(): { received: number; reason: string } | null {
    if (this.end >= this.size || (!this.ended && !this.failure)) return null;
    return { received: this.end, reason: this.failure ? `failed: ${this.failure.message}` : 'ended' };
  }

  read(offset: number, length: number): Promise<Buffer> {
    return this.serial(async () => {
      await this.fill(offset, offset + length);
      return this.take(offset, Math.max(0, Math.min(length, this.end - offset)));
    });
  }

  readBlocks(offset: number, blockSize: number, count: number): Promise<Buffer[]> {
    return this.serial(async () => {
      await this.fill(offset, offset + blockSize * count);
      const blocks: Buffer[] = [];
      for (let at = offset; blocks.length < count && at < Math.min(this.end, this.size); at += blockSize) {
        // Each block its own memory: records keep views into their chunk (see ByteSource).
        blocks.push(this.take(at, Math.min(blockSize, this.end - at, this.size - at)));
      }
      return blocks;
    });
  }

  close(): Promise<void> {
    this.parts = [];
    // The consumer stopped early: stop the stream (and whatever inflates it) too.
    if (!this.ended) this.stream.destroy?.();
    return Promise.resolve();
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Drops what lies before `from`, then receives until `until` (or the stream's end). */
  private async fill(from: number, until: number): Promise<void> {
    if (from < this.start) throw new Error(`cannot read back to offset ${from} of a stream already read past ${this.start}`);
    this.drop(from);
    const want = Math.min(until, this.size);
    // A failing stream ends the data like an early end: what came before it is still read.
    while (this.end < want && !this.ended && !this.failure) {
      const got = this.stream.read() as Buffer | string | null;
      if (got === null) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      const part = typeof got === 'string' ? Buffer.from(got) : got;
      // A stream longer than its declared size: the rest is not part of the file.
      this.parts.push(part);
      this.end += part.length;
    }
    this.drop(from);
  }

  private drop(until: number): void {
    while (this.parts.length > 0) {
      const first = this.parts[0] as Buffer;
      if (this.start + first.length > until) break;
      this.start += first.length;
      this.parts.shift();
    }
  }

  /** A copy of [offset, offset + length), all of it received. */
  private take(offset: number, length: number): Buffer {
    const out = Buffer.allocUnsafeSlow(length);
    let at = this.start;
    let copied = 0;
    for (const part of this.parts) {
      if (copied >= length) break;
      const partEnd = at + part.length;
      if (partEnd > offset + copied) {
        const from = offset + copied - at;
        copied += part.copy(out, copied, from, Math.min(part.length, from + length - copied));
      }
      at = partEnd;
    }
    return out;
  }
}

/**
 * A ByteSource over a Node Readable of `size` bytes (e.g. a zip entry being inflated), read
 * forward once, without holding more than the reader's current read. Pass it wherever a path goes
 * (readEvtx, readEvtxStats, peekEvtx, readEvtxXml). Single use; ending the iteration early
 * destroys the stream. A stream that ends or fails before `size` bytes gives a problem, not a throw.
 */
export function streamSource(stream: NodeJS.ReadableStream, size: number): ByteSource {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`stream size must be a whole number of bytes, not ${size}`);
  return new StreamSource(stream, size);
}

export function isByteSource(source: unknown): source is ByteSource {
  return typeof source === 'object' && source !== null && !(source instanceof Uint8Array) && typeof (source as ByteSource).readBlocks === 'function';
}
