// EVTX files made by hand, byte by byte, for shapes no writer produces (caps, damage). Test-only.
import zlib from 'node:zlib';

const CHUNK = 65536;
const FILE_HEADER = 4096;

export function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/** An inline name structure: next offset, hash, length, UTF-16 text, NUL. */
export function inlineName(name: string): Buffer {
  return Buffer.concat([u32(0), u16(0), u16(name.length), Buffer.from(`${name}\0`, 'utf16le')]);
}

/** A file with one chunk holding the given records' BinXml (record ids 1..n, valid CRCs). */
export function evtxFile(binxmls: Buffer[]): Buffer {
  const chunk = Buffer.alloc(CHUNK);
  chunk.write('ElfChnk\0', 0, 'latin1');
  let p = 512;
  let last = 512;
  binxmls.forEach((x, i) => {
    const size = 24 + x.length + 4;
    chunk.writeUInt32LE(0x2a2a, p);
    chunk.writeUInt32LE(size, p + 4);
    chunk.writeBigUInt64LE(BigInt(i + 1), p + 8);
    chunk.writeBigUInt64LE(132000000000000000n, p + 16);
    x.copy(chunk, p + 24);
    chunk.writeUInt32LE(size, p + size - 4);
    last = p;
    p += size;
  });
  chunk.writeBigUInt64LE(1n, 8);
  chunk.writeBigUInt64LE(BigInt(binxmls.length), 16);
  chunk.writeBigUInt64LE(1n, 24);
  chunk.writeBigUInt64LE(BigInt(binxmls.length), 32);
  chunk.writeUInt32LE(128, 40);
  chunk.writeUInt32LE(last, 44);
  chunk.writeUInt32LE(p, 48);
  chunk.writeUInt32LE(zlib.crc32(chunk.subarray(512, p)), 52);
  chunk.writeUInt32LE(zlib.crc32(chunk.subarray(128, 512), zlib.crc32(chunk.subarray(0, 120))), 124);
  return Buffer.concat([evtxHeader(1), chunk]);
}

/** A 4 KiB file header block (valid signature and CRC, version 3.1) declaring `chunks` chunks. */
export function evtxHeader(chunks: number): Buffer {
  const header = Buffer.alloc(FILE_HEADER);
  header.write('ElfFile\0', 0, 'latin1');
  header.writeUInt32LE(128, 32);
  header.writeUInt16LE(1, 36);
  header.writeUInt16LE(3, 38);
  header.writeUInt16LE(4096, 40);
  header.writeUInt16LE(chunks, 42);
  header.writeUInt32LE(zlib.crc32(header.subarray(0, 120)), 124);
  return header;
}

/** Where a record's binary XML starts in the files evtxFile makes (chunk header 512 + record header 24). */
export const RECORD_BINXML = 512 + 24;
