// A 64 KiB chunk: header checks (signature, CRCs) and the structural walk that finds its records.
import { crc32 } from './crc';
import {
  CHUNK_HEADER_SIZE,
  CHUNK_RECORDS_OFFSET,
  CHUNK_SIGNATURE,
  CHUNK_SIZE,
  RECORD_HEADER_SIZE,
  RECORD_SIGNATURE,
} from './binary-format';
import type { EvtxProblemKind, MissingRecords } from './types';

/** Version 3.2 chunk flag: the chunk's checksums are not maintained. */
export const CHUNK_FLAG_NO_CRC32 = 0x4;
/** Smallest record: header plus the trailing copy of the size. */
const MIN_RECORD_SIZE = RECORD_HEADER_SIZE + 4;

export interface ChunkHeader {
  firstRecordNumber: bigint;
  lastRecordNumber: bigint;
  firstRecordId: bigint;
  lastRecordId: bigint;
  lastRecordOffset: number;
  freeSpaceOffset: number;
  dataCrc: number;
  flags: number;
  headerCrc: number;
}

/** A problem found while walking a chunk; offsets are relative to the chunk. */
export interface ChunkIssue {
  kind: EvtxProblemKind;
  offset: number;
  /** Bytes of record data this issue leaves unread (a torn record and the rest of the chunk after it). */
  bytes?: number;
  /** For missing-records: the records the chunk's header declares against those found. */
  records?: MissingRecords;
  message: string;
}

export interface ChunkScan {
  header: ChunkHeader;
  /** Chunk-relative offsets of the structurally valid records, in order. */
  recordOffsets: number[];
  issues: ChunkIssue[];
}

export function hasChunkSignature(chunk: Uint8Array): boolean {
  if (chunk.length < CHUNK_SIGNATURE.length) return false;
  for (let i = 0; i < CHUNK_SIGNATURE.length; i++) {
    if (chunk[i] !== CHUNK_SIGNATURE.charCodeAt(i)) return false;
  }
  return true;
}

const ZEROS = new Uint8Array(CHUNK_SIZE);

/** Never-used space (preallocated, all zero) is not damage. */
export function isZeroBlock(chunk: Uint8Array): boolean {
  for (let at = 0; at < chunk.length; at += CHUNK_SIZE) {
    const part = chunk.subarray(at, at + CHUNK_SIZE);
    if (Buffer.compare(part, ZEROS.subarray(0, part.length)) !== 0) return false;
  }
  return true;
}

export function parseChunkHeader(chunk: Buffer): ChunkHeader {
  return {
    firstRecordNumber: chunk.readBigUInt64LE(8),
    lastRecordNumber: chunk.readBigUInt64LE(16),
    firstRecordId: chunk.readBigUInt64LE(24),
    lastRecordId: chunk.readBigUInt64LE(32),
    lastRecordOffset: chunk.readUInt32LE(44),
    freeSpaceOffset: chunk.readUInt32LE(48),
    dataCrc: chunk.readUInt32LE(52),
    flags: chunk.readUInt32LE(120),
    headerCrc: chunk.readUInt32LE(124),
  };
}

/**
 * Checks a chunk whose signature is valid and lists its records. Matches libevtx: records are
 * read from offset 512 up to the free space offset, and the walk stops at the first record whose
 * signature or sizes (at both ends) are wrong. A CRC mismatch is reported, not fatal: the records
 * of such chunks are still structurally sound and are returned.
 */
export function scanChunk(chunk: Buffer): ChunkScan {
  const issues: ChunkIssue[] = [];
  const header = parseChunkHeader(chunk);
  const len = chunk.length;
  if (len < CHUNK_SIZE) {
    issues.push({ kind: 'torn-record', offset: len, message: `chunk is cut short: ${len} of ${CHUNK_SIZE} bytes present (file truncated)` });
  }
  const free = header.freeSpaceOffset;
  const freeValid = free >= CHUNK_RECORDS_OFFSET && free <= CHUNK_SIZE;
  const checkCrc = (header.flags & CHUNK_FLAG_NO_CRC32) === 0;
  if (checkCrc && len >= CHUNK_RECORDS_OFFSET) {
    const crc = crc32(chunk.subarray(0, 120), chunk.subarray(CHUNK_HEADER_SIZE, CHUNK_RECORDS_OFFSET));
    if (crc !== header.headerCrc) {
      issues.push({ kind: 'bad-chunk-header-crc', offset: 124, message: `chunk header CRC32 is 0x${hex8(header.headerCrc)}, computed 0x${hex8(crc)}` });
    }
    if (!freeValid) {
      issues.push({ kind: 'bad-chunk-data-crc', offset: 48, message: `free space offset ${free} is outside the chunk; record data CRC cannot be checked` });
    } else if (free <= len) {
      const crc2 = crc32(chunk.subarray(CHUNK_RECORDS_OFFSET, free));
      if (crc2 !== header.dataCrc) {
        issues.push({ kind: 'bad-chunk-data-crc', offset: 52, message: `record data CRC32 is 0x${hex8(header.dataCrc)}, computed 0x${hex8(crc2)}` });
      }
    }
  }

  const recordOffsets: number[] = [];
  const limit = freeValid ? Math.min(free, len) : len;
  let p = CHUNK_RECORDS_OFFSET;
  while (p < limit) {
    if (p + RECORD_HEADER_SIZE > len) {
      issues.push({ kind: 'torn-record', offset: p, bytes: limit - p, message: `record header at ${p} is cut off by the end of the data` });
      break;
    }
    if (chunk.readUInt32LE(p) !== RECORD_SIGNATURE) {
      issues.push({ kind: 'bad-record', offset: p, bytes: limit - p, message: `no record signature at ${p}, before the free space offset ${limit}; the rest of the chunk is skipped` });
      break;
    }
    const size = chunk.readUInt32LE(p + 4);
    if (size < MIN_RECORD_SIZE || p + size > len) {
      const cut = p + size > len && len < CHUNK_SIZE;
      issues.push({
        kind: 'torn-record',
        offset: p,
        bytes: limit - p,
        message: cut ? `record at ${p} (size ${size}) is cut off by the end of the file` : `record at ${p} has an impossible size ${size}; the rest of the chunk is skipped`,
      });
      break;
    }
    const tail = chunk.readUInt32LE(p + size - 4);
    if (tail !== size) {
      issues.push({ kind: 'torn-record', offset: p, bytes: limit - p, message: `record at ${p} has size ${size} but ${tail} at its end; the rest of the chunk is skipped` });
      break;
    }
    recordOffsets.push(p);
    p += size;
  }
  // Fewer records than the chunk's header declares, with no torn record to explain it (a free space offset
  // that hides them, say): the rest is damage, and is said. A header that declares fewer (a log being written) is not.
  const declared = header.lastRecordId >= header.firstRecordId ? header.lastRecordId - header.firstRecordId + 1n : 0n;
  const explained = issues.some((i) => i.kind === 'torn-record' || i.kind === 'bad-record');
  if (!explained && header.lastRecordOffset !== 0 && declared > BigInt(recordOffsets.length) && declared <= 0xffffn) {
    issues.push({
      kind: 'missing-records',
      offset: 24,
      records: { declaredLast: Number(header.lastRecordId), read: recordOffsets.length, unread: Number(declared) - recordOffsets.length },
      message: `its header declares records ${header.firstRecordId}–${header.lastRecordId} (${declared}), but ${recordOffsets.length} could be read`,
    });
  }
  return { header, recordOffsets, issues };
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}
