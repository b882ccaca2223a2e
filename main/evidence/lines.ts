// Streams text lines from a log of any size: UTF-8 or UTF-16 (by BOM), CRLF or LF, with a cap on line
// length so a file without newlines cannot exhaust memory.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export const MAX_LINE = 64 * 1024;

export async function* readLines(stream: Readable): AsyncGenerator<{ line: string; number: number }> {
  let decoder: StringDecoder | null = null;
  let rest = '';
  let number = 0;
  let overlong = false;
  for await (const chunk of stream) {
    let buf = chunk as Buffer;
    if (!decoder) {
      const utf16 = buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe;
      decoder = new StringDecoder(utf16 ? 'utf16le' : 'utf8');
      if (utf16) buf = buf.subarray(2);
      else if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    const text = rest + decoder.write(buf);
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      number += 1;
      if (!overlong) yield { line: text.slice(start, nl).replace(/\r$/, ''), number };
      overlong = false;
      start = nl + 1;
    }
    rest = text.slice(start);
    if (rest.length > MAX_LINE) {
      // Keep the beginning of an endless line (where timestamps and codes are); drop the rest of it.
      if (!overlong) {
        number += 1;
        yield { line: rest.slice(0, MAX_LINE), number };
      }
      overlong = true;
      rest = '';
    }
  }
  const tail = rest + (decoder?.end() ?? '');
  if (tail && !overlong) yield { line: tail.replace(/\r$/, ''), number: number + 1 };
}
