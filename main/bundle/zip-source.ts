// Reads a zip with yauzl: the central directory first (names and sizes, validated), entry data on demand
// as streams. Nothing is extracted here and the archive is never held in memory.
import yauzl from 'yauzl';
import type { Readable } from 'node:stream';
import { BundleError, type RejectedEntry } from './errors';
import { checkEntryName, printable } from './entry-name';
import type { BundleLimits } from './limits';
import { formatBytes } from '../model/display-format';
import type { Budget, BundleSource, SourceEntry, SourceListing } from './source';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const HOST_UNIX = 3;

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      file,
      // decodeStrings:false lets us judge each name ourselves and skip a bad entry instead of failing the zip.
      { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    );
  });
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
    const zip = this.zip;
    if (zip.entryCount + this.budget.entries > this.limits.maxEntries) {
      throw new BundleError(
        'too-many-entries',
        this.displayName,
        `${this.displayName} has ${zip.entryCount} entries; MTR Doctor reads at most ${this.limits.maxEntries} (a device log bundle has a few hundred).`,
      );
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(new BundleError('cancelled', this.displayName, 'Reading the bundle was cancelled.'));
      signal?.addEventListener('abort', onAbort, { once: true });
      zip.on('error', (err: Error) => reject(describeOpenError(this.displayName, err)));
      zip.on('end', () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        this.budget.entries += 1;
        const verdict = this.judge(entry);
        if (verdict && 'reason' in verdict) rejected.push(verdict);
        else if (verdict) entries.push(verdict);
        if (!signal?.aborted) zip.readEntry();
      });
      zip.readEntry();
    });
    return { entries, rejected };
  }

  /** Decides whether an entry is safe to read; returns null for directories. */
  private judge(entry: yauzl.Entry): SourceEntry | RejectedEntry | null {
    const raw = yauzl.getFileNameLowLevel(
      entry.generalPurposeBitFlag,
      entry.fileName as unknown as Buffer,
      entry.extraFields,
      true,
    );
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
    this.byPath.set(name.path, entry);
    return { path: name.path, size, compressedSize: entry.compressedSize };
  }

  open(entry: SourceEntry): Promise<Readable> {
    const zipEntry = this.byPath.get(entry.path);
    if (!zipEntry) return Promise.reject(new Error(`${entry.path} is not in ${this.displayName}`));
    return new Promise((resolve, reject) => {
      this.zip.openReadStream(zipEntry, (err, stream) => (err ? reject(err) : resolve(stream)));
    });
  }

  filePath(): string | null {
    return null;
  }

  async close(): Promise<void> {
    this.zip.close();
  }
}
