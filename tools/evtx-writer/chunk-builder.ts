// One 64 KiB chunk: records from offset 512, the name/template hash tables, and a header with both CRCs.
import { crc32 } from 'node:zlib';
import { CHUNK_HEADER_SIZE, CHUNK_RECORDS_OFFSET, CHUNK_SIGNATURE, CHUNK_SIZE } from '../../main/evtx/binary-format';
import { ChunkCursor, RecordOverflow } from './chunk-cursor';
import { ChunkTables } from './chunk-tables';

/** Every chunk of a 3.1 log Windows wrote has flag 1; 0x4 marks a log written without CRC32s. */
const CHUNK_FLAG = 0x1;
export const CHUNK_FLAG_NO_CRC32 = 0x4;

export class ChunkBuilder {
  readonly buf = Buffer.alloc(CHUNK_SIZE);
  private readonly tables = new ChunkTables();
  private free = CHUNK_RECORDS_OFFSET;
  private lastRecordOffset = 0;
  private firstId = 0n;
  private lastId = 0n;
  count = 0;

  /**
   * Runs `write` at the free offset. If the record does not fit it is wiped along with any names and templates it
   * defined, and false is returned so the caller can start a new chunk.
   */
  tryAppend(recordId: bigint, write: (c: ChunkCursor, t: ChunkTables) => void): boolean {
    const c = new ChunkCursor(this.buf, this.free);
    try {
      write(c, this.tables);
    } catch (err) {
      this.buf.fill(0, this.free, c.highWater);
      this.tables.rollback();
      if (err instanceof RecordOverflow) {
        if (this.count === 0) throw new RangeError(`record ${recordId} is larger than a chunk can hold`, { cause: err });
        return false;
      }
      throw err;
    }
    this.tables.commit(this.buf);
    if (this.count === 0) this.firstId = recordId;
    this.lastId = recordId;
    this.lastRecordOffset = this.free;
    this.free = c.pos;
    this.count++;
    return true;
  }

  /** Writes the header and tables. Callable again after more records: the record area is append-only. */
  finish(checksums: boolean): Buffer {
    const b = this.buf;
    b.write(CHUNK_SIGNATURE, 0, 'latin1');
    // The "record number" pair is the same as the id pair in logs written in one go, as these are.
    b.writeBigUInt64LE(this.firstId, 8);
    b.writeBigUInt64LE(this.lastId, 16);
    b.writeBigUInt64LE(this.firstId, 24);
    b.writeBigUInt64LE(this.lastId, 32);
    b.writeUInt32LE(CHUNK_HEADER_SIZE, 40);
    b.writeUInt32LE(this.lastRecordOffset, 44);
    b.writeUInt32LE(this.free, 48);
    b.writeUInt32LE(checksums ? crc32(b.subarray(CHUNK_RECORDS_OFFSET, this.free)) : 0, 52);
    b.writeUInt32LE(CHUNK_FLAG | (checksums ? 0 : CHUNK_FLAG_NO_CRC32), 120);
    this.tables.writeTo(b);
    const headerCrc = checksums ? crc32(b.subarray(CHUNK_HEADER_SIZE, CHUNK_RECORDS_OFFSET), crc32(b.subarray(0, 120))) : 0;
    b.writeUInt32LE(headerCrc, 124);
    return b;
  }
}
