// merged() joins health sightings that are each in time order: the same list a sort of all of them gives.
import { describe, expect, it } from 'vitest';
import { merged } from '../../main/checks/health';
import type { HealthSighting } from '../../main/checks/context';
import { prngBelow } from '../support/prng';

function sighting(time: string, what: string): HealthSighting {
  return { time, lastTime: time, sustained: false, what, evidence: { source: what, locator: '', time, excerpt: '' } };
}

describe('merged', () => {
  it('is the time order of all the sightings, equal times in the order of the lists, and a new list', () => {
    const rnd = prngBelow(7);
    for (let round = 0; round < 200; round++) {
      const lists = Array.from({ length: 1 + rnd(3) }, (_, l) =>
        Array.from({ length: rnd(30) }, (_, i) => sighting(`2026-11-0${1 + rnd(3)}T0${rnd(4)}:00:00Z`, `list ${l} item ${i}`)).sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0)),
      );
      const expected = lists.flat().sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
      const got = merged(...lists);
      expect(got.map((s) => s.what)).toEqual(expected.map((s) => s.what));
      for (const l of lists) expect(got).not.toBe(l);
    }
  });
});
