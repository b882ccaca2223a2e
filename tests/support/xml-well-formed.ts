// A small XML 1.0 well-formedness check for the EVTX dump (no parser among the dependencies): every character
// an XML Char, references to Chars only, tags balanced, attributes quoted, no '<' or stray '&' in text.
// Names are checked as the ASCII names event logs use. Returns the first problem, or null.
const NAME = '[A-Za-z_:][-A-Za-z0-9._:]*';
const REF = /^&(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;
const START = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`);
const END = new RegExp(`^</(${NAME})\\s*>`);

function isXmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** The problem with `text` as character data or an attribute value (its references), or null. */
function badText(text: string, at: number): string | null {
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    const m = REF.exec(text.slice(i, i + 12));
    if (!m) return `a stray '&' at ${at + i}`;
    const num = /^&#(x?)([0-9a-fA-F]+);/.exec(m[0]);
    if (num && !isXmlChar(parseInt(num[2] ?? '', num[1] ? 16 : 10))) return `a reference to a non-character, ${m[0]}, at ${at + i}`;
  }
  return null;
}

/** `xml` as the content of one root element (the dump is a sequence of <Event> documents). */
export function xmlProblem(xml: string): string | null {
  for (const ch of xml) {
    const c = ch.codePointAt(0) ?? 0;
    if (!isXmlChar(c)) return `U+${c.toString(16).padStart(4, '0')} is not an XML 1.0 character (at ${xml.indexOf(ch)})`;
  }
  const open: string[] = [];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    const bad = badText(text, i) ?? (text.includes(']]>') ? `']]>' in text at ${i}` : null);
    if (bad) return bad;
    if (lt < 0) break;
    const rest = xml.slice(lt, lt + 4096);
    if (rest.startsWith('<!--')) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0 || xml.slice(lt + 4, end).includes('--')) return `a bad comment at ${lt}`;
      i = end + 3;
    } else if (rest.startsWith('<![CDATA[')) {
      const end = xml.indexOf(']]>', lt);
      if (end < 0) return `an unclosed CDATA section at ${lt}`;
      i = end + 3;
    } else if (rest.startsWith('<?')) {
      const end = xml.indexOf('?>', lt);
      if (end < 0) return `an unclosed processing instruction at ${lt}`;
      i = end + 2;
    } else if (rest.startsWith('</')) {
      const m = END.exec(rest);
      if (!m) return `a bad end tag at ${lt}: ${JSON.stringify(rest.slice(0, 40))}`;
      if (open.pop() !== m[1]) return `</${m[1]}> at ${lt} closes nothing open`;
      i = lt + m[0].length;
    } else {
      const m = START.exec(rest);
      if (!m) return `a bad start tag at ${lt}: ${JSON.stringify(rest.slice(0, 60))}`;
      const attrs = m[2] ?? '';
      const badAttr = badText(attrs, lt);
      if (badAttr) return `in an attribute: ${badAttr}`;
      const names = [...attrs.matchAll(new RegExp(`(${NAME})\\s*=`, 'g'))].map((a) => a[1]);
      if (new Set(names).size !== names.length) return `a repeated attribute at ${lt}`;
      if (!m[3]) open.push(m[1] ?? '');
      i = lt + m[0].length;
    }
  }
  return open.length ? `<${open.at(-1)}> is never closed` : null;
}
