// The file under yauzl, through its documented extension point (RandomAccessReader). yauzl's own reader
// (fd-slicer) puts the reads of every entry stream in one queue, and a stream destroyed while its read waits
// in that queue crashes the process: "Cannot read properties of null (reading 'fd')" (yauzl 3.4.0), met when
// two logs of one zip are read at once and one of them stops early (a damaged entry, a cancel). Here each
// entry stream is an fs stream of its own on the shared descriptor: positional reads, no shared offset and no
// queue. The descriptor closes once yauzl has let go of the file and every stream has closed.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/**
 * Bytes per read of an entry's data, as yauzl's reader had: 64 KiB pieces took the bench bundle's peak from
 * ~247 to ~258 MB (fresh buffers awaiting a GC) for no measurable time.
 */
const READ_PIECE = 16 * 1024;

/**
 * The file system an entry stream uses: its own reads, but a close that leaves the shared descriptor open (an
 * fs stream closes its descriptor when destroyed, whatever autoClose says, and yauzl destroys streams).
 */
const SHARED_FD_FS = { open: fs.open, read: fs.read, close: (_fd: number, callback: (err: NodeJS.ErrnoException | null) => void) => callback(null) };

type ReadCallback = (err: Error | null, bytesRead?: number) => void;

export class ZipFileReader extends yauzl.RandomAccessReader {
  private streams = 0;
  private whenIdle: (() => void) | null = null;

  constructor(private readonly fd: number) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    // end is exclusive for yauzl, inclusive for fs.
    const stream = fs.createReadStream('', { fd: this.fd, start, end: end - 1, highWaterMark: READ_PIECE, fs: SHARED_FD_FS });
    this.streams++;
    stream.once('close', () => {
      this.streams--;
      if (this.streams === 0) this.whenIdle?.();
    });
    return stream;
  }

  /** The central directory and local headers: positional reads, as many as it takes (yauzl checks for a short one). */
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: ReadCallback): void {
    let got = 0;
    const next = (): void =>
      fs.read(this.fd, buffer, offset + got, length - got, position + got, (err, n) => {
        if (err) return callback(err);
        got += n;
        if (n === 0 || got >= length) callback(null, got);
        else next();
      });
    next();
  }

  override close(callback: (err: Error | null) => void): void {
    // A stream that was destroyed may still have a read in flight on the descriptor: close after it.
    const close = (): void => fs.close(this.fd, (err) => callback(err ?? null));
    if (this.streams === 0) close();
    else this.whenIdle = close;
  }
}

/** Opens a zip file as yauzl.open does, on a ZipFileReader. */
export function openZipFile(file: string, options: yauzl.Options): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    fs.open(file, 'r', (openErr, fd) => {
      if (openErr) return reject(openErr);
      fs.fstat(fd, (statErr, stats) => {
        if (statErr) {
          fs.close(fd, () => reject(statErr));
          return;
        }
        const reader = new ZipFileReader(fd);
        yauzl.fromRandomAccessReader(reader, stats.size, { ...options, autoClose: false }, (err, zip) => {
          // Not a zip (or a damaged one): the file is not kept open.
          if (err) fs.close(fd, () => reject(err));
          else resolve(zip);
        });
      });
    });
  });
}
