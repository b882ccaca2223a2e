// Many rooms at once: the fleet run (rows arrive as bundles finish), opening one room in the usual wizard and
// coming back, sorting and filtering the table, the CSV and the one-page summary PDF.
import type { FleetOutcome, FleetView } from '../../../main/ipc/contract';
import { call } from '../call-main';
import { DEFAULT_FILTER, DEFAULT_SORT, updateEntry, type FleetEntry } from '../fleet-table';
import { describe } from './describe-error';
import { runJob } from './run-job';
import type { FleetSlice, FleetState, Slice } from './wizard-state';

const entryOf = (index: number, file: string, outcome: FleetOutcome): FleetEntry => ({ index, file, state: outcome.kind === 'room' ? 'done' : 'refused', message: null, outcome });

/** "rooms (11 bundles) - fleet summary.pdf": a name Windows, macOS and Linux all accept. */
export function fleetPdfName(name: string): string {
  return `${name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'fleet'} - fleet summary.pdf`;
}

/** The room of a fleet open in the wizard: forgotten when another room, bundle or fleet opens (session.ts). */
export const initialFleetRoom: Pick<FleetSlice, 'fleetRoom' | 'roomContents'> = { fleetRoom: null, roomContents: null };
/**
 * The session's part (session.ts): the fleet, its saved file and the filter (which could hide a new fleet's rows);
 * the table's sort is the technician's choice for every fleet.
 */
export const initialFleet: Pick<FleetSlice, 'fleet' | 'fleetSaved' | 'fleetFilter' | 'fleetRoom' | 'roomContents'> = {
  fleet: null,
  fleetSaved: null,
  fleetFilter: DEFAULT_FILTER,
  ...initialFleetRoom,
};

export const createFleetSlice: Slice<FleetSlice> = (set, get) => {
  const patchFleet = (patch: Partial<FleetState>) => {
    const fleet = get().fleet;
    if (fleet) set({ fleet: { ...fleet, ...patch } });
  };
  return {
    ...initialFleet,
    fleetSort: DEFAULT_SORT,

    async runFleet(grants, files) {
      if (get().job) return;
      const previous = get().inventory;
      if (previous) await call('bundle:close', { bundleId: previous.bundleId }).catch(() => undefined);
      const label = `${files.length} bundles`;
      get().resetSession({
        fleet: { id: null, jobId: null, name: label, entries: files.map((file, index) => ({ index, file, state: 'waiting', message: null, outcome: null })), running: true, cancelled: false, generatedAt: null },
        step: 'fleet',
      });
      const view: FleetView | undefined = await runJob(set, get, 'fleet', label, (jobId) => {
        patchFleet({ jobId });
        return call('fleet:run', { jobId, handles: grants.map((g) => g.handle) });
      });
      if (!view) {
        // An error: what finished stays; the rest were not analysed.
        patchFleet({ running: false });
        return;
      }
      // The answer is the whole fleet: it settles any event still on its way.
      patchFleet({
        id: view.fleetId,
        name: view.name,
        running: false,
        cancelled: view.cancelled,
        generatedAt: view.generatedAt,
        entries: view.outcomes.map((o, i) => entryOf(i, o.kind === 'room' ? o.row.source : o.source, o)),
      });
      if (view.cancelled) set({ problem: { title: 'Cancelled', message: 'Every worker was stopped. Rooms analysed before that stay in the table; the others say they were not analysed.', tone: 'neutral' } });
    },

    onFleetBundle(e) {
      const fleet = get().fleet;
      if (!fleet?.running || fleet.jobId !== e.jobId) return;
      const entries = [...fleet.entries];
      const next: FleetEntry = e.outcome ? entryOf(e.index, e.file, e.outcome) : { index: e.index, file: e.file, state: e.state, message: e.message, outcome: null };
      entries[e.index] = updateEntry(entries[e.index], next);
      set({ fleet: { ...fleet, id: e.fleetId, entries } });
    },

    async openRoom(index) {
      const fleet = get().fleet;
      if (!fleet?.id) return;
      try {
        const { analysis, contents } = await call('fleet:room', { fleetId: fleet.id, index });
        // Another room: the fleet stays, the room before is forgotten (its notes, saved sheet, live test in main).
        get().resetSession({ analysis, roomContents: contents, fleetRoom: index, step: 'checks' }, 'room');
      } catch (err) {
        set({ problem: describe(err) });
      }
    },

    backToFleet: () => set({ step: 'fleet' }),

    sortFleet(key) {
      const { fleetSort } = get();
      set({ fleetSort: { key, dir: fleetSort.key === key && fleetSort.dir === 'ascending' ? 'descending' : 'ascending' } });
    },

    filterFleet: (f) => set({ fleetFilter: { ...get().fleetFilter, ...f } }),

    async saveFleetCsv() {
      const fleet = get().fleet;
      if (!fleet?.id || fleet.running) return;
      try {
        const saved = await call('fleet:saveCsv', { fleetId: fleet.id });
        if (saved.path && saved.handle) set({ fleetSaved: { kind: 'csv', path: saved.path, handle: saved.handle } });
      } catch (err) {
        set({ problem: describe(err) });
      }
    },

    async saveFleetPdf() {
      const fleet = get().fleet;
      if (!fleet || fleet.running) return;
      try {
        // The window prints its print-only fleet summary (FleetSheet), landscape, as the findings sheet is printed.
        // One page that names the fleet and its date itself: no running header.
        const saved = await call('report:savePdf', { suggestedName: fleetPdfName(fleet.name), landscape: true });
        if (saved.path && saved.handle) set({ fleetSaved: { kind: 'pdf', path: saved.path, handle: saved.handle } });
      } catch (err) {
        set({ problem: describe(err) });
      }
    },

    async revealFleetFile(how) {
      const saved = get().fleetSaved;
      if (saved) await call('report:reveal', { handle: saved.handle, how }).catch((err: unknown) => set({ problem: describe(err) }));
    },
  };
};
