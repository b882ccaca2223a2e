// Many bundles at once: each analysed by the one analyse() use case, in parallel in worker threads (one per
// core), under one memory budget for the whole run. Results come back in the order the bundles were given.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { resolveWorkerScript } from '../fs/worker-script';
import { AppTemp } from '../fs/app-temp';
import type { AnalysisResult } from '../model/analysis';
import type { Inventory } from '../model/inventory';
import type { FleetRefusal, FleetResult, FleetRow } from '../model/fleet-result';
import type { AnalysisProgress } from './analyse';
import type { FleetJob, FleetWorkerMessage } from './fleet-protocol';
import { fleetResult, fleetRow } from './fleet-rows';

export interface FleetProgress {
  /** The bundle as given, its place in the list, and what happened to it. */
  source: string;
  index: number;
  state: 'started' | 'reading' | 'done' | 'refused';
  progress?: AnalysisProgress;
  /** Bundles finished (analysed or refused) so far, of all. */
  finished: number;
  total: number;
}

export interface FleetOptions {
  /** Worker threads; default one per core (os.availableParallelism()), never more than bundles or the budget allows. */
  concurrency?: number;
  /** Heap for the whole run in MB, shared by the workers (default: a quarter of RAM, at most 1536 MB). */
  memoryBudgetMb?: number;
  /** Scratch root (default <tmp>/mtr-doctor); the run's session folders live in one folder under it. */
  tempRoot?: string;
  onProgress?: (p: FleetProgress) => void;
  /**
   * Each bundle's row (or refusal) as soon as it is done, by its place in the list (partial results), with what
   * the bundle held when it could be opened.
   */
  onRow?: (index: number, outcome: FleetRow | FleetRefusal, inventory: Inventory | null) => void;
  signal?: AbortSignal;
  now?: Date;
  /** Name shown for the fleet (default "N bundles"). */
  name?: string;
  workerScript?: string;
}

/** Below this a worker cannot hold a typical bundle's facts; a small budget means fewer workers instead. */
export const MIN_WORKER_HEAP_MB = 160;

export class FleetCancelledError extends Error {
  constructor() {
    super('The fleet analysis was cancelled.');
    this.name = 'FleetCancelledError';
  }
}

/** How many workers, and how much old-generation heap each may use, for this many bundles and this budget. */
export function planWorkers(bundles: number, opts: Pick<FleetOptions, 'concurrency' | 'memoryBudgetMb'> = {}): { workers: number; heapMb: number } {
  const budget = opts.memoryBudgetMb ?? Math.min(1536, Math.floor(os.totalmem() / 4 / 2 ** 20));
  const wanted = Math.max(1, Math.min(opts.concurrency ?? os.availableParallelism(), bundles));
  const workers = Math.max(1, Math.min(wanted, Math.floor(budget / MIN_WORKER_HEAP_MB)));
  return { workers, heapMb: Math.max(MIN_WORKER_HEAP_MB, Math.floor(budget / workers)) };
}

/** One bundle's outcome as the fleet reports it: a room's row, or why it was refused. */
function outcomeOf(source: string, r: AnalysisResult | FleetRefusal | undefined): FleetRow | FleetRefusal {
  if (!r) return { source, message: 'not analysed.' };
  if ('source' in r) return r;
  if (r.nothingEvaluated) return { source, message: r.warnings[0]?.message ?? 'nothing in it could be analysed.' };
  return fleetRow(source, r);
}

interface Slot {
  worker: Worker;
  job: FleetJob | null;
  /** Why the worker died, from its 'error' event; its 'exit' event settles the bundle. */
  failure?: string;
}

