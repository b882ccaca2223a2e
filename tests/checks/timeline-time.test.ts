// The timeline parses plain UTC times itself when it condenses a hundred thousand points: it must give exactly
// what Date.parse gives, for every time, plain or not.
import { describe, expect, it } from 'vitest';
import { isoMs } from '../../main/checks/timeline';
import { prng } from '../support/prng';

describe('isoMs', () => {
  it('equals Date.parse on plain UTC times, odd fractions and invalid or unusual ones', () => {
    const ms = isoMs();
    const odd = [
      '2026-10-01T00:00:00Z',
      '2026-10-01T00:00:00.5Z',
      '2026-10-01T00:00:00.12Z',
      '2026-10-01T00:00:00.123Z',
      '2026-10-01T00:00:00.1239999Z',
      '2026-10-01T23:59:59.9999999Z',
      '2026-02-30T10:00:00Z',
      '2026-13-01T10:00:00Z',
      '2026-10-01T24:00:00Z',
      '2026-10-01T23:60:00Z',
      '2026-10-01T23:00:60Z',
      '2026-10-01T00:00:00.Z',
      '2026-10-01T00:00:00',
      '2026-10-01T00:00:00+02:00',
      '2026-10-01t00:00:00z',
      '2026-10-01',
      '',
      'not a time',
    ];
    for (const s of odd) expect([s, ms(s)]).toEqual([s, Date.parse(s)]);
    const rand = prng(11);
    for (let i = 0; i < 5000; i += 1) {
      const t = new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 8 * 365 * 86_400_000)).toISOString();
      const s = rand() < 0.5 ? t : `${t.slice(0, 19)}.${String(Math.floor(rand() * 1e7)).padStart(7, '0')}Z`;
      expect(ms(s)).toBe(Date.parse(s));
    }
  });
});
