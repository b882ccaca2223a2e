// One fleet worker thread: analyses the bundles it is handed, one at a time, with the same use case as a
// single run. Built to dist/workers/fleet-worker.js.
import { parentPort } from 'node:worker_threads';
import { BundleError } from '../bundle/bundle-error';
import { AppTemp } from '../fs/app-temp';
import { analyse, type AnalysisProgress } from './analyse';
import type { Inventory } from '../model/inventory';
import type { FleetJob, FleetWorkerMessage } from './fleet-protocol';

/** Progress is for people: a few updates a second per bundle is plenty and keeps the message port quiet. */
const PROGRESS_EVERY_MS = 200;

const port = parentPort;
if (!port) throw new Error('fleet-worker.js runs as a worker thread of analyseFleet.');
const post = (m: FleetWorkerMessage) => port.postMessage(m);

port.on('message', (job: FleetJob) => {
  let last = 0;
  const onProgress = (progress: AnalysisProgress) => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    post({ type: 'progress', id: job.id, progress });
  };
  let inventory: Inventory | null = null;
  const onInventory = (inv: Inventory) => (inventory = inv);
  analyse({ bundle: { path: job.path, temp: new AppTemp(job.tempRoot) } }, { now: job.now ? new Date(job.now) : undefined, onProgress, onInventory }).then(
    (result) => post({ type: 'done', id: job.id, result, inventory }),
    (err: unknown) => {
      const message = err instanceof BundleError ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
      post({ type: 'refused', id: job.id, message });
    },
  );
});
