// Reads a zip with yauzl: the central directory first (names and sizes, validated), entry data on demand
// as streams. Nothing is extracted here and the archive is never held in memory.
import yauzl from 'yauzl';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { BundleError, type RejectedEntry } from './bundle-error';
import { checkEntryName } from './entry-name';
import { printable } from '../model/printable';
import type { BundleLimits } from './limits';
import { formatBytes } from '../model/display-format';
import type { Budget, BundleSource, SourceEntry, SourceListing } from './bundle-source';
import { openZipFile } from './zip-file-reader';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const HOST_UNIX = 3;
/** Deflate's ceiling: 258 bytes per 2-bit code, ~1032:1. */
const DEFLATE_MAX_RATIO = 1032;

/** Output pieces of the inflater: big enough that thread hops are rare, small enough to stream. */
const INFLATE_CHUNK_BYTES = 256 * 1024;

/**
 * How far the inflater may run ahead of the reader: it works on another thread, so a few MiB are inflated while
 * the reader parses the bytes before them, instead of the reader waiting for each piece.
 */
const READ_AHEAD_BYTES = 4 * 1024 * 1024;

/**
 * Passes an entry's bytes on and fails when they are more or fewer than its declared size (a lying zip). It
 * holds up to READ_AHEAD_BYTES for the reader.
 */
class ExactSize extends Transform {
  private seen = 0;
  constructor(private readonly expected: number) {
    super({ readableHighWaterMark: READ_AHEAD_BYTES });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.expected) done(new Error(`too many bytes in the stream: it declares ${this.expected}, got at least ${this.seen}`));
    else done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    if (this.seen < this.expected) done(new Error(`not enough bytes in the stream: it declares ${this.expected}, got only ${this.seen}`));
    else done();
  }
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  // decodeStrings:false lets us judge each name ourselves and skip a bad entry instead of failing the zip.
  return openZipFile(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, strictFileNames: false });
}

function describeOpenError(displayName: string, err: Error): BundleError {
  const msg = err.message;
  if (/end of central directory record signature not found/i.test(msg)) {
    return new BundleError('not-a-zip', displayName, `${displayName} is not a zip archive, or it is truncated (no central directory at its end).`);
  }
  if (/truncated|unexpected EOF|invalid (central|local) (directory|file header)|offset|out of range/i.test(msg)) {
    return new BundleError('truncated-zip', displayName, `${displayName} is damaged or truncated: ${msg}.`);
  }
  return new BundleError('not-a-zip', displayName, `${displayName} cannot be read as a zip archive: ${msg}.`);
}

