// The fleet's one summary line (text, summary grid, app): undecided rooms are never counted as all clear, and
// rooms that were refused or not checked are never left out of it.
import { describe, expect, it } from 'vitest';
import type { DiagnosisState } from '../../main/model/analysis';
import { fleetTally } from '../../main/sheet/status';

const rows = (...states: DiagnosisState[]) => states.map((state) => ({ state }));

describe('fleetTally', () => {
  it('counts failing, undecided and all-clear rooms apart, with the refused and not-checked ones', () => {
    const t = fleetTally({ rows: rows('failing', 'undecided', 'undecided', 'all-clear'), refused: [{}], notChecked: [{}, {}] });
    expect(t.byState).toEqual({ failing: 1, undecided: 2, 'all-clear': 1, 'not-analysable': 0 });
    expect(t.line).toBe('4 rooms analysed: 1 failing, 2 undecided, 1 all clear · 1 refused · 2 not checked (no Teams Rooms account)');
  });

  it('names rooms that could not be analysed only when there are some; one room is a room', () => {
    expect(fleetTally({ rows: rows('not-analysable'), refused: [] }).line).toBe('1 room analysed: 0 failing, 0 undecided, 0 all clear, 1 not analysable · 0 refused');
    expect(fleetTally({ rows: [], refused: [{}, {}] }).line).toBe('0 rooms analysed · 2 refused');
  });
});
