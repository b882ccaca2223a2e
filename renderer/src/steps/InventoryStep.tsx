// Step 2: what the bundle holds — event logs by channel, text logs, what was refused and why.
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { InventoryEntry } from '../../../main/model/inventory';
import { IconArrowLeft, IconArrowRight, IconBlock, IconEvent, IconFile, IconLog, IconWarning } from '../components/icons';
import { JobProgress } from '../components/ProgressPanel';
import { formatBytes, formatCount } from '../../../main/model/display-format';
import { plural } from '../plural';
import { useWizard } from '../store';
import { useWizardPick } from '../store/selectors';

const KIND_LABEL: Record<InventoryEntry['kind'], string> = {
  evtx: 'Event log',
  'text-log': 'Text log',
  zip: 'Zip',
  other: 'Other',
};

type Filter = 'relevant' | 'all';

/** Logs / All: one tab stop, arrows move between the two (the radio group pattern). */
function FilterToggle({ filter, onChange, total }: { filter: Filter; onChange: (f: Filter) => void; total: number }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const options = ['relevant', 'all'] as const;
  const onKeyDown = (e: KeyboardEvent) => {
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key)) return;
    e.preventDefault();
    const next = filter === 'relevant' ? 'all' : 'relevant';
    onChange(next);
    refs.current[options.indexOf(next)]?.focus();
  };
  return (
    <div className="segmented" role="radiogroup" aria-label="Show files" onKeyDown={onKeyDown}>
      {options.map((f, i) => (
        <button
          key={f}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="radio"
          aria-checked={filter === f}
          tabIndex={filter === f ? 0 : -1}
          className={filter === f ? 'on' : ''}
          onClick={() => onChange(f)}
        >
          {f === 'relevant' ? 'Logs' : `All (${formatCount(total)})`}
        </button>
      ))}
    </div>
  );
}

export function InventoryStep() {
  const { inventory: opened, roomContents, fleetRoom, reset, runChecks, goTo, backToFleet } = useWizardPick('inventory', 'roomContents', 'fleetRoom', 'reset', 'runChecks', 'goTo', 'backToFleet');
  // A fleet's room shows what its bundle held, read only: its checks already ran in a worker.
  const inventory = opened ?? (fleetRoom !== null ? roomContents : null);
  const ofRoom = !opened && inventory !== null;
  const running = useWizard((s) => s.job?.kind === 'analysis');
  const busy = useWizard((s) => s.job !== null);
  const [filter, setFilter] = useState<Filter>('relevant');
  const rows = useMemo(() => {
    if (!inventory) return [];
    const order = { evtx: 0, 'text-log': 1, zip: 2, other: 3 } as const;
    return inventory.entries
      .filter((e) => filter === 'all' || e.kind !== 'other')
      .slice()
      .sort((a, b) => order[a.kind] - order[b.kind] || a.path.localeCompare(b.path));
  }, [inventory, filter]);
  if (!inventory) return null;
  const { counts } = inventory;

  return (
    <section className="inventory-step" aria-labelledby="inventory-title">
      <header className="step-header">
        <div>
          <h1 id="inventory-title" className="step-heading" tabIndex={-1}>
            Inventory of {inventory.name}
          </h1>
          <p className="muted">
            {plural(counts.files, 'file')} · {formatBytes(counts.bytes)} uncompressed · read from a {inventory.source}
          </p>
        </div>
      </header>

      <div className="stat-grid">
        <Stat icon={<IconEvent />} label="Event logs" value={counts.evtx} tone="brand" />
        <Stat icon={<IconLog />} label="Text logs" value={counts.textLogs} tone="brand" />
        <Stat icon={<IconFile />} label="Other files" value={counts.other} tone="neutral" />
        <Stat icon={<IconBlock />} label="Refused" value={counts.rejected} tone={counts.rejected ? 'warn' : 'neutral'} />
      </div>

      {inventory.warnings.map((w) => (
        <div className="banner banner-warn" role="note" key={w}>
          <IconWarning className="banner-icon" />
          <div className="banner-body">
            <p>{w}</p>
          </div>
        </div>
      ))}

      {inventory.rejected.length > 0 && (
        <details className="card rejected" open={inventory.rejected.length <= 5}>
          <summary>
            <IconBlock size={18} /> {plural(inventory.rejected.length, 'entry', 'entries')} refused for safety or damage
          </summary>
          <ul>
            {inventory.rejected.map((r) => (
              <li key={`${r.path}-${r.reason}`}>
                <code>{r.path}</code> — {r.message.startsWith(r.path) ? r.message.slice(r.path.length + 2) : r.message}
              </li>
            ))}
          </ul>
        </details>
      )}

      <div className="card table-card">
        <div className="table-toolbar">
          <h2>Files</h2>
          <FilterToggle filter={filter} onChange={setFilter} total={counts.files} />
        </div>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Files in the bundle">
          <table className="inventory-table reflow">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Kind</th>
                <th scope="col">Channel / provider</th>
                <th scope="col" className="num">
                  Size
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.path}>
                  <td className="path-cell" data-label="File">
                    <code title={e.path}>{e.path}</code>
                    {e.note && <div className="note">{e.note}</div>}
                  </td>
                  <td data-label="Kind">
                    <span className={`kind kind-${e.kind}`}>{KIND_LABEL[e.kind]}</span>
                  </td>
                  <td data-label="Channel / provider">
                    {e.channel ? (
                      <>
                        <span className="channel">{e.channel}</span>
                        {e.identifiedBy === 'name' ? (
                          <span className="tag tag-warn" title="The channel was guessed from the file name, not read from the records">
                            from name
                          </span>
                        ) : (
                          e.provider && <div className="muted small">{e.provider}</div>
                        )}
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="num" data-label="Size">
                    {formatBytes(e.size)}
                  </td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    No log files in this bundle.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </div>

      {/* Sticky: the Run button, and then its progress and Cancel, stay in view on a short screen. */}
      <footer className="step-footer sticky-footer">
        {ofRoom ? (
          <>
            <button type="button" className="button" onClick={backToFleet}>
              <IconArrowLeft size={18} /> Back to the fleet
            </button>
            <button type="button" className="button button-primary" onClick={() => goTo('checks')}>
              See the checks <IconArrowRight size={18} />
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button" onClick={() => void reset()} disabled={busy}>
              <IconArrowLeft size={18} /> Open another bundle
            </button>
            {running ? (
              <JobProgress kind="analysis" verb="Checking" compact />
            ) : (
              <button type="button" className="button button-primary" onClick={() => void runChecks()} disabled={busy}>
                Run the seven checks <IconArrowRight size={18} />
              </button>
            )}
          </>
        )}
      </footer>
    </section>
  );
}

function Stat({ icon, label, value, tone }: { icon: React.ReactNode; label: string; value: number; tone: 'brand' | 'warn' | 'neutral' }) {
  return (
    <div className={`stat stat-${tone}`}>
      <span className="stat-icon">{icon}</span>
      <span className="stat-value">{formatCount(value)}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}
