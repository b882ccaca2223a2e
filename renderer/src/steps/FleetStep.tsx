// Many rooms at once: the fleet table (rows appear as bundles finish), filters, CSV export and the one-page
// summary (FleetSheet, the CLI's html/pdf grid), printed by the window like the findings sheet.
import { useMemo } from 'react';
import type { FleetSheetData } from '../../../main/sheet/FleetSheet';
import { FleetSheet } from '../../../main/sheet/FleetSheet';
import { fleetTally } from '../../../main/sheet/status';
import { JobProgress } from '../components/ProgressPanel';
import { SavedFile } from '../components/SavedFile';
import { filterEntries, roomOf, sortEntries } from '../fleet-table';
import { useWizardPick } from '../store/selectors';
import { FleetFilters } from './fleet/FleetFilters';
import { FleetTable } from './fleet/FleetTable';

export function FleetStep() {
  const { fleet, fleetSort, fleetFilter, fleetSaved, sortFleet, filterFleet, openRoom, saveFleetCsv, saveFleetPdf, revealFleetFile, print, reset } = useWizardPick(
    'fleet',
    'fleetSort',
    'fleetFilter',
    'fleetSaved',
    'sortFleet',
    'filterFleet',
    'openRoom',
    'saveFleetCsv',
    'saveFleetPdf',
    'revealFleetFile',
    'print',
    'reset',
  );
  const entries = fleet?.entries;
  const shown = useMemo(() => (entries ? sortEntries(filterEntries(entries, fleetFilter), fleetSort) : []), [entries, fleetFilter, fleetSort]);
  const sheet = useMemo((): FleetSheetData | null => {
    if (!fleet) return null;
    const rows = fleet.entries.flatMap((e) => roomOf(e) ?? []);
    const refused = fleet.entries.flatMap((e) => (e.outcome?.kind === 'refused' ? [{ source: e.outcome.source, message: e.outcome.message }] : []));
    return { name: fleet.name, generatedAt: fleet.generatedAt ?? new Date().toISOString(), rows, refused };
  }, [fleet]);
  if (!fleet || !sheet) return null;

  const finished = fleet.entries.filter((e) => e.outcome).length;
  const ready = !fleet.running && fleet.id !== null;

  return (
    <section className="fleet-step" aria-labelledby="fleet-title">
      <div className="no-print">
        <header className="step-header">
          <div>
            <h1 id="fleet-title" className="step-heading" tabIndex={-1}>
              Fleet: {fleet.name}
            </h1>
            <p className="muted">
              {fleet.running ? `${finished} of ${fleet.entries.length} bundles done · ` : ''}
              {fleetTally(sheet).line}. Open a room for its checks and findings sheet.
            </p>
          </div>
          <div className="button-row">
            <button type="button" className="button" onClick={() => void saveFleetCsv()} disabled={!ready}>
              Export CSV…
            </button>
            <button type="button" className="button" onClick={() => void print()} disabled={!ready}>
              Print summary…
            </button>
            <button type="button" className="button button-primary" onClick={() => void saveFleetPdf()} disabled={!ready}>
              Save summary PDF…
            </button>
          </div>
        </header>
        {fleet.running && <JobProgress kind="fleet" verb="Analysing" />}
        {fleetSaved && <SavedFile label={fleetSaved.kind === 'csv' ? 'CSV saved' : 'Summary PDF saved'} path={fleetSaved.path} onReveal={(how) => void revealFleetFile(how)} />}
        <div className="card table-card fleet-card">
          <FleetFilters filter={fleetFilter} onChange={filterFleet} shown={shown.length} total={fleet.entries.length} />
          <FleetTable entries={shown} sort={fleetSort} onSort={sortFleet} onOpen={(i) => void openRoom(i)} />
          {shown.length === 0 && <p className="fleet-empty muted">No bundle matches these filters.</p>}
        </div>
        <footer className="step-footer">
          <button type="button" className="button" onClick={() => void reset()} disabled={fleet.running}>
            Start over with other bundles
          </button>
        </footer>
      </div>
      {/* What Print and Save summary PDF put on paper: the CLI's one-page rooms × checks grid. */}
      <div className="print-only fleet-print">
        <FleetSheet fleet={sheet} />
      </div>
    </section>
  );
}
