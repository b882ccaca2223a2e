// Bounds-checked reads over a chunk buffer. Every length that comes from the file is checked
// against the bytes that remain before anything is read or allocated by it.

/** Thrown for malformed bytes; always caught inside the reader and turned into an EvtxProblem. */
export class EvtxFormatError extends Error {
  override name = 'EvtxFormatError';
}

/**
 * Errors that mean "these bytes are malformed": our own checks, and Buffer's read-range checks.
 * Other RangeErrors (a failed allocation, a stack overflow) are bugs and must not be hidden.
 */
export function isDataError(err: unknown): err is Error {
  if (err instanceof EvtxFormatError) return true;
  if (!(err instanceof RangeError)) return false;
  const code = (err as RangeError & { code?: unknown }).code;
  return code === 'ERR_OUT_OF_RANGE' || code === 'ERR_BUFFER_OUT_OF_BOUNDS';
}

export function fail(message: string): never {
  throw new EvtxFormatError(message);
}

/** Throws unless [offset, offset + length) lies within [0, end). */
export function need(offset: number, length: number, end: number, what: string): void {
  if (offset < 0 || length < 0 || offset + length > end) {
    fail(`${what} at offset ${offset} needs ${length} bytes but only ${Math.max(0, end - offset)} remain`);
  }
}

/** Wraps any Uint8Array as a Buffer without copying, for Buffer's fast native decoders. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** UTF-16LE text of `chars` code units at `offset` (Buffer's native decoder beats a JS loop even for short names). */
export function utf16(buf: Buffer, offset: number, chars: number): string {
  if (chars <= 0) return '';
  need(offset, chars * 2, buf.length, 'UTF-16 text');
  return buf.toString('utf16le', offset, offset + chars * 2);
}

/** UTF-16LE text without the trailing NUL characters Windows stores with most strings. */
export function utf16z(buf: Buffer, offset: number, chars: number): string {
  need(offset, chars * 2, buf.length, 'UTF-16 text');
  // Trim on the bytes: cheaper than slicing the decoded string.
  while (chars > 0 && buf[offset + chars * 2 - 1] === 0 && buf[offset + chars * 2 - 2] === 0) chars--;
  return chars > 0 ? buf.toString('utf16le', offset, offset + chars * 2) : '';
}

/** Drops trailing NUL characters that Windows stores with most strings. */
export function stripNuls(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Upper-case two-digit hex of every byte value. */
export const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** Upper-case hex without separators, as Windows renders binary values. */
export function hexUpper(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += HEX_BYTE[b] ?? '';
  return s;
}
