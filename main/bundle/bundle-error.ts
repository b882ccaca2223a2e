// A bundle problem a technician can act on: which file, what is wrong.

export type BundleErrorCode =
  | 'not-found'
  | 'not-a-bundle'
  | 'not-a-zip'
  | 'truncated-zip'
  | 'too-many-entries'
  | 'too-large'
  | 'zip-bomb'
  | 'cancelled'
  | 'io-error';

export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    /** The file the problem is about, as the user knows it. */
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

/** Why a single entry was left out; the rest of the bundle is still read. */
export type RejectReason =
  | 'unsafe-path'
  | 'symlink'
  | 'encrypted'
  | 'compression-ratio'
  | 'total-size'
  | 'nested-zip-depth'
  | 'unreadable'
  | 'size-mismatch';

export interface RejectedEntry {
  /** The entry's name as stored (made printable). */
  path: string;
  reason: RejectReason;
  message: string;
}
