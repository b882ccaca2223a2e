// The fleet as a table: one line per room, sortable by every column (a button in each header, aria-sort on the
// sorted one), rows that appear as bundles finish, refused bundles as rows saying why. A room's details (what to
// do, in a sentence; account, file, app version) open under its line, so the table stays dense enough to scan.
import { useState } from 'react';
import type { FleetRowView } from '../../../../main/ipc/contract';
import { CHECK_IDS } from '../../../../main/model/analysis';
import { CHECK_SHORT_LABEL } from '../../../../main/sheet/FleetSheet';
import { StatusBadge } from '../../../../main/sheet/StatusBadge';
import { formatTime, stateTitle } from '../../../../main/sheet/status';
import { roomName, roomOf, type FleetEntry, type FleetSort, type FleetSortKey } from '../../fleet-table';

// What to do first stands next to the room, as on a room's own overview (its check here, its sentence in the
// details). The device comes last: reference, not a finding.
const COLUMNS: { key: FleetSortKey; label: string }[] = [
  { key: 'room', label: 'Room' },
  { key: 'fix', label: 'Do this first' },
  { key: 'since', label: 'Since (UTC)' },
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

/** "2026-11-18 10:00": the column's header says UTC, so each line need not. */
const sinceUtc = (iso: string) => formatTime(iso).replace(/ UTC$/, '');

/** The check to fix first, by name; its sentence is in the room's details. */
function fixTitle(r: FleetRowView) {
  if (r.firstToFix) return <strong>{r.firstToFix.title}</strong>;
  // The Diagnosis' state in a word or two; its headline is in the room's details.
  return stateTitle(r.state);
}

function RoomRow({ r, index, open, onToggle, onOpen }: { r: FleetRowView; index: number; open: boolean; onToggle: () => void; onOpen: (index: number) => void }) {
  const details = `fleet-details-${index}`;
  return (
    <>
      <tr data-index={index} className={`fleet-row${open ? ' fleet-row-open' : ''}`}>
        <th scope="row" className="fleet-room-cell">
          <span className="fleet-room-line">
            <button type="button" className="fleet-toggle" aria-expanded={open} aria-controls={open ? details : undefined} aria-label={`Details of ${roomName(r)}`} onClick={onToggle}>
              <span aria-hidden="true">{open ? '▾' : '▸'}</span>
            </button>
            {/* No <wbr> here: Chromium breaks at one even in nowrap. Narrow windows let the name wrap (CSS). */}
            <button type="button" className="link-button fleet-open" onClick={() => onOpen(index)}>
              {roomName(r)}
            </button>
          </span>
        </th>
        <td className="fleet-todo">{fixTitle(r)}</td>
        <td className="fleet-since">{r.firstToFix?.since ? sinceUtc(r.firstToFix.since) : '—'}</td>
        {CHECK_IDS.map((id) => (
          <td key={id} data-check={id}>
            <StatusBadge status={r.statuses[id]} size="sm" />
          </td>
        ))}
        <td className="fleet-device">{r.computer ?? '—'}</td>
      </tr>
      {open && (
        <tr className="fleet-details" id={details}>
          <td colSpan={COLUMNS.length}>
            <p className="fleet-action">
              {r.firstToFix ? (
                <>
                  <strong>{r.firstToFix.title}:</strong> {r.firstToFix.action}
                </>
              ) : (
                r.headline
              )}
            </p>
            <dl className="fleet-facts">
              <div>
                <dt>Account</dt>
                <dd>{r.account ? <Breakable text={r.account} /> : '—'}</dd>
              </div>
              <div>
                <dt>Device</dt>
                <dd>{r.computer ?? '—'}</dd>
              </div>
              <div>
                <dt>App</dt>
                <dd>{r.appVersion ?? '—'}</dd>
              </div>
              <div>
                <dt>Since</dt>
                <dd>{r.firstToFix?.since ? formatTime(r.firstToFix.since) : '—'}</dd>
              </div>
              <div>
                <dt>File</dt>
                <dd className="fleet-file-name">{r.source}</dd>
              </div>
            </dl>
            <button type="button" className="button" onClick={() => onOpen(index)}>
              Open {roomName(r)}: checks and findings sheet
            </button>
          </td>
        </tr>
      )}
    </>
  );
}

function OtherRow({ e }: { e: FleetEntry }) {
  const refused = e.outcome?.kind === 'refused' ? e.outcome : null;
  return (
    <tr data-index={e.index} className={refused ? 'fleet-refused' : 'fleet-pending'}>
      <th scope="row" className="fleet-room-cell">
        <span className="fleet-room-file">{e.file}</span>
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
  const [opened, setOpened] = useState<ReadonlySet<number>>(new Set());
  const toggle = (index: number) =>
    setOpened((prev) => {
      const next = new Set(prev);
      if (!next.delete(index)) next.add(index);
      return next;
    });
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
                <th key={c.key} scope="col" aria-sort={active ? sort.dir : undefined} className={`col-${c.key}${active ? ' sorted' : ''}`}>
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
            return r ? <RoomRow key={e.index} r={r} index={e.index} open={opened.has(e.index)} onToggle={() => toggle(e.index)} onOpen={onOpen} /> : <OtherRow key={e.index} e={e} />;
          })}
        </tbody>
      </table>
    </div>
  );
}
