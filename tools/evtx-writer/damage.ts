// Deliberate damage for fixtures ("a damaged AAD log"): each helper returns a damaged copy of a written file and
// breaks exactly one thing, recomputing the checksums it did not mean to break.
import { crc32 } from 'node:zlib';
import { CHUNK_HEADER_SIZE, CHUNK_RECORDS_OFFSET, CHUNK_SIZE, FILE_FLAG_DIRTY, FILE_HEADER_BLOCK_SIZE } from '../../main/evtx/binary-format';

function chunkAt(file: Uint8Array, chunkIndex: number): { copy: Buffer; at: number } {
  const at = FILE_HEADER_BLOCK_SIZE + chunkIndex * CHUNK_SIZE;
  if (!Number.isInteger(chunkIndex) || chunkIndex < 0 || at + CHUNK_HEADER_SIZE > file.length)
    throw new RangeError(`no chunk ${chunkIndex} in a file of ${file.length} bytes`);
  return { copy: Buffer.from(file), at };
}

function rewriteHeaderCrc(b: Buffer, at: number): void {
  const crc = crc32(b.subarray(at + CHUNK_HEADER_SIZE, at + CHUNK_RECORDS_OFFSET), crc32(b.subarray(at, at + 120)));
  b.writeUInt32LE(crc, at + 124);
}

/** The stored records CRC no longer matches (the header CRC is recomputed, so only the data check fails). */
export function corruptChunkDataCrc(file: Uint8Array, chunkIndex = 0): Uint8Array {
  const { copy, at } = chunkAt(file, chunkIndex);
  copy.writeUInt32LE(~copy.readUInt32LE(at + 52) >>> 0, at + 52);
  rewriteHeaderCrc(copy, at);
  return copy;
}

/** The stored chunk header CRC no longer matches. */
export function corruptChunkHeaderCrc(file: Uint8Array, chunkIndex = 0): Uint8Array {
  const { copy, at } = chunkAt(file, chunkIndex);
  copy.writeUInt32LE(~copy.readUInt32LE(at + 124) >>> 0, at + 124);
  return copy;
}

/** The chunk's "ElfChnk" signature is overwritten, as in logs carved from disk. */
export function corruptChunkSignature(file: Uint8Array, chunkIndex = 0): Uint8Array {
  const { copy, at } = chunkAt(file, chunkIndex);
  copy.fill(0, at, at + 8);
  return copy;
}

function lastRecordOf(b: Buffer, at: number): { start: number; size: number } {
  const start = at + b.readUInt32LE(at + 44);
  const size = b.readUInt32LE(start + 4);
  if (b.readUInt32LE(at + 44) < CHUNK_RECORDS_OFFSET || size < 28) throw new RangeError('chunk has no last record');
  return { start, size };
}

/**
 * The chunk's last record is torn as by a crash mid-write: its second half (with the trailing size copy) is zeroed
 * while the chunk header still counts it. CRCs are recomputed, so the torn record is the only fault.
 */
export function tearLastRecord(file: Uint8Array, chunkIndex = 0): Uint8Array {
  const { copy, at } = chunkAt(file, chunkIndex);
  const { start, size } = lastRecordOf(copy, at);
  copy.fill(0, start + Math.floor(size / 2), start + size);
  const free = copy.readUInt32LE(at + 48);
  copy.writeUInt32LE(crc32(copy.subarray(at + CHUNK_RECORDS_OFFSET, at + free)), at + 52);
  rewriteHeaderCrc(copy, at);
  return copy;
}

/** The file ends in the middle of the last chunk's last record, as a partial copy of a live log does. */
export function truncateInLastRecord(file: Uint8Array): Uint8Array {
  const chunks = Math.floor((file.length - FILE_HEADER_BLOCK_SIZE) / CHUNK_SIZE);
  const { copy, at } = chunkAt(file, chunks - 1);
  const { start, size } = lastRecordOf(copy, at);
  return copy.subarray(0, start + Math.floor(size / 2));
}

/**
 * Rewrites file header fields (with a valid header CRC), e.g. a chunk count lower than the chunks present, as logs
 * carved from shadow copies have, or the dirty flag.
 */
export function patchFileHeader(file: Uint8Array, fields: { chunkCount?: number; nextRecordId?: bigint; dirty?: boolean }): Uint8Array {
  const b = Buffer.from(file);
  if (fields.chunkCount !== undefined) {
    b.writeUInt16LE(fields.chunkCount, 42);
    b.writeBigUInt64LE(BigInt(Math.max(fields.chunkCount - 1, 0)), 16);
  }
  if (fields.nextRecordId !== undefined) b.writeBigUInt64LE(fields.nextRecordId, 24);
  if (fields.dirty !== undefined) {
    const flags = b.readUInt32LE(120);
    b.writeUInt32LE(fields.dirty ? flags | FILE_FLAG_DIRTY : flags & ~FILE_FLAG_DIRTY, 120);
  }
  b.writeUInt32LE(crc32(b.subarray(0, 120)), 124);
  return b;
}
