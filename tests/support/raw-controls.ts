// What no output may carry raw (issue 23): C0 controls but TAB, LF and CR, DEL, C1 controls, the line and
// paragraph separators and the bidi controls. Written out here, not imported from main/model/printable.ts,
// so a test holds the code to the list rather than to itself.
// eslint-disable-next-line no-control-regex
export const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The raw controls in `text`, each with a little context, for a readable failure ('' when none). */
export function rawControls(text: string, max = 5): string[] {
  const found: string[] = [];
  const all = new RegExp(RAW_CONTROL.source, 'g');
  for (const m of text.matchAll(all)) {
    if (found.length >= max) break;
    const at = m.index ?? 0;
    found.push(`U+${(m[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0')} at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 30), at + 10))}`);
  }
  return found;
}
