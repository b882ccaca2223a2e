// Names and text from a bundle or a tenant are the author's bytes: a file name can carry ESC sequences
// that repaint a terminal, a BEL, a newline that forges an extra report line, or bidi controls that show
// `evil\u202Egol.exe` as `evilexe.log`. Every text writer passes such strings through printable(); the
// other formats escape the same code points their own way (JSON `\u` escapes, XML in evtx/xml-escape.ts).

/**
 * The code points no output may carry raw, as inclusive UTF-16 ranges: C0 controls, DEL, C1 controls,
 * ALM, LRM/RLM, the line/paragraph separators, LRE…RLO and LRI…PDI. All are single code units.
 */
export const UNPRINTABLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0x61c, 0x61c],
  [0x200e, 0x200f],
  [0x2028, 0x2029],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** A regex character class of the ranges from code `min` up (JSON.stringify escapes C0 itself). */
export function unprintableClass(min = 0): string {
  const ranges = UNPRINTABLE_RANGES.filter(([, b]) => b >= min).map(([a, b]) => [Math.max(a, min), b] as const);
  return `[${ranges.map(([a, b]) => (a === b ? `\\u${hex4(a)}` : `\\u${hex4(a)}-\\u${hex4(b)}`)).join('')}]`;
}

const UNPRINTABLE = new RegExp(unprintableClass(), 'g');
/** The same but TAB, LF and CR: layout a page may keep (a raw event's lines in a <pre>), harmless on screen. */
const UNPRINTABLE_BUT_LAYOUT = new RegExp(`(?![\\t\\n\\r])${unprintableClass()}`, 'g');

/** Whether a UTF-16 code unit is one printable() escapes. */
export function isUnprintable(code: number): boolean {
  // An indexed loop: tables are built with this at start-up, before the optimizer runs, where
  // destructuring each range cost tens of milliseconds.
  for (let i = 0; i < UNPRINTABLE_RANGES.length; i++) {
    const r = UNPRINTABLE_RANGES[i];
    if (r && code >= r[0] && code <= r[1]) return true;
  }
  return false;
}

/** The visible form printable() gives a code unit: `\x1b` below U+0100, else `\u202e`. */
export function visibleEscape(code: number): string {
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${hex4(code)}`;
}

const escapeMatch = (c: string): string => visibleEscape(c.charCodeAt(0));

/**
 * The string with every control and bidi character shown as an escape (`\x1b`, `\u202e`). A backslash
 * is left as it is, so printable(printable(s)) === printable(s): text escaped once is never escaped twice.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeMatch);
}

/** printable() but TAB, LF and CR left raw: for text laid out by its format (a page, a quoted CSV cell). */
export function printableKeepingLayout(text: string): string {
  return text.replace(UNPRINTABLE_BUT_LAYOUT, escapeMatch);
}

/**
 * `value` with every string in it (in arrays and plain objects, at any depth) through printable(). Parts
 * with nothing to escape are returned as they are, so a clean result costs a walk and no copy.
 * `keepLayout` leaves TAB, LF and CR raw, for a page that lays text out (the app's views).
 */
export function printableDeep<T>(value: T, keepLayout = false): T {
  if (typeof value === 'string') return (keepLayout ? printableKeepingLayout(value) : printable(value)) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const shown = printableDeep(item, keepLayout);
      if (shown !== item) (copy ??= value.slice())[i] = shown;
    }
    return (copy ?? value) as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let copy: Record<string, unknown> | null = null;
    for (const [k, item] of Object.entries(value)) {
      const shown = printableDeep(item, keepLayout);
      if (shown !== item) (copy ??= { ...(value as Record<string, unknown>) })[k] = shown;
    }
    return (copy ?? value) as T;
  }
  return value;
}
