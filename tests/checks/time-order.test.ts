// The checks merge lists already in time order instead of sorting them again, and the timeline parses plain
// UTC times itself: both must give exactly what the stable sort and Date.parse gave.
import { describe, expect, it } from 'vitest';
import { compareText } from '../../main/model/order';
import { inTimeOrder, mergeByTime, mergeOwnTime } from '../../main/checks/time-order';
import { isoMs } from '../../main/checks/timeline';
import { prng } from '../support/prng';

interface Item {
  time: string | null;
  tag: string;
}

const stableSort = (lists: Item[][]) => lists.flat().sort((a, b) => compareText(a.time, b.time));

function randomList(rand: () => number, tag: string, sorted: boolean): Item[] {
  const n = Math.floor(rand() * 12);
  const out: Item[] = [];
  for (let i = 0; i < n; i += 1) {
    // Few distinct times, some null, so ties and missing times are common.
    const r = rand();
    out.push({ time: r < 0.1 ? null : `2026-11-0${1 + Math.floor(r * 5)}T00:00:00Z`, tag: `${tag}${i}` });
  }
  return sorted ? out.sort((a, b) => compareText(a.time, b.time)) : out;
}

describe('mergeByTime', () => {
  it('orders exactly as a stable sort of the concatenation, ties in list order, for sorted and unsorted lists', () => {
    const rand = prng(7);
    for (let round = 0; round < 2000; round += 1) {
      const lists = Array.from({ length: 1 + Math.floor(rand() * 5) }, (_, i) => randomList(rand, String.fromCharCode(97 + i), rand() < 0.8));
      const expected = stableSort(lists).map((x) => x.tag);
      expect(mergeOwnTime(...lists).map((x) => x.tag)).toEqual(expected);
      expect(mergeByTime(lists, (x) => x.time).map((x) => x.tag)).toEqual(expected);
    }
  });

  it('returns a new array the caller may change, never one of its inputs', () => {
    const a: Item[] = [{ time: '1', tag: 'a' }];
    const out = mergeOwnTime(a, []);
    expect(out).not.toBe(a);
    out.push({ time: '2', tag: 'b' });
    expect(a).toHaveLength(1);
  });

  it('inTimeOrder keeps a list already in order and sorts a copy of one that is not', () => {
    const sorted: Item[] = [{ time: '1', tag: 'a' }, { time: '1', tag: 'b' }, { time: '2', tag: 'c' }];
    expect(inTimeOrder(sorted, (x) => x.time)).toBe(sorted);
    const unsorted: Item[] = [{ time: '2', tag: 'a' }, { time: '1', tag: 'b' }, { time: '1', tag: 'c' }];
    expect(inTimeOrder(unsorted, (x) => x.time).map((x) => x.tag)).toEqual(['b', 'c', 'a']);
    expect(unsorted.map((x) => x.tag)).toEqual(['a', 'b', 'c']);
  });
});

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
