// The file under yauzl, through its documented extension point (RandomAccessReader). yauzl's own reader
// (fd-slicer) puts the reads of every entry stream in one queue, and a stream destroyed while its read waits
// in that queue crashes the process: "Cannot read properties of null (reading 'fd')" (yauzl 3.4.0), met when
// two logs of one zip are read at once and one of them stops early (a damaged entry, a cancel). Here each
// entry stream reads on its own from the shared descriptor: positional reads, no shared offset and no queue.
// Each stream holds a reference to the file until it has closed (after any read in flight), so the
// descriptor closes once yauzl has let go of the file and every stream is done with it.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

/** Bytes per read of an entry's data, as yauzl's reader had. */
const READ_PIECE = 16 * 1024;

type ReadCallback = (err: Error | null, bytesRead?: number) => void;

export class ZipFileReader extends yauzl.RandomAccessReader {
  // yauzl's RandomAccessReader has these (reference counting of its users); its type definitions leave them out.
  declare ref: () => void;
  declare unref: () => void;

  constructor(private readonly fd: number) {
    super();
  }

  /**
   * The stream of bytes [start, end). yauzl's default wraps it in two pass-through streams, and through them
   * every finished entry's inflater output (256 KiB) stayed reachable until a full GC: +30 MB on a bundle of 120
   * small logs. The stream itself counts its bytes and holds the file's reference until it closes, as
   * fd-slicer's did.
   */
  override createReadStream(options: { start: number; end: number }): Readable {
    this.ref();
    const stream = this._readStreamForRange(options.start, options.end);
    stream.once('close', () => this.unref());
    return stream;
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const fd = this.fd;
    let pos = start;
    let inFlight = false;
    let whenRead: (() => void) | null = null;
    const stream = new Readable({
      highWaterMark: READ_PIECE,
      read(size) {
        const n = Math.min(size, end - pos);
        if (n <= 0) {
          this.push(null);
          return;
        }
        const buf = Buffer.allocUnsafe(n);
        inFlight = true;
        fs.read(fd, buf, 0, n, pos, (err, got) => {
          inFlight = false;
          if (whenRead) return whenRead();
          if (err) return this.destroy(err);
          if (got === 0) return this.destroy(new Error(`unexpected end of file: ${end - pos} bytes of the entry are missing`));
          pos += got;
          this.push(got === n ? buf : buf.subarray(0, got));
        });
      },
      // Destroyed with a read in flight: 'close' (and the file's release) waits for that read to finish.
      destroy(err, callback) {
        if (inFlight) whenRead = () => callback(err);
        else callback(err);
      },
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

  /** Called once the last reference is gone: every stream has closed, and with it any read in flight. */
  override close(callback: (err: Error | null) => void): void {
    fs.close(this.fd, (err) => callback(err ?? null));
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
