// The hand-written line time reader against the two patterns that define it (teams-log.ts): the same answer
// for real line shapes and for many near misses, since a wrong time moves a room's period and its verdicts.
import { describe, expect, it } from 'vitest';
import { lineStamp, type LineStamp } from '../../main/evidence/teams-log';
import { prngBelow } from '../support/prng';

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const CLASSIC = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\w{3}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))? GMT([+-])(\d{2})(\d{2})/;
const ISO = /^\[?(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,7}))?\s*(Z|[+-]\d{2}:?\d{2})?/;

/** The reader as it was written with the patterns (the reference). */
function byPattern(line: string): LineStamp | null {
  const c = CLASSIC.exec(line);
  if (c) {
    const [, mon, d, y, h, mi, s, ms, sign, oh, om] = c;
    const month = MONTHS[mon ?? ''];
    if (month === undefined) return null;
    const digitsMs = Date.UTC(Number(y), month, Number(d), Number(h), Number(mi), Number(s), Number((ms ?? '0').padEnd(3, '0')));
    if (!Number.isFinite(digitsMs)) return null;
    return { digitsMs, offsetMinutes: (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)), style: 'classic' };
  }
  const i = ISO.exec(line);
  if (i) {
    const [, y, mo, d, h, mi, s, frac, zone] = i;
    let offset: number | null = null;
    if (zone === 'Z') offset = 0;
    else if (zone) {
      const z = zone.replace(':', '');
      offset = (z.startsWith('-') ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
    }
    const digitsMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number((frac ?? '0').slice(0, 3).padEnd(3, '0')));
    if (!Number.isFinite(digitsMs)) return null;
    return { digitsMs, offsetMinutes: offset, style: 'iso' };
  }
  return null;
}

const SHAPES = [
  'Thu Oct 01 2026 00:00:00 GMT+0000 (Coordinated Universal Time) <16408> -- info -- x',
  'Mon Mar 9 2026 23:59:59.5 GMT-0530 (India Standard Time) -- error -- AADSTS50076',
  'Sun Dec 31 1999 12:00:00.123 GMT+1400 x',
  'Tue Foo 01 2026 00:00:00 GMT+0000 unknown month',
  'Wed Jan 1 2026 00:00:00.1234 GMT+0000 four fraction digits',
  'Fri Feb 30 2026 25:61:61 GMT+9999 out of range digits',
  'Sat Jun 12 2026 10:00:00 GMT+01 short zone',
  'Thu Oct 001 2026 00:00:00 GMT+0000',
  '2024-04-18T11:24:22.599+01:00 Info AADSTS50076',
  '[2024-04-18 11:24:22,599] -0800 bracketed',
  '2024-04-18T11:24:22.5999999Z seven digits',
  '2024-04-18T11:24:22.59Z two digits',
  '2024-04-18 11:24:22,5 +01:00 one digit',
  'Sun Apr 5 2026 01:02:03.45 GMT+0100 two digits',
  '2024-04-18T11:24:22.59999999+0100 eight digits',
  '2024-04-18T11:24:22 \t +01:0 half a zone',
  '2024-04-18T11:24:22.+01:00 dot without digits',
  '2024-04-18T11:24:22\u00a0Z nbsp before Z',
  '0026-01-01T00:00:00Z two-digit year',
  '2024-4-18T11:24:22Z',
  '',
  'Thu',
  'Thu ',
];

/** Deterministic variants of each shape: characters replaced, dropped and cut off. */
function variants(line: string, seed: number): string[] {
  const out = [line];
  const rnd = prngBelow(seed);
  const alphabet = '0123456789 :.,+-TZGMTa[]\t\u3000';
  for (let k = 0; k < 200; k += 1) {
    const at = rnd(Math.max(1, Math.min(line.length, 40)));
    const op = rnd(3);
    if (op === 0) out.push(line.slice(0, at) + alphabet[rnd(alphabet.length)] + line.slice(at + 1));
    else if (op === 1) out.push(line.slice(0, at) + line.slice(at + 1));
    else out.push(line.slice(0, at));
  }
  return out;
}

describe('lineStamp', () => {
  it('reads real line shapes as the defining patterns do', () => {
    expect(lineStamp(SHAPES[0] as string)).toEqual({ digitsMs: Date.UTC(2026, 9, 1), offsetMinutes: 0, style: 'classic' });
    expect(lineStamp(SHAPES[1] as string)).toEqual({ digitsMs: Date.UTC(2026, 2, 9, 23, 59, 59, 500), offsetMinutes: -330, style: 'classic' });
    expect(lineStamp(SHAPES[8] as string)).toEqual({ digitsMs: Date.UTC(2024, 3, 18, 11, 24, 22, 599), offsetMinutes: 60, style: 'iso' });
    expect(lineStamp('Tue Foo 01 2026 00:00:00 GMT+0000')).toBeNull();
  });

  it('agrees with the patterns on thousands of near misses', () => {
    let compared = 0;
    SHAPES.forEach((shape, n) => {
      for (const line of variants(shape, n + 1)) {
        expect(lineStamp(line), JSON.stringify(line)).toEqual(byPattern(line));
        compared += 1;
      }
    });
    expect(compared).toBeGreaterThan(4000);
  });
});
