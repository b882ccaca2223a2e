// A chunk's records' XML as one block (shared by the dumping reader and the worker thread).
import type { ParsedRecord } from './record';

/** The records' XML, concatenated: exactly what xml() gives for each, in order. */
export function chunkXml(records: readonly ParsedRecord[]): string {
  let out = '';
  for (const r of records) out += r.xml();
  return out;
}

/** UTF-8 bytes of `text` in an ArrayBuffer of their own (transferable, not Buffer's shared pool). */
export function utf8Block(text: string): ArrayBuffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes.buffer as ArrayBuffer;
}
