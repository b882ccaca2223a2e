// The 128-byte file header at the start of the first 4 KiB block.
import { asBuffer } from './bytes';
import { crc32 } from './crc';
import { FILE_HEADER_SIZE, FILE_SIGNATURE } from './binary-format';

/** Version 3.2 flag: checksums are not maintained (file header and chunks). */
export const FILE_FLAG_NO_CRC32 = 0x4;

export interface FileHeader {
  firstChunkNumber: bigint;
  lastChunkNumber: bigint;
  nextRecordId: bigint;
  majorVersion: number;
  minorVersion: number;
  /** Chunk count as the header claims it; dirty files hold valid chunks beyond it. */
  chunkCount: number;
  flags: number;
  /** False when the stored CRC does not match (never checked for no-CRC files). */
  checksumOk: boolean;
}

export function hasFileSignature(bytes: Uint8Array): boolean {
  if (bytes.length < FILE_SIGNATURE.length) return false;
  for (let i = 0; i < FILE_SIGNATURE.length; i++) {
    if (bytes[i] !== FILE_SIGNATURE.charCodeAt(i)) return false;
  }
  return true;
}

/** Parses the header, or returns null when the bytes do not start with the EVTX signature. */
export function parseFileHeader(bytes: Uint8Array): FileHeader | null {
  if (bytes.length < FILE_HEADER_SIZE || !hasFileSignature(bytes)) return null;
  const b = asBuffer(bytes);
  const flags = b.readUInt32LE(120);
  const noCrc = (flags & FILE_FLAG_NO_CRC32) !== 0;
  return {
    firstChunkNumber: b.readBigUInt64LE(8),
    lastChunkNumber: b.readBigUInt64LE(16),
    nextRecordId: b.readBigUInt64LE(24),
    minorVersion: b.readUInt16LE(36),
    majorVersion: b.readUInt16LE(38),
    chunkCount: b.readUInt16LE(42),
    flags,
    checksumOk: noCrc || crc32(b.subarray(0, 120)) === b.readUInt32LE(124),
  };
}
