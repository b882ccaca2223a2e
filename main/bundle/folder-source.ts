// Reads an already-extracted bundle folder. Symbolic links are refused rather than followed,
// so a folder cannot pull in files from elsewhere on the laptop.
import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { BundleError, type RejectedEntry } from './bundle-error';
import type { BundleLimits } from './limits';
import type { Budget, BundleSource, SourceEntry, SourceListing } from './bundle-source';

/** The two calls the walk makes; tests pass versions that make files vanish mid-walk. */
export interface WalkFs {
  readdir(dir: string): Promise<string[]>;
  lstat(file: string): Promise<Stats>;
}

const realFs: WalkFs = { readdir: (d) => readdir(d), lstat: (f) => lstat(f) };

/** What an fs error means to a technician, by its code. */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'it disappeared while the folder was being read';
    case 'ENAMETOOLONG':
      return 'its path is too long for this system';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return e instanceof Error ? e.message : String(err);
  }
}

/**
 * Bytes per read of a file in a folder bundle. With the default 64 KiB the reader outran the disk's thread
 * pool: a 150 MB Teams log left the scan idle 0.1-0.2 s in all, waiting for reads (0.1 s less idle at 256 KiB).
 */
const READ_PIECE = 256 * 1024;

export class FolderSource implements BundleSource {
  readonly kind = 'folder' as const;

  constructor(
    private readonly root: string,
    private readonly displayName: string,
    private readonly limits: BundleLimits,
    private readonly budget: Budget,
    private readonly fs: WalkFs = realFs,
  ) {}

  async list(signal?: AbortSignal): Promise<SourceListing> {
    const entries: SourceEntry[] = [];
    const rejected: RejectedEntry[] = [];
    const unreadable = (rel: string, err: unknown): RejectedEntry => ({
      path: rel,
      reason: 'unreadable',
      message: `${rel}: skipped, ${describeFsError(err)}.`,
    });
    // Iterative walk: deep trees cannot blow the stack.
    const pending: string[] = [''];
    while (pending.length > 0) {
      if (signal?.aborted) throw new BundleError('cancelled', this.displayName, 'Reading the bundle was cancelled.');
      const rel = pending.pop() as string;
      let names: string[];
      try {
        names = (await this.fs.readdir(path.join(this.root, rel))).sort();
      } catch (err) {
        if (!rel) throw new BundleError('io-error', this.displayName, `${this.displayName} cannot be listed: ${describeFsError(err)}.`);
        rejected.push(unreadable(rel, err));
        continue;
      }
      for (const name of names) {
        const childRel = rel ? `${rel}/${name}` : name;
        this.budget.entries += 1;
        if (this.budget.entries > this.limits.maxEntries) {
          throw new BundleError(
            'too-many-entries',
            this.displayName,
            `${this.displayName} holds more than ${this.limits.maxEntries} files; MTR Doctor reads at most that many (a device log bundle has a few hundred).`,
          );
        }
        let st: Stats;
        try {
          st = await this.fs.lstat(path.join(this.root, childRel));
        } catch (err) {
          rejected.push(unreadable(childRel, err));
          continue;
        }
        if (st.isSymbolicLink()) {
          rejected.push({ path: childRel, reason: 'symlink', message: `${childRel}: refused, it is a symbolic link.` });
        } else if (st.isDirectory()) {
          pending.push(childRel);
        } else if (st.isFile()) {
          if (this.budget.bytes + st.size > this.limits.maxTotalBytes || st.size > this.limits.maxEntryBytes) {
            rejected.push({ path: childRel, reason: 'total-size', message: `${childRel}: skipped, the bundle is larger than MTR Doctor reads.` });
            continue;
          }
          this.budget.bytes += st.size;
          entries.push({ path: childRel, size: st.size, compressedSize: null });
        } else {
          // A FIFO or device would block or never end when read.
          rejected.push({ path: childRel, reason: 'unreadable', message: `${childRel}: skipped, it is not a regular file.` });
        }
      }
    }
    entries.sort((a, b) => a.path.localeCompare(b.path));
    return { entries, rejected, warnings: [] };
  }

  async open(entry: SourceEntry): Promise<Readable> {
    return createReadStream(this.resolve(entry), { highWaterMark: READ_PIECE });
  }

  filePath(entry: SourceEntry): string {
    return this.resolve(entry);
  }

  private resolve(entry: SourceEntry): string {
    const full = path.resolve(this.root, entry.path);
    // Entries come from our own listing, but keep the containment invariant explicit.
    if (full !== this.root && !full.startsWith(this.root + path.sep)) {
      throw new BundleError('io-error', entry.path, `${entry.path} is outside the bundle folder.`);
    }
    return full;
  }

  async close(): Promise<void> {}
}
