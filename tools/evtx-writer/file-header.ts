// The 4 KiB file header block: signature, chunk range, next record id, version, chunk count, flags, CRC32.
import { crc32 } from 'node:zlib';
import { FILE_FLAG_DIRTY, FILE_HEADER_BLOCK_SIZE, FILE_HEADER_SIZE, FILE_SIGNATURE } from '../../main/evtx/binary-format';

/** Header flag of a log written without CRC32s (3.2 logs may be). */
export const FILE_FLAG_NO_CRC32 = 0x4;

export interface FileHeaderFields {
  chunkCount: number;
  nextRecordId: bigint;
  minorVersion: number;
  dirty: boolean;
  checksums: boolean;
}

export function buildFileHeader(f: FileHeaderFields): Buffer {
  if (f.chunkCount > 0xffff) throw new RangeError(`${f.chunkCount} chunks: the header's chunk count is 16 bits`);
  const b = Buffer.alloc(FILE_HEADER_BLOCK_SIZE);
  b.write(FILE_SIGNATURE, 0, 'latin1');
  b.writeBigUInt64LE(0n, 8); // first chunk number: a log that never wrapped starts at chunk 0
  b.writeBigUInt64LE(BigInt(Math.max(f.chunkCount - 1, 0)), 16);
  b.writeBigUInt64LE(f.nextRecordId, 24);
  b.writeUInt32LE(FILE_HEADER_SIZE, 32);
  b.writeUInt16LE(f.minorVersion, 36);
  b.writeUInt16LE(3, 38);
  b.writeUInt16LE(FILE_HEADER_BLOCK_SIZE, 40);
  b.writeUInt16LE(f.chunkCount, 42);
  b.writeUInt32LE((f.dirty ? FILE_FLAG_DIRTY : 0) | (f.checksums ? 0 : FILE_FLAG_NO_CRC32), 120);
  b.writeUInt32LE(f.checksums ? crc32(b.subarray(0, 120)) : 0, 124);
  return b;
}
