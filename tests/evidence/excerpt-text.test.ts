// Excerpt text as the sheet shows it (one line) and its shape, which groups evidence that differs only in ids
// and numbers (which raw XML is kept). Both were regular-expression replaces; the faster forms must give exactly
// what those gave, on any text.
import { describe, expect, it } from 'vitest';
import { clip, flatten } from '../../main/evidence/excerpt';
import { excerptShape } from '../../main/evidence/raw-keeper';
import { prngBelow } from '../support/prng';

const ORACLE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+/gi;
const oracle = (s: string) => s.replace(ORACLE, '#');

describe('excerptShape', () => {
  it('replaces GUIDs and digit runs as the regular expression does', () => {
    const cases = [
      '',
      'no ids here',
      'Error 0xCAA2000C — Code: interaction_required — Description: AADSTS50076: Due to a configuration change — Correlation ID: 97da2849-d73e-4b43-aa90-7d090402c802',
      '97DA2849-D73E-4B43-AA90-7D090402C802',
      '12345678-1234-1234-1234-1234567890123',
      'deadbeef-dead-beef-dead-beefdeadbeeg',
      'x1234567-1234-1234-1234-123456789012y',
      'record 1234 · event 1098 at 2026-11-18T08:00:00Z',
      'ab12cd-ef',
      '٣٤٥ Arabic-Indic digits are not \\d, and ſ is not a hex letter',
    ];
    for (const c of cases) expect(excerptShape(c), c).toBe(oracle(c));
  });

  it('agrees with it on random text made of ids, hex letters, dashes and digits', () => {
    const rnd = prngBelow(12345);
    const alphabet = '0123456789abcdefABCDEFxyz- —:é\n';
    const hex = '0123456789abcdefABCDEF';
    const guid = () => [8, 4, 4, 4, 12].map((len) => Array.from({ length: len }, () => hex[rnd(hex.length)]).join('')).join('-');
    for (let round = 0; round < 3000; round++) {
      let s = '';
      const parts = rnd(12);
      for (let p = 0; p < parts; p++) s += rnd(4) === 0 ? guid().slice(rnd(3) === 0 ? rnd(36) : 0) : Array.from({ length: rnd(10) }, () => alphabet[rnd(alphabet.length)]).join('');
      expect(excerptShape(s), JSON.stringify(s)).toBe(oracle(s));
    }
  });
});

describe('flatten', () => {
  it('is every whitespace run as one space, trimmed, on any text', () => {
    const rnd = prngBelow(99);
    const alphabet = ['a', 'b', ' ', ' ', '\t', '\n', '\r\n', '\u00a0', '\u2028', '\ufeff', 'é', '—'];
    for (let round = 0; round < 3000; round++) {
      const s = Array.from({ length: rnd(30) }, () => alphabet[rnd(alphabet.length)]).join('');
      expect(flatten(s), JSON.stringify(s)).toBe(s.replace(/\s+/g, ' ').trim());
    }
    expect(clip('  Error 0x1\r\n  Code:\tx  ', 320)).toBe('Error 0x1 Code: x');
    expect(clip('a b c d', 4)).toBe('a b…');
  });
});
