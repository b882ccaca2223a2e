// What kind of file an entry is. Kinds decide what the analysis reads; names are only a first guess,
// EVTX and zip are confirmed by their magic bytes.

import type { EntryKind } from '../model/inventory';

const EVTX_MAGIC = Buffer.from('ElfFile\0', 'latin1');
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** Teams logs: classic Logs.txt, rotated old_logs_*.txt, new Teams MSTeams_*.log, and any *.log. */
const TEXT_LOG = /\.(log|txt)$/i;

export function kindFromName(path: string): EntryKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.evtx')) return 'evtx';
  if (lower.endsWith('.zip')) return 'zip';
  if (TEXT_LOG.test(lower)) return 'text-log';
  return 'other';
}

/** Confirms a guess with the first bytes: an .evtx without the EVTX signature is "other", and vice versa. */
export function kindFromContent(path: string, head: Uint8Array): EntryKind {
  const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (buf.subarray(0, 8).equals(EVTX_MAGIC)) return 'evtx';
  if (buf.subarray(0, 4).equals(ZIP_MAGIC) || buf.subarray(0, 4).equals(EMPTY_ZIP_MAGIC)) return 'zip';
  const byName = kindFromName(path);
  return byName === 'evtx' || byName === 'zip' ? 'other' : byName;
}
