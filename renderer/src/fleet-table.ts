// The Fleet view's table: which bundles show (filters) and in which order (sort). Pure, so unit tests can
// hold it to its word without a browser.
import type { FleetOutcome, FleetRowView } from '../../main/ipc/contract';
import { CHECK_IDS, type CheckId, type CheckStatus } from '../../main/model/analysis';

/** One bundle of the fleet as the table knows it: waiting, being read, or its outcome. */
export interface FleetEntry {
  index: number;
  file: string;
  state: 'waiting' | 'started' | 'reading' | 'done' | 'refused';
  message: string | null;
  outcome: FleetOutcome | null;
}

export type FleetSortKey = 'room' | 'device' | CheckId | 'fix' | 'since';
export interface FleetSort {
  key: FleetSortKey;
  dir: 'ascending' | 'descending';
}

/** `attention`: fail, warning or no data — every room that is not a plain pass on the chosen checks. */
export type StatusFilter = 'all' | 'attention' | CheckStatus | 'refused';
export interface FleetFilter {
  status: StatusFilter;
  check: CheckId | 'any';
  text: string;
}

export const DEFAULT_FILTER: FleetFilter = { status: 'all', check: 'any', text: '' };
export const DEFAULT_SORT: FleetSort = { key: 'fix', dir: 'ascending' };

/** Worst first when ascending: a sorted column brings what needs doing to the top. */
const STATUS_RANK: Record<CheckStatus, number> = { fail: 0, warn: 1, unknown: 2, pass: 3 };

export const roomOf = (e: FleetEntry): FleetRowView | null => (e.outcome?.kind === 'room' ? e.outcome.row : null);
export const roomName = (r: FleetRowView): string => r.room ?? r.account ?? r.computer ?? r.source;

function sortValue(r: FleetRowView, key: FleetSortKey): string | number | null {
  switch (key) {
    case 'room':
      return roomName(r).toLowerCase();
    case 'device':
      return r.computer?.toLowerCase() ?? null;
    case 'since':
      return r.firstToFix?.since ?? null;
    case 'fix':
      // The room's first action by the Diagnosis' own rank; rooms without one after, undecided before all-clear.
      return r.firstToFix ? r.firstToFix.rank : r.state === 'all-clear' ? 1001 : 1000;
    default:
      return STATUS_RANK[r.statuses[key]];
  }
}

/**
 * Rooms in the chosen order (missing values last either way, then by room name for a stable read); refused
 * bundles after the rooms and bundles still being read after those, each in the order they were given.
 */
export function sortEntries(entries: readonly FleetEntry[], sort: FleetSort): FleetEntry[] {
  const sign = sort.dir === 'ascending' ? 1 : -1;
  const rooms = entries.filter((e) => roomOf(e));
  rooms.sort((a, b) => {
    const ra = roomOf(a) as FleetRowView;
    const rb = roomOf(b) as FleetRowView;
    const va = sortValue(ra, sort.key);
    const vb = sortValue(rb, sort.key);
    if (va !== vb) {
      if (va === null) return 1;
      if (vb === null) return -1;
      return (va < vb ? -1 : 1) * sign;
    }
    return roomName(ra).localeCompare(roomName(rb)) || a.index - b.index;
  });
  const refused = entries.filter((e) => e.outcome?.kind === 'refused');
  const pending = entries.filter((e) => !e.outcome);
  return [...rooms, ...refused, ...pending];
}

function statusMatches(r: FleetRowView, f: FleetFilter): boolean {
  const ids = f.check === 'any' ? CHECK_IDS : [f.check];
  if (f.status === 'all') return true;
  if (f.status === 'refused') return false;
  if (f.status === 'attention') return ids.some((id) => r.statuses[id] !== 'pass');
  return ids.some((id) => r.statuses[id] === f.status);
}

/** Rooms whose chosen check (or any check) has the chosen status, and whose name, device, account or file holds the text. */
export function filterEntries(entries: readonly FleetEntry[], f: FleetFilter): FleetEntry[] {
  const text = f.text.trim().toLowerCase();
  const hasText = (...values: (string | null)[]) => !text || values.some((v) => v?.toLowerCase().includes(text));
  return entries.filter((e) => {
    const r = roomOf(e);
    if (r) return statusMatches(r, f) && hasText(r.room, r.computer, r.account, r.source);
    if (e.outcome?.kind === 'refused') return (f.status === 'all' || f.status === 'refused') && hasText(e.file, e.outcome.message);
    // Still being read: shown until a status is chosen (it has none yet).
    return f.status === 'all' && hasText(e.file);
  });
}

/** The entry after a fleet event: a finished bundle never goes back to "reading" (events may arrive late). */
export function updateEntry(prev: FleetEntry | undefined, next: FleetEntry): FleetEntry {
  return prev?.outcome && !next.outcome ? prev : next;
}