export async function analyseFleet(bundles: readonly string[], opts: FleetOptions = {}): Promise<FleetResult> {
  if (opts.signal?.aborted) throw new FleetCancelledError();
  const { workers, heapMb } = planWorkers(bundles.length, opts);
  const script = opts.workerScript ?? resolveWorkerScript('fleet-worker.js');
  const temp = new AppTemp(opts.tempRoot);
  // One folder for the whole run, a session of this process: a crash's leftovers are swept at the next start,
  // and a SIGTERM's exit removes it with the workers' sessions inside it (removeOwnSessionsSync).
  const runDir = await temp.createSession();

  const results: Array<AnalysisResult | FleetRefusal | undefined> = new Array(bundles.length);
  let next = 0;
  let finished = 0;
  const slots: Slot[] = [];
  const report = (index: number, state: FleetProgress['state'], progress?: AnalysisProgress) =>
    opts.onProgress?.({ source: bundles[index] as string, index, state, progress, finished, total: bundles.length });

  try {
    await new Promise<void>((resolve, reject) => {
      let stopped = false;
      const stop = (err?: Error) => {
        if (stopped) return;
        stopped = true;
        opts.signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve();
      };
      const onAbort = () => stop(new FleetCancelledError());
      opts.signal?.addEventListener('abort', onAbort, { once: true });

      const settle = (slot: Slot, outcome: AnalysisResult | FleetRefusal, feedNext = true, inventory: Inventory | null = null) => {
        const job = slot.job as FleetJob;
        slot.job = null;
        results[job.id] = outcome;
        finished += 1;
        opts.onRow?.(job.id, outcomeOf(job.path, outcome), inventory);
        report(job.id, 'source' in outcome || outcome.nothingEvaluated ? 'refused' : 'done');
        if (finished === bundles.length) stop();
        else if (feedNext) feed(slot);
      };
      const feed = (slot: Slot) => {
        if (stopped || next >= bundles.length) return;
        const id = next++;
        slot.job = { id, path: bundles[id] as string, tempRoot: runDir, now: opts.now?.toISOString() };
        report(id, 'started');
        slot.worker.postMessage(slot.job);
      };
      const spawn = (): Slot => {
        const slot: Slot = { worker: new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: heapMb } }), job: null };
        slot.worker.on('message', (m: FleetWorkerMessage) => {
          if (!slot.job || m.id !== slot.job.id) return;
          if (m.type === 'progress') report(m.id, 'reading', m.progress);
          else if (m.type === 'done') settle(slot, m.result, true, m.inventory);
          else settle(slot, { source: slot.job.path, message: m.message });
        });
        // A worker that dies (out of its share of the budget, a crash) costs its bundle, not the run.
        slot.worker.on('error', (err: Error & { code?: string }) => {
          slot.failure =
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `it needed more than this run's ${heapMb} MB per bundle (the memory budget); analyse it on its own or give a larger --memory-mb.`
              : `internal error: ${err.message}`;
        });
        slot.worker.on('exit', () => {
          if (stopped) return;
          const i = slots.indexOf(slot);
          if (i === -1) return;
          if (slot.job) settle(slot, { source: slot.job.path, message: slot.failure ?? 'internal error: the worker stopped.' }, false);
          if (stopped) return;
          // Replace the dead worker if bundles are still waiting.
          if (next < bundles.length) {
            const fresh = spawn();
            slots[i] = fresh;
            feed(fresh);
          } else slots.splice(i, 1);
        });
        return slot;
      };
      if (bundles.length === 0) return stop();
      for (let i = 0; i < workers; i++) slots.push(spawn());
      for (const slot of [...slots]) feed(slot);
    });
  } finally {
    // Cancelled or done: stop every worker (mid-bundle ones included), then remove what they left on disk.
    const all = [...slots];
    slots.length = 0;
    await Promise.all(all.map((s) => s.worker.terminate()));
    await temp.removeSession(runDir);
  }

  const rows: FleetRow[] = [];
  const refused: FleetRefusal[] = [];
  bundles.forEach((source, i) => {
    const o = outcomeOf(source, results[i]);
    if ('analysis' in o) rows.push(o);
    else refused.push(o);
  });
  return fleetResult(opts.name ?? `${bundles.length} bundle${bundles.length === 1 ? '' : 's'}`, rows, refused, opts.now);
}
