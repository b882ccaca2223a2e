// Evidence excerpts: the exact text, trimmed to something a sheet can print.

/** Whitespace that flattening would change: a run of two, any but a plain space, or at either end. */
const NOT_FLAT = /\s\s|[^\S ]|^\s|\s$/;

/**
 * The text on one line: every whitespace run one space, none at the ends. Most excerpts already are, and a
 * test is far cheaper than a replace that matches every single space of them.
 */
export function flatten(text: string): string {
  return NOT_FLAT.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

export function clip(text: string, max = 320): string {
  const flat = flatten(text);
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/**
 * Like clip, but keeps `needle` (the matched code) in view: a long line is cut around it, not at its start,
 * so "AADSTS50076" is never the part that falls off.
 */
export function clipAround(text: string, needle: string, max = 320): string {
  const flat = flatten(text);
  if (flat.length <= max) return flat;
  const at = flat.indexOf(needle);
  if (at < 0 || at + needle.length <= max - 1) return clip(flat, max);
  // Show the line's start (its time) is less important than the code: centre on the needle.
  const room = max - 2;
  const start = Math.max(0, Math.min(at - Math.floor((room - needle.length) / 2), flat.length - room));
  const end = Math.min(flat.length, start + room);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}

/**
 * A string that owns its characters. V8 keeps a slice of a long string as a view into it, so an excerpt cut
 * from a 64 KiB block of a log (or a field cut from an event's text) would keep the whole of it alive for as
 * long as the evidence lives. Slicing a fresh concatenation makes V8 copy the characters into a string of
 * their own first (ten times cheaper than a round trip through a Buffer).
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

/**
 * "record 1234 · event 1098", the locator of an event log record, as one flat string: a template literal
 * would leave a tree of pieces, which costs more memory per fact than the text itself.
 */
export function recordLocator(recordId: bigint, eventId: number): string {
  return ['record ', String(recordId), ' · event ', String(eventId)].join('');
}
