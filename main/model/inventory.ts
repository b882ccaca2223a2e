// What a bundle holds, as the wizard's Inventory step and `mtr-doctor inventory` show it.
// Type-only: shared with the renderer.

export type EntryKind = 'evtx' | 'text-log' | 'zip' | 'other';

export interface InventoryEntry {
  /** Path inside the bundle, forward slashes; entries of a nested zip are prefixed with its path. */
  path: string;
  size: number;
  compressedSize: number | null;
  kind: EntryKind;
  /** For event logs: the channel and provider read from the first record. */
  channel: string | null;
  provider: string | null;
  /** How the channel was found: from the records (`content`) or guessed from the file name (`name`). */
  identifiedBy: 'content' | 'name' | null;
  /** A problem reading this entry, if any (e.g. "no valid chunk"). */
  note: string | null;
  /** For event logs: the damage their header and first chunk show (cut short, a bad header), naming the file; also a warning. */
  damaged?: string;
  /** An event log not opened: the bundle holds more than MTR Doctor identifies (its channel is from its name). */
  unopened?: boolean;
}

export interface InventoryRejection {
  path: string;
  reason: string;
  message: string;
}

export interface Inventory {
  bundleId: string;
  /** File or folder name as the technician knows it. */
  name: string;
  source: 'zip' | 'folder';
  entries: InventoryEntry[];
  rejected: InventoryRejection[];
  warnings: string[];
  /** Why this is not a Teams Rooms device log bundle (nothing in it can be analysed), or null (bundle/analysable.ts). */
  notABundle?: string | null;
  counts: { files: number; evtx: number; textLogs: number; other: number; rejected: number; bytes: number };
}

/** What a bundle held, without a handle to it: a fleet's room, whose bundle a worker read and closed. */
export type BundleContents = Omit<Inventory, 'bundleId'>;

export interface ProgressEvent {
  jobId: string;
  phase: 'listing' | 'identifying' | 'extracting' | 'reading-logs' | 'checking' | 'graph' | 'network' | 'done';
  message: string;
  done: number;
  total: number | null;
}
