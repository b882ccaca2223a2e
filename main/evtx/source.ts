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
   * chunk, so a kept record must not pin its neighbours.
   */
  readBlocks(offset: number, blockSize: number, count: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

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

  async readBlocks(offset: number, blockSize: number, count: number): Promise<Buffer[]> {
    const blocks: Buffer[] = [];
    for (let at = offset; blocks.length < count && at < this.size; at += blockSize) {
      // Not from the shared pool: each block owns its memory (see above).
      blocks.push(Buffer.allocUnsafeSlow(Math.min(blockSize, this.size - at)));
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

export async function openSource(source: string | Uint8Array): Promise<ByteSource> {
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
