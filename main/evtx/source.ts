// Random access to the bytes of a file or of a buffer, one chunk at a time.
import { open, type FileHandle } from 'node:fs/promises';
import { asBuffer } from './bytes';

export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes at `offset` (fewer at the end); a fresh buffer for files. */
  read(offset: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

class FileSource implements ByteSource {
  constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  async read(offset: number, length: number): Promise<Buffer> {
    const n = Math.max(0, Math.min(length, this.size - offset));
    // Not from the shared pool: records keep views into their chunk, so each chunk owns its memory.
    const buf = Buffer.allocUnsafeSlow(n);
    let got = 0;
    while (got < n) {
      const { bytesRead } = await this.handle.read(buf, got, n - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === n ? buf : buf.subarray(0, got);
  }

  close(): Promise<void> {
    return this.handle.close();
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

  close(): Promise<void> {
    return Promise.resolve();
  }
}

export async function openSource(source: string | Uint8Array): Promise<ByteSource> {
  if (typeof source !== 'string') return new BufferSource(source);
  const handle = await open(source, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw Object.assign(new Error(`${source} is not a regular file`), { code: 'EISDIR' });
    return new FileSource(handle, stat.size);
  } catch (err) {
    await handle.close();
    throw err;
  }
}
