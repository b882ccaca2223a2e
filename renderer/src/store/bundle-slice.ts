// The open bundle: choose, open (a path, a sample or a drop), close.
import { call } from '../api';
import { describe } from './problems';
import { runJob } from './run-job';
import type { BundleSlice, Slice } from './types';

export const createBundleSlice: Slice<BundleSlice> = (set, get) => {
  async function open(source: { kind: 'path'; path: string } | { kind: 'sample'; id: string }, label: string) {
    if (get().job) return;
    const previous = get().inventory;
    const inventory = await runJob(set, get, 'bundle', label, (jobId) => call('bundle:open', { jobId, source }));
    if (!inventory) return;
    if (previous) await call('bundle:close', { bundleId: previous.bundleId }).catch(() => undefined);
    set({ inventory, step: 'inventory', analysis: null, checkIndex: -1, saved: null });
  }

  return {
    inventory: null,
    samples: [],
    async loadSamples() {
      set({ samples: await call('samples:list', undefined).catch(() => []) });
    },
    openPath: (path, label) => open({ kind: 'path', path }, label),
    openSample: (id, label) => open({ kind: 'sample', id }, label),
    async choose(kind) {
      if (get().job) return;
      try {
        const { path } = await call('bundle:choose', { kind });
        if (path) await open({ kind: 'path', path }, path.split(/[\\/]/).pop() ?? path);
      } catch (err) {
        set({ problem: describe(err) });
      }
    },
    async reset() {
      const inv = get().inventory;
      if (inv) await call('bundle:close', { bundleId: inv.bundleId }).catch(() => undefined);
      set({ inventory: null, analysis: null, step: 'bundle', problem: null, checkIndex: -1, saved: null });
    },
  };
};
