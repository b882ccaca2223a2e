// The real fleet worker, except that it never answers for a bundle whose file name contains "-held-": such a
// bundle keeps the fleet running until the test cancels it (which terminates the worker). Lets a test act on a
// running fleet without racing the other bundles to the finish.
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const realWorker = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../dist/workers/fleet-worker.js');
const on = parentPort.on.bind(parentPort);
parentPort.on = (event, listener) =>
  on(event, event === 'message' ? (job) => void (path.basename(job.path).includes('-held-') || listener(job)) : listener);
require(realWorker);
