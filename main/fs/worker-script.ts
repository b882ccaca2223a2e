// Where a worker thread's script is: worker bundles are built on their own (dist/workers/), and a
// packaged app keeps them outside the asar, where a worker can load them.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** A worker bundle, next to the running bundle (dist/<x>/ → dist/workers/) or, from source, in dist/. */
export function resolveWorkerScript(file: string): string {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const candidates = [
    path.join(here, '../workers', file),
    path.join(here, 'workers', file),
    // Running from source (tests): main/fs → <repo>/dist/workers.
    path.resolve(here, '../../dist/workers', file),
  ];
  // Packaged: the worker is unpacked next to the asar (electron-builder asarUnpack); workers cannot load from inside it.
  const unpacked = candidates.map((c) => c.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2'));
  const found = [...unpacked.filter((c, i) => c !== candidates[i]), ...candidates].find((c) => existsSync(c));
  if (!found) {
    throw new Error(`Worker script ${file} not found (looked at ${candidates.join(', ')}). Build it first: npm run build (node scripts/build.mjs).`);
  }
  return found;
}
