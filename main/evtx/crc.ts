// CRC32 checks of the file header and of chunk headers/data. zlib.crc32 is native (Node 20.15+).
import zlib from 'node:zlib';

/** CRC32 over one or more byte ranges, as if they were contiguous. */
export function crc32(...parts: Uint8Array[]): number {
  let crc = 0;
  for (const part of parts) crc = zlib.crc32(part, crc);
  return crc >>> 0;
}
