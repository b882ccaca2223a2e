// The Fleet view's table rules: which bundles show for a filter, in which order for a sort, and that a
// finished bundle's row never goes back to "reading" when a late event arrives.
import { describe, expect, it } from 'vitest';
import type { FleetRowView } from '../../main/ipc/contract';
import { CHECK_IDS, type CheckId, type CheckStatus } from '../../main/model/analysis';
import { DEFAULT_FILTER, filterEntries, sortEntries, updateEntry, type FleetEntry } from '../../renderer/src/fleet-table';

function room(index: number, name: string, statuses: Partial<Record<CheckId, CheckStatus>>, since: string | null = null): FleetEntry {
  const all = Object.fromEntries(CHECK_IDS.map((id) => [id, statuses[id] ?? 'pass'])) as Record<CheckId, CheckStatus>;
  const failing = CHECK_IDS.find((id) => all[id] === 'fail' || all[id] === 'warn');
  const row: FleetRowView = {
    source: `${name}.zip`,
    room: name,
    computer: `PC-${name.toUpperCase()}`,
    appVersion: '5.2',
    account: `${name}@contoso.com`,
    statuses: all,
    firstToFix: failing ? { check: failing, title: failing, status: all[failing], kind: all[failing] === 'fail' ? 'current' : 'risk', action: 'Fix it.', since, rank: (all[failing] === 'fail' ? 1 : 3) * 10 + CHECK_IDS.indexOf(failing) } : null,
    state: CHECK_IDS.some((id) => all[id] === 'fail') ? 'failing' : CHECK_IDS.some((id) => all[id] === 'unknown') ? 'undecided' : 'all-clear',
    headline: 'headline',
    exitCode: CHECK_IDS.every((id) => all[id] === 'pass') ? 0 : 1,
  };
  return { index, file: row.source, state: 'done', message: null, outcome: { kind: 'room', row } };
}
const refused = (index: number, file: string): FleetEntry => ({ index, file, state: 'refused', message: null, outcome: { kind: 'refused', source: file, message: 'not a zip' } });
const pending = (index: number, file: string): FleetEntry => ({ index, file, state: 'reading', message: 'Reading event logs…', outcome: null });

const entries = [
  pending(0, 'slow.zip'),
  room(1, 'lobby', { network: 'fail' }, '2026-11-18T10:00:00Z'),
  refused(2, 'photos.zip'),
  room(3, 'boardroom', {}),
  room(4, 'huddle', { password: 'fail', license: 'unknown' }, '2026-11-17T09:00:00Z'),
  room(5, 'atrium', { mfa: 'warn' }, '2026-11-18T12:00:00Z'),
];
const names = (list: FleetEntry[]) => list.map((e) => (e.outcome?.kind === 'room' ? e.outcome.row.room : e.file));

describe('fleet table: sort', () => {
  it('sorts rooms by a column either way; refused and unfinished bundles always come after them', () => {
    expect(names(sortEntries(entries, { key: 'room', dir: 'ascending' }))).toEqual(['atrium', 'boardroom', 'huddle', 'lobby', 'photos.zip', 'slow.zip']);
    expect(names(sortEntries(entries, { key: 'room', dir: 'descending' }))).toEqual(['lobby', 'huddle', 'boardroom', 'atrium', 'photos.zip', 'slow.zip']);
  });

  it('puts the worst status first on a check column, and rooms without a date last on Since, either way', () => {
    expect(names(sortEntries(entries, { key: 'password', dir: 'ascending' })).slice(0, 1)).toEqual(['huddle']);
    expect(names(sortEntries(entries, { key: 'since', dir: 'ascending' })).slice(0, 4)).toEqual(['huddle', 'lobby', 'atrium', 'boardroom']);
    expect(names(sortEntries(entries, { key: 'since', dir: 'descending' })).slice(0, 4)).toEqual(['atrium', 'lobby', 'huddle', 'boardroom']);
  });

  it('ranks "Do this first" by urgency, then by the check in the article\'s order; all-clear rooms last', () => {
    // huddle and lobby fail (password comes before network in the article), atrium only warns, boardroom is clear.
    expect(names(sortEntries(entries, { key: 'fix', dir: 'ascending' })).slice(0, 4)).toEqual(['huddle', 'lobby', 'atrium', 'boardroom']);
  });
});

describe('fleet table: filter', () => {
  it('by status on any check, or on one check', () => {
    expect(names(filterEntries(entries, { ...DEFAULT_FILTER, status: 'fail' }))).toEqual(['lobby', 'huddle']);
    expect(names(filterEntries(entries, { ...DEFAULT_FILTER, status: 'fail', check: 'network' }))).toEqual(['lobby']);
    expect(names(filterEntries(entries, { ...DEFAULT_FILTER, status: 'unknown' }))).toEqual(['huddle']);
    expect(names(filterEntries(entries, { ...DEFAULT_FILTER, status: 'attention' }))).toEqual(['lobby', 'huddle', 'atrium']);
    expect(names(filterEntries(entries, { ...DEFAULT_FILTER, status: 'pass', check: 'password' }))).toEqual(['lobby', 'boardroom', 'atrium']);
  });

  it('refused bundles only; unfinished ones show only while no status is chosen', () => {
    expect(names(filterEntries(entries, { ...DEFAULT_FILTER, status: 'refused' }))).toEqual(['photos.zip']);
    expect(names(filterEntries(entries, DEFAULT_FILTER))).toHaveLength(entries.length);
  });

  it('by text in the room, device, account or file, ignoring case', () => {
    expect(names(filterEntries(entries, { ...DEFAULT_FILTER, text: 'HUD' }))).toEqual(['huddle']);
    expect(names(filterEntries(entries, { ...DEFAULT_FILTER, text: 'pc-lob' }))).toEqual(['lobby']);
    expect(names(filterEntries(entries, { ...DEFAULT_FILTER, text: 'atrium@' }))).toEqual(['atrium']);
    expect(names(filterEntries(entries, { ...DEFAULT_FILTER, text: 'photos' }))).toEqual(['photos.zip']);
  });
});

describe('fleet table: late events', () => {
  it('keeps a finished row when a progress event for it arrives after its outcome', () => {
    const done = room(1, 'lobby', {});
    expect(updateEntry(done, pending(1, 'lobby.zip'))).toBe(done);
    expect(updateEntry(pending(1, 'lobby.zip'), done)).toBe(done);
  });
});
