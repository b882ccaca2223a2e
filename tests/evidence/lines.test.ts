// Line numbers are what a technician looks up in the log: they must match the file whatever the block
// boundaries, line endings, encoding, NUL padding or overlong lines.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_LINE, readLineBatches, readLines } from '../../main/evidence/lines';

/** A stream that hands the bytes over in blocks of `size`, so lines straddle blocks. */
function blocks(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

async function all(stream: Readable): Promise<{ line: string; number: number }[]> {
  const out: { line: string; number: number }[] = [];
  for await (const l of readLines(stream)) out.push(l);
  return out;
}

describe('readLineBatches', () => {
  const text = Array.from({ length: 500 }, (_, i) => `line ${i + 1} ${'x'.repeat(i % 37)}`).join('\r\n');

  it.each([7, 100, 4096, 1 << 20])('numbers every line as in the file, CRLF removed (blocks of %i bytes)', async (size) => {
    const got = await all(blocks(Buffer.from(text), size));
    expect(got).toHaveLength(500);
    for (const l of got) expect(l.line.startsWith(`line ${l.number} `)).toBe(true);
    expect(got.some((l) => l.line.includes('\r'))).toBe(false);
  });

  it('batches are contiguous runs of lines', async () => {
    let next = 1;
    for await (const b of readLineBatches(blocks(Buffer.from(text), 333))) {
      expect(b.first).toBe(next);
      next += b.lines.length;
    }
    expect(next).toBe(501);
  });

  it('an overlong line keeps its start and counts as one line', async () => {
    const long = `start ${'y'.repeat(MAX_LINE * 2 + 10)}`;
    const got = await all(blocks(Buffer.from(`first\n${long}\nthird\nfourth`), 8192));
    expect(got.map((l) => l.number)).toEqual([1, 2, 3, 4]);
    expect(got[1]?.line.startsWith('start yyy')).toBe(true);
    expect(got[1]?.line.length).toBeLessThanOrEqual(MAX_LINE);
    expect(got[2]?.line).toBe('third');
    expect(got[3]?.line).toBe('fourth');
  });

  it('reads UTF-16 LE without a BOM and ends lines at NUL runs', async () => {
    // A crash leaves NUL padding after the last line written; the next start of the app writes on after it.
    const head = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join('\r\n');
    const got = await all(blocks(Buffer.from(`${head}\r\nbeta\0\0\0\0gamma\r\n`, 'utf16le'), 5));
    expect(got.slice(99).map((l) => [l.number, l.line])).toEqual([
      [100, 'line 100'],
      [101, 'beta'],
      [102, 'gamma'],
    ]);
  });

  it.each([1, 2, 3, 5, 7, 65537, 1 << 20])('keeps characters whole when a block cuts them (UTF-8, UTF-16 BE/LE; blocks of %i bytes)', async (size) => {
    // Two-, three- and four-byte characters (and a surrogate pair in UTF-16) at every offset, over more than one
    // 64 KiB decoding piece.
    const lines = Array.from({ length: 3000 }, (_, i) => `${i + 1} Zürich 会议室 🎥 ${'é'.repeat(i % 5)}`);
    const text = lines.join('\n');
    for (const bytes of [Buffer.from(text), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])]) {
      const got = await all(blocks(bytes, size));
      expect(got.map((l) => l.line)).toEqual(lines);
    }
  });

  it('a character cut off by the end of the file becomes one replacement character', async () => {
    const bytes = Buffer.concat([Buffer.from('ok\nZ'), Buffer.from('ü').subarray(0, 1)]);
    expect((await all(blocks(bytes, 2))).map((l) => l.line)).toEqual(['ok', 'Z\ufffd']);
  });
});
