// The fleet as a table: one row per room, sortable by every column (a button in each header, aria-sort on the
// sorted one), rows that appear as bundles finish, refused bundles as rows saying why.
import type { FleetRowView } from '../../../../main/ipc/contract';
import { CHECK_IDS } from '../../../../main/model/analysis';
import { CHECK_SHORT_LABEL } from '../../../../main/sheet/FleetSheet';
import { StatusBadge } from '../../../../main/sheet/StatusBadge';
import { formatTime } from '../../../../main/sheet/status';
import { roomName, roomOf, type FleetEntry, type FleetSort, type FleetSortKey } from '../../fleet-table';
import { printable } from '../../../../main/model/printable';

// What to do first stands next to the room, as on a room's own overview; in a narrow window it stays in view
// while the statuses scroll. The account sits under the room's name (rooms are often named by their account),
// the app version under the device, which comes last: reference, not a finding.
const COLUMNS: { key: FleetSortKey; label: string }[] = [
  { key: 'room', label: 'Room' },
  { key: 'fix', label: 'Do this first' },
  { key: 'since', label: 'Since' },
  ...CHECK_IDS.map((id) => ({ key: id, label: CHECK_SHORT_LABEL[id] })),
  { key: 'device', label: 'Device' },
];

/** Lets a long account name wrap after its @ rather than mid-word. */
function Breakable({ text }: { text: string }) {
  const at = text.indexOf('@');
  if (at <= 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <wbr />
      {text.slice(at)}
    </>
  );
}

/** Every column after the room's, for the rows that span them (refused, still being read). */
const REST = COLUMNS.length - 1;

/** "2026-11-18" over "18:00 UTC": a narrow column that never breaks a date in two. */
function Since({ iso }: { iso: string }) {
  const text = formatTime(iso);
  const cut = text.indexOf(' ');
  return (
    <>
      <span className="nowrap">{text.slice(0, cut)}</span> <span className="nowrap">{text.slice(cut + 1)}</span>
    </>
  );
}

function fixText(r: FleetRowView) {
  if (r.firstToFix) {
    return (
      <>
        <strong>{r.firstToFix.title}:</strong> {r.firstToFix.action}
      </>
    );
  }
  return r.headline;
}

function RoomRow({ r, index, onOpen }: { r: FleetRowView; index: number; onOpen: (index: number) => void }) {
  return (
    <tr data-index={index} className="fleet-row">
      <th scope="row" className="fleet-room-cell">
        <button type="button" className="link-button fleet-open" onClick={() => onOpen(index)}>
          <Breakable text={roomName(r)} />
        </button>
        {r.account && r.account !== roomName(r) && (
          <span className="fleet-sub fleet-account">
            <Breakable text={r.account} />
          </span>
        )}
        <span className="fleet-sub fleet-file-name">{printable(r.source)}</span>
      </th>
      <td className="fleet-todo">{fixText(r)}</td>
      <td className="fleet-since">{r.firstToFix?.since ? <Since iso={r.firstToFix.since} /> : '—'}</td>
      {CHECK_IDS.map((id) => (
        <td key={id} data-check={id}>
          <StatusBadge status={r.statuses[id]} size="sm" />
        </td>
      ))}
      <td className="fleet-device">
        {r.computer ?? '—'}
        {r.appVersion && <span className="fleet-sub">App {r.appVersion}</span>}
      </td>
    </tr>
  );
}

function OtherRow({ e }: { e: FleetEntry }) {
  const refused = e.outcome?.kind === 'refused' ? e.outcome : null;
  return (
    <tr data-index={e.index} className={refused ? 'fleet-refused' : 'fleet-pending'}>
      <th scope="row" className="fleet-room-cell">
        <span className="fleet-room-file">{printable(e.file)}</span>
      </th>
      <td colSpan={REST}>
        {refused ? (
          <>
            <span className="tag-refused">
              <span aria-hidden="true">⊘</span> Refused
            </span>{' '}
            {refused.message}
          </>
        ) : (
          <span className="fleet-waiting">
            <span className="spinner spinner-sm" aria-hidden="true" /> {e.state === 'waiting' ? 'Waiting for a free worker…' : (e.message ?? 'Analysing…')}
          </span>
        )}
      </td>
    </tr>
  );
}

export function FleetTable({ entries, sort, onSort, onOpen }: { entries: FleetEntry[]; sort: FleetSort; onSort: (key: FleetSortKey) => void; onOpen: (index: number) => void }) {
  const sortedBy = COLUMNS.find((c) => c.key === sort.key)?.label ?? '';
  return (
    <div className="table-scroll fleet-scroll" tabIndex={0} role="region" aria-label="Rooms of the fleet">
      <table className="fleet-table">
        <caption className="visually-hidden">
          Rooms of the fleet, sorted by {sortedBy}, {sort.dir}. Status columns read Fail, Warning, No data or Pass.
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const active = sort.key === c.key;
              return (
                <th key={c.key} scope="col" aria-sort={active ? sort.dir : undefined} className={active ? 'sorted' : undefined}>
                  <button type="button" className="sort-button" onClick={() => onSort(c.key)}>
                    {c.label}
                    <span className="sort-arrow" aria-hidden="true">
                      {active ? (sort.dir === 'ascending' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const r = roomOf(e);
            return r ? <RoomRow key={e.index} r={r} index={e.index} onOpen={onOpen} /> : <OtherRow key={e.index} e={e} />;
          })}
        </tbody>
      </table>
    </div>
  );
}
