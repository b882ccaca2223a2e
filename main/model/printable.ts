// Names and text from a bundle or a tenant are the author's bytes: a file name can carry ESC sequences
// that repaint a terminal, a BEL, a newline that forges an extra report line, or bidi controls that show
// `evil\u202Egol.exe` as `evilexe.log`. Every text writer passes such strings through printable().

/**
 * C0 controls, DEL, C1 controls, the line/paragraph separators, and the Unicode bidi controls
 * (LRM, RLM, ALM, LRE…RLO, LRI…PDI).
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The string with every control and bidi character shown as an escape (`\x1b`, `\u202e`). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
