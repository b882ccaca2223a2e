// A bundle is read through a source: a zip archive or an already-extracted folder.
import type { Readable } from 'node:stream';
import type { RejectedEntry } from './bundle-error';

export interface SourceEntry {
  /** Normalised path inside the source (forward slashes, no leading slash). */
  path: string;
  /** Uncompressed size in bytes. */
  size: number;
  /** Compressed size for zip entries, null for folders. */
  compressedSize: number | null;
}

export interface SourceListing {
  entries: SourceEntry[];
  rejected: RejectedEntry[];
  /** Things the technician should know that refuse nothing (e.g. a name stored twice). */
  warnings: string[];
}

export interface BundleSource {
  readonly kind: 'zip' | 'folder';
  list(signal?: AbortSignal): Promise<SourceListing>;
  /** A stream of the entry's bytes; for zips, it fails if the data does not match the declared size. */
  open(entry: SourceEntry): Promise<Readable>;
  /** A path on disk for the entry when it already is a file (folders), else null. */
  filePath(entry: SourceEntry): string | null;
  close(): Promise<void>;
}

/** Counts entries and bytes across a bundle and the zips nested in it, so caps hold for the whole. */
export interface Budget {
  entries: number;
  bytes: number;
}
