// Evidence keeps short excerpts of huge texts (a 64 KiB block of a log, an event's whole text) for as long as
// the analysis lives; if an excerpt were a view into its source, the source would stay in memory with it.
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { clip, ownCopy } from '../../main/evidence/excerpt';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapAfter(make: (i: number) => string, n: number): { kept: string[]; grownMb: number } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: string[] = [];
  for (let i = 0; i < n; i += 1) kept.push(make(i));
  gc();
  return { kept, grownMb: (process.memoryUsage().heapUsed - before) / 2 ** 20 };
}

/** A fresh 1 MiB text (a log block) each time. */
const block = (i: number) => `${i} ${'line of a Teams log with AADSTS50076 in it '.repeat(24_000)}`;

describe('ownCopy', () => {
  it('keeps only the characters of a cut, not the text it was cut from', () => {
    const owned = heapAfter((i) => ownCopy(block(i).slice(5, 405)), 64);
    expect(owned.kept[0]).toBe(block(0).slice(5, 405));
    expect(owned.grownMb).toBeLessThan(8);
    // The same cuts without ownCopy keep every block: the measurement can tell the difference.
    const views = heapAfter((i) => block(i).slice(5, 405), 64);
    expect(views.grownMb).toBeGreaterThan(32);
  });

  it('clip of a long text plus ownCopy owns its characters too', () => {
    const owned = heapAfter((i) => ownCopy(clip(block(i), 400)), 64);
    expect(owned.kept[0]).toHaveLength(400);
    expect(owned.kept[0]?.endsWith('…')).toBe(true);
    expect(owned.grownMb).toBeLessThan(8);
  });
});
