// JSON output escapes what a terminal or a viewer would act on (issue 23.3): C1 controls, DEL, line separators
// and bidi controls become \u escapes; the value read back is the same.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeJson } from '../../main/report/json-stream';

async function written(value: unknown): Promise<string> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (b: Buffer) => (text += b.toString('utf8')));
  await writeJson(value, out);
  return text;
}

describe('writeJson', () => {
  it('escapes C1, DEL, U+2028/9 and bidi controls; the parsed value is unchanged', async () => {
    const value = { line: 'AADSTS50126 \u009b31m\u007f evil\u202egol.exe \u2066x\u2069 \u200e\u200f\u061c \u2028\u2029 \u001b[2J', n: 1 };
    const text = await written(value);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('\\u009b31m\\u007f evil\\u202egol.exe');
    expect(JSON.parse(text)).toEqual(value);
  });
});
