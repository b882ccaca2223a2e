// The streamed JSON writer gives byte for byte what JSON.stringify(value, null, 2) gives.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonPieces, writeJson } from '../../main/report/json-stream';

async function streamed(value: unknown): Promise<string> {
  const s = new PassThrough({ highWaterMark: 1024 });
  const parts: string[] = [];
  s.on('data', (b: Buffer) => parts.push(b.toString('utf8')));
  await writeJson(value, s);
  s.end();
  return parts.join('');
}

describe('writeJson', () => {
  it('matches JSON.stringify on nested objects, arrays, empty ones, skipped values, toJSON and odd numbers', async () => {
    const value = {
      a: 1,
      b: 'x"\\\n\u0001\u202e',
      c: [],
      d: {},
      e: [1, undefined, () => 1, null, { f: undefined, g: [[]] }],
      h: undefined,
      i: new Date(0),
      j: [NaN, -0, 1e21, true, false],
      'k "key"': { l: { m: { n: 'deep' } } },
    };
    // The same text, but for the bidi control U+202E, which is written escaped (issue 23.3): the same value.
    const text = await streamed(value);
    expect(text).toBe(`${JSON.stringify(value, null, 2).replace('\u202e', '\\u202e')}\n`);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('escapes long strings in slices without splitting a surrogate pair', async () => {
    const long = `${'a'.repeat((1 << 16) - 1)}😀${'"\\'.repeat(40_000)}${'é😀'.repeat(50_000)}`;
    const value = { raw: long, list: [long, 'short'] };
    expect(await streamed(value)).toBe(`${JSON.stringify(value, null, 2)}\n`);
    expect([...jsonPieces(long)].length).toBeGreaterThan(3);
  });

  it('throws on a bigint as JSON.stringify does', async () => {
    await expect(streamed({ n: 1n })).rejects.toThrow(TypeError);
  });
});
