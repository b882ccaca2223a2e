// JSON output written piece by piece: the same text as JSON.stringify(value, null, 2), without ever
// holding it as one string (a week of logs from a crafted bundle made that string outgrow V8's limit).
import { unprintableClass } from '../model/printable';

/** Long strings are escaped in slices of this many UTF-16 units. */
const STRING_SLICE = 1 << 16;
/** Objects this deep are written with one JSON.stringify each (see below). */
const WHOLE_FROM_DEPTH = 2;
/** Output is handed to the stream in blocks of about this many characters. */
const BLOCK = 1 << 16;

function* stringPieces(s: string): Generator<string> {
  if (s.length <= STRING_SLICE) {
    yield JSON.stringify(s);
    return;
  }
  yield '"';
  for (let i = 0; i < s.length; ) {
    let end = Math.min(s.length, i + STRING_SLICE);
    // Never split a surrogate pair: each half alone would be escaped as \udxxx.
    const last = s.charCodeAt(end - 1);
    if (end < s.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    yield JSON.stringify(s.slice(i, end)).slice(1, -1);
    i = end;
  }
  yield '"';
}

function skipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** The pieces of JSON.stringify(value, null, indent), in order. */
export function* jsonPieces(value: unknown, indent = '  ', depth = 0, key = ''): Generator<string> {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON(k: string): unknown }).toJSON(key);
  }
  if (typeof v === 'string') {
    yield* stringPieces(v);
    return;
  }
  if (v === null || typeof v !== 'object') {
    // Numbers (NaN → null), booleans, null; bigint throws exactly as JSON.stringify does.
    yield JSON.stringify(v) ?? 'null';
    return;
  }
  const inner = indent.repeat(depth + 1);
  const outer = indent.repeat(depth);
  if (depth >= WHOLE_FROM_DEPTH) {
    // Items deep in the result (one attempt, one piece of evidence) are small: JSON.stringify writes them many
    // times faster than a generator per value. Should one be too large for a string, it is written piecewise.
    let whole: string | undefined;
    try {
      whole = JSON.stringify(v, null, indent);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
    }
    if (whole !== undefined) {
      yield whole.includes('\n') ? whole.replace(/\n/g, `\n${outer}`) : whole;
      return;
    }
  }
  if (Array.isArray(v)) {
    if (v.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let i = 0; i < v.length; i++) {
      yield inner;
      const item: unknown = v[i];
      if (skipped(item)) yield 'null';
      else yield* jsonPieces(item, indent, depth + 1, String(i));
      yield i < v.length - 1 ? ',\n' : '\n';
    }
    yield `${outer}]`;
    return;
  }
  let first = true;
  for (const [k, item] of Object.entries(v)) {
    if (skipped(item)) continue;
    yield first ? `{\n${inner}` : `,\n${inner}`;
    first = false;
    yield `${JSON.stringify(k)}: `;
    yield* jsonPieces(item, indent, depth + 1, k);
  }
  yield first ? '{}' : `\n${outer}}`;
}

/** Writes `text`, waiting for the stream to drain when its buffer is full. */
export async function writeDrained(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (stream.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (err?: Error): void => {
      stream.off('drain', done);
      stream.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    stream.once('drain', done);
    stream.once('error', done);
  });
}

/**
 * What JSON.stringify leaves raw but a terminal or a viewer acts on: DEL, C1 controls (U+009B is a CSI), the
 * line separators and the bidi controls. Outside strings JSON has none of them, so escaping them in the
 * written text changes no value (issue 23.3).
 */
const RAW_CONTROLS = new RegExp(unprintableClass(0x20), 'g');
/** JSON text with those characters as `\u` escapes (the CLI's JSON lines use it too). */
export const escapeJsonControls = (text: string): string => text.replace(RAW_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Writes `value` as indented JSON and a newline, waiting for the stream to drain between blocks. */
export async function writeJson(value: unknown, stream: NodeJS.WritableStream): Promise<void> {
  let block = '';
  const flush = async (): Promise<void> => {
    const text = escapeJsonControls(block);
    block = '';
    await writeDrained(stream, text);
  };
  for (const piece of jsonPieces(value)) {
    block += piece;
    if (block.length >= BLOCK) await flush();
  }
  block += '\n';
  await flush();
}
