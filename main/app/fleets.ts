// The app's fleets: several bundles analysed by the CLI's analyseFleet (worker threads, one memory budget),
// each room's full analysis kept here so the renderer gets rows, and one room's analysis when it opens it.
import { randomUUID } from 'node:crypto';
import { analyseFleet, FleetCancelledError } from '../analysis/fleet';
import { expandFleetInputs } from '../analysis/fleet-inputs';
import { fleetResult } from '../analysis/fleet-rows';
import type { AnalysisResult } from '../model/analysis';
import type { BundleContents } from '../model/inventory';
import type { FleetRefusal, FleetResult, FleetRow } from '../model/fleet-result';
import type { FleetBundleEvent, FleetOutcome, FleetView } from '../ipc/contract';

/** The file name, whichever separator the path uses (a path never reaches the renderer). */
const fileName = (p: string) => p.split(/[\\/]/).pop() || p;

export function outcomeView(o: FleetRow | FleetRefusal): FleetOutcome {
  if ('analysis' in o) {
    const { analysis: _a, ...row } = o;
    return { kind: 'room', row: { ...row, source: fileName(o.source) } };
  }
  return { kind: 'refused', source: fileName(o.source), message: o.message };
}

interface FleetSession {
  id: string;
  name: string;
  bundles: string[];
  /** By bundle index, as each finishes: the room's full row (with its analysis) or its refusal. */
  outcomes: Array<FleetRow | FleetRefusal | undefined>;
  /** By bundle index: what the bundle held, for the room's Inventory step. */
  contents: Array<BundleContents | undefined>;
  /** Set when the run ended (done or cancelled): what CSV export writes. */
  result: FleetResult | null;
}

/** Fleets kept for this window: each holds every room's analysis, so only the latest few stay. */
const MAX_FLEETS = 4;

export interface FleetRunOptions {
  tempRoot: string;
  signal: AbortSignal;
  now?: Date;
  onBundle: (e: Omit<FleetBundleEvent, 'jobId'>) => void;
}

export class Fleets {
  private readonly sessions = new Map<string, FleetSession>();

  /** `workerScript`: the fleet worker to run (tests wrap the real one to hold chosen bundles); the built one otherwise. */
  constructor(private readonly deps: { workerScript?: string } = {}) {}

  /** What the chosen paths hold: a fleet when more than one bundle, or a folder of zips (fleet-inputs.ts decides). */
  async inputs(paths: string[]): Promise<{ fleet: boolean; bundles: string[] }> {
    return expandFleetInputs(paths);
  }

  async run(paths: string[], opts: FleetRunOptions): Promise<FleetView> {
    const { bundles } = await expandFleetInputs(paths);
    // A single folder of zips is named after its folder; dropped or picked zips by their count.
    const name = paths.length === 1 ? `${fileName(paths[0] as string)} (${bundles.length} bundles)` : `${bundles.length} bundles`;
    const session: FleetSession = { id: randomUUID(), name, bundles, outcomes: new Array(bundles.length), contents: new Array(bundles.length), result: null };
    this.keep(session);
    let cancelled = false;
    try {
      session.result = await analyseFleet(bundles, {
        tempRoot: opts.tempRoot,
        signal: opts.signal,
        now: opts.now,
        name,
        workerScript: this.deps.workerScript,
        onRow: (index, outcome, inventory) => {
          session.outcomes[index] = outcome;
          if (inventory) {
            const { bundleId: _closed, ...contents } = inventory;
            session.contents[index] = contents;
          }
        },
        onProgress: (p) =>
          opts.onBundle({
            fleetId: session.id,
            index: p.index,
            file: fileName(p.source),
            state: p.state,
            message: p.progress?.message ?? null,
            outcome: p.state === 'done' || p.state === 'refused' ? outcomeView(session.outcomes[p.index] as FleetRow | FleetRefusal) : null,
            finished: p.finished,
            total: p.total,
          }),
      });
    } catch (err) {
      if (!(err instanceof FleetCancelledError)) throw err;
      // Cancel stops every worker; what finished stays, the rest are rows that say they were not analysed.
      cancelled = true;
      const rows: FleetRow[] = [];
      const refused: FleetRefusal[] = [];
      bundles.forEach((source, i) => {
        const o = session.outcomes[i] ?? { source, message: 'not analysed: the run was cancelled.' };
        session.outcomes[i] = o;
        if ('analysis' in o) rows.push(o);
        else refused.push(o);
      });
      session.result = fleetResult(name, rows, refused, opts.now);
    }
    return this.view(session, cancelled);
  }

  /** One room's full analysis and what its bundle held, for the usual wizard. */
  room(fleetId: string, index: number): { analysis: AnalysisResult; contents: BundleContents | null } | null {
    const r = this.analysedRoom(fleetId, index);
    return r && { analysis: r.row.analysis, contents: r.session.contents[index] ?? null };
  }

  /** The bundle of an analysed room, to read again (with the tenant's evidence), or null. */
  roomBundle(fleetId: string, index: number): string | null {
    return this.analysedRoom(fleetId, index)?.session.bundles[index] ?? null;
  }

  /** A kept fleet's room that was analysed (not refused, not pending). */
  private analysedRoom(fleetId: string, index: number): { session: FleetSession; row: FleetRow } | null {
    const session = this.sessions.get(fleetId);
    const o = session?.outcomes[index];
    return session && o && 'analysis' in o ? { session, row: o } : null;
  }

  /** The finished fleet (what the CLI writes), or null while it runs or once it is forgotten. */
  result(fleetId: string): FleetResult | null {
    return this.sessions.get(fleetId)?.result ?? null;
  }

  private view(session: FleetSession, cancelled: boolean): FleetView {
    const result = session.result as FleetResult;
    const outcomes = session.bundles.map((source, i) => outcomeView(session.outcomes[i] ?? result.refused.find((r) => r.source === source) ?? { source, message: 'not analysed.' }));
    return { fleetId: session.id, name: session.name, generatedAt: result.generatedAt, outcomes, cancelled };
  }

  private keep(session: FleetSession): void {
    this.sessions.set(session.id, session);
    while (this.sessions.size > MAX_FLEETS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
  }
}

/** "rooms (11 bundles) - sign-in fleet.csv": a name Windows, macOS and Linux all accept. */
export function fleetCsvName(name: string): string {
  const base = name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'fleet';
  return `${base} - sign-in fleet.csv`;
}
