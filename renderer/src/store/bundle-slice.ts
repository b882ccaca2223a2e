// The open bundle: choose, open (a handle main issued, a sample or a drop), close.
import { ApiError, call } from '../api';
import { describe } from './problems';
import { runJob } from './run-job';
import type { BundleSlice, Slice } from './types';

export const createBundleSlice: Slice<BundleSlice> = (set, get) => {
  async function open(source: { kind: 'handle'; handle: string } | { kind: 'sample'; id: string }, label: string) {
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
    async openDropped(file) {
      if (get().job) return;
      // Main registers the dropped file (the preload resolves its path) and hands back a handle.
      const grant = await window.mtr.openDropped(file);
      if (!grant.ok) set({ problem: describe(new ApiError(grant.error)) });
      else await open({ kind: 'handle', handle: grant.value.handle }, grant.value.name);
    },
    openSample: (id, label) => open({ kind: 'sample', id }, label),
    async choose(kind) {
      if (get().job) return;
      try {
        const { file } = await call('bundle:choose', { kind });
        if (file) await open({ kind: 'handle', handle: file.handle }, file.name);
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