export class ZipSource implements BundleSource {
  readonly kind = 'zip' as const;
  private readonly byPath = new Map<string, yauzl.Entry>();

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly displayName: string,
    private readonly limits: BundleLimits,
    private readonly budget: Budget,
  ) {}

  /** `displayName` is how messages name the archive (the bundle file, or `outer.zip/inner.zip`). */
  static async open(file: string, displayName: string, limits: BundleLimits, budget: Budget): Promise<ZipSource> {
    try {
      return new ZipSource(await openZip(file), displayName, limits, budget);
    } catch (err) {
      throw describeOpenError(displayName, err as Error);
    }
  }

  async list(signal?: AbortSignal): Promise<SourceListing> {
    const entries: SourceEntry[] = [];
    const rejected: RejectedEntry[] = [];
    const warnings: string[] = [];
    const zip = this.zip;
    if (zip.entryCount + this.budget.entries > this.limits.maxEntries) {
      throw new BundleError(
        'too-many-entries',
        this.displayName,
        `${this.displayName} has ${zip.entryCount} entries; MTR Doctor reads at most ${this.limits.maxEntries} (a device log bundle has a few hundred).`,
      );
    }
    const all: yauzl.Entry[] = [];
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(new BundleError('cancelled', this.displayName, 'Reading the bundle was cancelled.'));
      signal?.addEventListener('abort', onAbort, { once: true });
      zip.on('error', (err: Error) => reject(describeOpenError(this.displayName, err)));
      zip.on('end', () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        all.push(entry);
        if (!signal?.aborted) zip.readEntry();
      });
      zip.readEntry();
    });
    // Whole-archive checks first: a crafted archive is refused before any entry counts against the budget.
    await this.refuseOverlaps(all, signal);
    this.refuseDeclaredExpansion(all);
    for (const entry of all) {
      this.budget.entries += 1;
      const verdict = this.judge(entry, warnings);
      if (verdict && 'reason' in verdict) rejected.push(verdict);
      else if (verdict) entries.push(verdict);
    }
    return { entries, rejected, warnings };
  }

  private entryName(entry: yauzl.Entry): string {
    return printable(yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileName as unknown as Buffer, entry.extraFields, true));
  }

  /**
   * Small entries escape the per-entry ratio check, so judge the archive as a whole too: what all
   * entries together declare against the size of the archive holding them.
   */
  private refuseDeclaredExpansion(all: yauzl.Entry[]): void {
    const declared = all.reduce((n, e) => n + e.uncompressedSize, 0);
    const archive = Math.max(this.zip.fileSize, 1);
    if (declared >= this.limits.bundleRatioMinBytes && declared / archive > this.limits.maxRatio) {
      throw new BundleError(
        'zip-bomb',
        this.displayName,
        `${this.displayName} is refused as a zip bomb: its ${all.length} entries declare ${formatBytes(declared)} from an archive of ${formatBytes(archive)} (${Math.round(declared / archive)}×); device logs compress far less.`,
      );
    }
  }

  /**
   * Two entries whose bytes overlap (many central entries pointing at one compressed body) are how
   * small archives inflate to gigabytes; no archiver writes them, so the whole archive is refused.
   */
  private async refuseOverlaps(all: yauzl.Entry[], signal?: AbortSignal): Promise<void> {
    const ranges: { start: number; end: number; entry: yauzl.Entry }[] = [];
    for (const entry of all) {
      if (signal?.aborted) throw new BundleError('cancelled', this.displayName, 'Reading the bundle was cancelled.');
      const start = entry.relativeOffsetOfLocalHeader;
      let dataStart: number;
      try {
        dataStart = (await this.zip.readLocalFileHeaderPromise(entry, { minimal: true })).fileDataStart;
      } catch {
        // A broken local header is judged when the entry is read; its range is at least the fixed header.
        dataStart = start + 30;
      }
      ranges.push({ start, end: dataStart + entry.compressedSize, entry });
    }
    ranges.sort((a, b) => a.start - b.start || a.end - b.end);
    const pairs: [yauzl.Entry, yauzl.Entry][] = [];
    let reach = ranges[0];
    let overlapping = 0;
    for (const r of ranges.slice(1)) {
      if (!reach) break;
      if (r.start < reach.end) {
        overlapping += 1;
        if (pairs.length < 3) pairs.push([reach.entry, r.entry]);
      }
      if (r.end > reach.end) reach = r;
    }
    if (pairs.length === 0) return;
    const named = pairs.map(([a, b]) => `${this.entryName(a)} and ${this.entryName(b)}`).join('; ');
    const more = overlapping > pairs.length ? ` and ${overlapping - pairs.length} more` : '';
    throw new BundleError(
      'zip-bomb',
      this.displayName,
      `${this.displayName} is refused as a zip bomb: entries share the same compressed bytes (${named}${more}). A real archive stores each file once.`,
    );
  }

  /** Decides whether an entry is safe to read; returns null for directories. */
  private judge(entry: yauzl.Entry, warnings: string[]): SourceEntry | RejectedEntry | null {
    const raw = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileName as unknown as Buffer, entry.extraFields, true);
    const shown = printable(raw);
    const name = checkEntryName(raw);
    if (!name.ok) return { path: shown, reason: 'unsafe-path', message: `${shown}: refused, ${name.reason}.` };
    if (name.path.endsWith('/')) return null;
    const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (entry.versionMadeBy >> 8 === HOST_UNIX && mode === S_IFLNK) {
      return { path: name.path, reason: 'symlink', message: `${name.path}: refused, it is a symbolic link.` };
    }
    if (entry.isEncrypted()) {
      return { path: name.path, reason: 'encrypted', message: `${name.path}: skipped, it is encrypted (password-protected).` };
    }
    const size = entry.uncompressedSize;
    const packed = Math.max(entry.compressedSize, 1);
    if (entry.compressionMethod === 0 && size !== entry.compressedSize) {
      return {
        path: name.path,
        reason: 'size-mismatch',
        message: `${name.path}: refused, it is stored uncompressed but declares ${size} bytes in ${entry.compressedSize}.`,
      };
    }
    // Deflate cannot expand more than ~1032× at any size, so a larger claim is a lie, however small the entry.
    if (entry.compressionMethod === 8 && size > entry.compressedSize * DEFLATE_MAX_RATIO + 1024) {
      return {
        path: name.path,
        reason: 'compression-ratio',
        message: `${name.path}: refused, it declares ${size} bytes from ${entry.compressedSize}, more than deflate can produce; that is a zip bomb, not a log.`,
      };
    }
    // Below the floor a high ratio is harmless and common (an emptied 68 KiB event log packs to ~100 bytes).
    if (size >= this.limits.ratioMinBytes && size / packed > this.limits.maxRatio) {
      return {
        path: name.path,
        reason: 'compression-ratio',
        message: `${name.path}: refused, it expands ${Math.round(size / packed)}× (${size} bytes from ${entry.compressedSize}); that is a zip bomb, not a log.`,
      };
    }
    if (size > this.limits.maxEntryBytes || this.budget.bytes + size > this.limits.maxTotalBytes) {
      return {
        path: name.path,
        reason: 'total-size',
        message: `${name.path}: skipped, the bundle would exceed ${formatBytes(this.limits.maxTotalBytes)} uncompressed.`,
      };
    }
    this.budget.bytes += size;
    let unique = name.path;
    if (this.byPath.has(unique)) {
      // Never let a later entry replace an earlier one: keep both, the later one renamed.
      const ext = path.posix.extname(unique);
      const stem = unique.slice(0, unique.length - ext.length);
      for (let n = 2; this.byPath.has(unique); n++) unique = `${stem} (${n})${ext}`;
      warnings.push(`${this.displayName} holds ${name.path} more than once; the copy stored later is listed as ${unique}.`);
    }
    this.byPath.set(unique, entry);
    return { path: unique, size, compressedSize: entry.compressedSize };
  }

  open(entry: SourceEntry): Promise<Readable> {
    const zipEntry = this.byPath.get(entry.path);
    if (!zipEntry) return Promise.reject(new Error(`${entry.path} is not in ${this.displayName}`));
    const deflated = zipEntry.compressionMethod === 8 && !zipEntry.isEncrypted();
    return new Promise((resolve, reject) => {
      // Deflated entries are inflated here rather than by yauzl: its inflater hands out 16 KiB pieces, and
      // on a 150 MB log the thread hops for those cost three times the inflating itself.
      this.zip.openReadStream(zipEntry, deflated ? { decompress: false } : {}, (err, raw) => {
        if (err) return reject(err);
        if (!deflated) return resolve(raw);
        const inflate = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES });
        const counted = new ExactSize(zipEntry.uncompressedSize);
        const fail = (e: Error) => counted.destroy(e);
        raw.on('error', fail);
        inflate.on('error', fail);
        counted.on('close', () => {
          raw.destroy();
          inflate.destroy();
        });
        resolve(raw.pipe(inflate).pipe(counted));
      });
    });
  }

  filePath(): string | null {
    return null;
  }

  async close(): Promise<void> {
    this.zip.close();
  }
}
