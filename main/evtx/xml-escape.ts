// How the EVTX renderers escape text for XML: render-xml.ts calls escapeText/escapeAttr, and
// evtx-dump/render-xml-bytes.ts writes the same forms from XML_ESCAPE (its byte tables are built here).
//
// Beyond & < > (and " in attribute values), event data is the author's: a Computer name or a Data string
// can hold ESC sequences, BEL, C1 controls such as CSI (U+009B) or bidi overrides that repaint or reorder
// the terminal a dump is printed to, once per record. The code points are printable()'s
// (model/printable.ts); each is written so that the output stays well-formed XML 1.0 and shows what was there:
// - C0 controls other than TAB, LF and CR are not XML 1.0 characters, not even as references (`&#x1b;`
//   makes the document ill-formed): they are written in printable()'s visible form, `\x1b`;
// - DEL, the C1 controls, U+2028/9 and the bidi controls are XML characters: they are written as
//   references, `&#x9b;`, `&#x202e;`, which a parser turns back into the very character and a terminal
//   shows as plain text.
// TAB, LF and CR stay raw, as Windows and evtxexport write them (multi-line messages). evtxexport writes
// every control raw: the golden tests normalise its output with xmlControls() before comparing.
import { UNPRINTABLE_RANGES, visibleEscape } from '../model/printable';

/** Flag bits of XML_ESCAPE: the code unit is escaped in text content / in attribute values. */
export const ESCAPE_TEXT = 1;
export const ESCAPE_ATTR = 2;

/**
 * The controls the XML escapes: printable()'s code points but TAB, LF and CR, listed from its ranges (a
 * hundred code units: the tables below are built at every start, from these, not by scanning 64K codes).
 */
const CONTROL_CODES: number[] = [];
for (const [a, b] of UNPRINTABLE_RANGES) for (let c = a; c <= b; c++) if (c !== 0x09 && c !== 0x0a && c !== 0x0d) CONTROL_CODES.push(c);

/** Every code unit either escape changes: the controls and & < > ". */
export const XML_ESCAPED_CODES: readonly number[] = [...CONTROL_CODES, 0x22, 0x26, 0x3c, 0x3e];

/** Per UTF-16 code unit, where it must be escaped (0: never); 64K entries, so any code unit is an index. */
export const XML_ESCAPE = new Uint8Array(0x10000);
for (const c of CONTROL_CODES) XML_ESCAPE[c] = ESCAPE_TEXT | ESCAPE_ATTR;
XML_ESCAPE[0x26] = XML_ESCAPE[0x3c] = XML_ESCAPE[0x3e] = ESCAPE_TEXT | ESCAPE_ATTR;
XML_ESCAPE[0x22] = ESCAPE_ATTR;

/** How a control code unit (one XML_ESCAPE marks, other than & < > ") is written. */
export function xmlControlForm(code: number): string {
  return code < 0x20 ? visibleEscape(code) : `&#x${code.toString(16)};`;
}

/** The inside of a regex character class matching `codes` (ascending), as ranges. */
function classOf(codes: readonly number[]): string {
  const u = (n: number) => `\\u${n.toString(16).padStart(4, '0')}`;
  let cls = '';
  for (let i = 0; i < codes.length; ) {
    const first = codes[i] ?? 0;
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === (codes[j] ?? 0) + 1) j++;
    cls += j === i ? u(first) : `${u(first)}-${u(codes[j] ?? 0)}`;
    i = j + 1;
  }
  return cls;
}

const CONTROL_CLASS = classOf(CONTROL_CODES);
const CONTROLS = new RegExp(`[${CONTROL_CLASS}]`, 'g');
const HAS_CONTROL = new RegExp(`[${CONTROL_CLASS}]`);

/** Whether a string holds anything escapeText / escapeAttr changes (a native test: long strings). */
export const TEXT_SPECIAL = new RegExp(`[${CONTROL_CLASS}&<>]`);
export const ATTR_SPECIAL = new RegExp(`[${CONTROL_CLASS}&<>"]`);

/** Only the controls of `s` in their XML form (for CDATA, names, and evtxexport's output in the tests). */
export function xmlControls(s: string): string {
  return HAS_CONTROL.test(s) ? s.replace(CONTROLS, (c) => xmlControlForm(c.charCodeAt(0))) : s;
}

function escaped(s: string, attr: boolean): string {
  let r = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (attr) r = r.replace(/"/g, '&quot;');
  // After the entities: the references written for controls keep their '&'.
  return xmlControls(r);
}

// A scan loop beats a regex test on the short strings most values are; the regex wins on long ones.
export function escapeText(s: string): string {
  if (s.length > 32) return TEXT_SPECIAL.test(s) ? escaped(s, false) : s;
  for (let i = 0; i < s.length; i++) if ((XML_ESCAPE[s.charCodeAt(i)] ?? 0) & ESCAPE_TEXT) return escaped(s, false);
  return s;
}

export function escapeAttr(s: string): string {
  if (s.length > 32) return ATTR_SPECIAL.test(s) ? escaped(s, true) : s;
  for (let i = 0; i < s.length; i++) if ((XML_ESCAPE[s.charCodeAt(i)] ?? 0) & ESCAPE_ATTR) return escaped(s, true);
  return s;
}
