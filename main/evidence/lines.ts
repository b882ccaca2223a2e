// Streams text lines from a log of any size: UTF-8 or UTF-16 LE/BE (by BOM, or by where the zero bytes fall
// when there is none), CRLF or LF, with a cap on line length so a file without newlines cannot exhaust memory.
// Runs of NUL bytes (what a crash leaves in a log that was being written) end a line, so the text after them
// is still read as a line of its own.
import type { Readable } from 'node:stream';

export const MAX_LINE = 64 * 1024;

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

/** How many bytes of the start decide the encoding when there is no BOM. */
const SNIFF_BYTES = 4096;

/**
 * BOM first; otherwise UTF-16 shows as zero bytes in every other position (ASCII text). A few stray NULs
 * (padding) do not make UTF-8 look like UTF-16: the zeros must dominate one parity and be rare in the other.
 */
export function sniffEncoding(head: Uint8Array): { encoding: TextEncoding; bom: number } {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bom: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bom: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bom: 2 };
  const n = Math.min(head.length, SNIFF_BYTES) & ~1;
  if (n < 4) return { encoding: 'utf8', bom: 0 };
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero += 1;
    if (head[i + 1] === 0) oddZero += 1;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return { encoding: 'utf16le', bom: 0 };
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return { encoding: 'utf16be', bom: 0 };
  return { encoding: 'utf8', bom: 0 };
}

/** UTF-16 BE → LE by swapping byte pairs, carrying an odd byte over to the next chunk. */
class SwapBytes {
  private carry: number | null = null;
  swap(buf: Buffer): Buffer {
    const joined = this.carry === null ? buf : Buffer.concat([Buffer.from([this.carry]), buf]);
    const even = joined.length & ~1;
    this.carry = joined.length > even ? (joined[even] ?? null) : null;
    const out = Buffer.allocUnsafe(even);
    for (let i = 0; i < even; i += 2) {
      out[i] = joined[i + 1] as number;
      out[i + 1] = joined[i] as number;
    }
    return out;
  }
}

/**
 * Bytes → text, a piece at a time, carrying a character cut by a piece's end over to the next piece.
 * Buffer#toString does the decoding: StringDecoder costs several times more on ASCII logs.
 */
class TextPieces {
  private carry: Buffer | null = null;
  constructor(private readonly encoding: 'utf8' | 'utf16le') {}

  write(piece: Buffer): string {
    const buf = this.carry ? Buffer.concat([this.carry, piece]) : piece;
    const cut = this.encoding === 'utf8' ? utf8Cut(buf) : buf.length & ~1;
    this.carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : null;
    return buf.toString(this.encoding, 0, cut);
  }

  /** What a cut character left at the end (decoded with replacement characters). */
  end(): string {
    const rest = this.carry;
    this.carry = null;
    return rest ? rest.toString(this.encoding) : '';
  }
}

/** Where the last whole UTF-8 character ends: before a lead byte whose continuation bytes are not all here. */
function utf8Cut(buf: Buffer): number {
  const len = buf.length;
  let p = len - 1;
  // Back over at most three continuation bytes (10xxxxxx) to the lead byte.
  while (p >= 0 && p > len - 4 && ((buf[p] as number) & 0xc0) === 0x80) p -= 1;
  if (p < 0) return len;
  const lead = buf[p] as number;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return p + need > len ? p : len;
}

/**
 * Text is decoded in pieces of at most this many bytes: a longer string lands in V8's large-object space,
 * which costs a fresh mapping per string (decoding 150 MB in 256 KiB pieces took 15 times longer).
 */
const DECODE_PIECE_BYTES = 64 * 1024;

const NUL_RUN = /\0+/g;

/** A run of consecutive lines: `first` is the number of the first one (1-based). */
export interface LineBatch {
  lines: string[];
  first: number;
}

/** Every line, one at a time (convenient for small files; large ones are read faster by batch). */
export async function* readLines(stream: Readable): AsyncGenerator<{ line: string; number: number }> {
  for await (const batch of readLineBatches(stream)) {
    for (let i = 0; i < batch.lines.length; i += 1) yield { line: batch.lines[i] as string, number: batch.first + i };
  }
}

/**
 * The lines of each decoded block at once: one promise turn per block rather than per line, which is most of
 * the cost of reading a log of millions of lines. A line over MAX_LINE keeps its start and counts as one line.
 */
export async function* readLineBatches(stream: Readable): AsyncGenerator<LineBatch> {
  let decoder: TextPieces | null = null;
  let swapper: SwapBytes | null = null;
  let pending: Buffer | null = null;
  let rest = '';
  let number = 0;
  let overlong = false;

  function split(decoded: string): LineBatch {
    const out: string[] = [];
    const first = number + 1;
    const text = rest + (decoded.includes('\0') ? decoded.replace(NUL_RUN, '\n') : decoded);
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      // The end of an overlong line is not a line of its own: its start was handed out already.
      if (overlong) overlong = false;
      else {
        number += 1;
        out.push(text.charCodeAt(nl - 1) === 13 && nl > start ? text.slice(start, nl - 1) : text.slice(start, nl));
      }
      start = nl + 1;
    }
    rest = text.slice(start);
    if (rest.length > MAX_LINE) {
      // Keep the beginning of an endless line (where timestamps and codes are); drop the rest of it.
      if (!overlong) {
        number += 1;
        out.push(rest.slice(0, MAX_LINE));
      }
      overlong = true;
      rest = '';
    }
    return { lines: out, first };
  }

  const decode = (buf: Buffer): string => (decoder as TextPieces).write(swapper ? swapper.swap(buf) : buf);

  for await (const chunk of stream) {
    let buf = chunk as Buffer;
    if (!decoder) {
      // Sniff on enough bytes: a stream may hand over a tiny first chunk.
      pending = pending ? Buffer.concat([pending, buf]) : buf;
      if (pending.length < SNIFF_BYTES) continue;
      buf = pending;
      pending = null;
      const { encoding, bom } = sniffEncoding(buf);
      decoder = new TextPieces(encoding === 'utf8' ? 'utf8' : 'utf16le');
      if (encoding === 'utf16be') swapper = new SwapBytes();
      buf = buf.subarray(bom);
    }
    for (let at = 0; at < buf.length; at += DECODE_PIECE_BYTES) {
      const batch = split(decode(buf.subarray(at, at + DECODE_PIECE_BYTES)));
      if (batch.lines.length) yield batch;
    }
  }
  if (!decoder) {
    const buf = pending ?? Buffer.alloc(0);
    const { encoding, bom } = sniffEncoding(buf);
    decoder = new TextPieces(encoding === 'utf8' ? 'utf8' : 'utf16le');
    if (encoding === 'utf16be') swapper = new SwapBytes();
    const batch = split(decode(buf.subarray(bom)));
    if (batch.lines.length) yield batch;
  }
  const end = decoder.end();
  if (end) {
    const batch = split(end);
    if (batch.lines.length) yield batch;
  }
  const tail = rest;
  if (tail && !overlong) yield { lines: [tail.endsWith('\r') ? tail.slice(0, -1) : tail], first: number + 1 };
}
