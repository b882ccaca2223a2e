// The open bundle: choose, open (a handle main issued, a sample or a drop), close.
import type { FileGrant } from '../../../main/ipc/contract';
import { printableDeep } from '../../../main/model/printable';
import { ApiError, call } from '../call-main';
import { describe } from './describe-error';
import { runJob } from './run-job';
import type { BundleSlice, Slice } from './wizard-state';

/** The session's part (session.ts): the samples list is the app's. */
export const initialBundle: Pick<BundleSlice, 'inventory'> = { inventory: null };

export const createBundleSlice: Slice<BundleSlice> = (set, get) => {
  async function open(source: { kind: 'handle'; handle: string } | { kind: 'sample'; id: string }, label: string) {
    if (get().job) return;
    const previous = get().inventory;
    const inventory = await runJob(
      set,
      get,
      'bundle',
      label,
      (jobId) => call('bundle:open', { jobId, source }),
      (opened) => call('bundle:close', { bundleId: opened.bundleId }),
    );
    if (!inventory) return;
    if (previous) await call('bundle:close', { bundleId: previous.bundleId }).catch(() => undefined);
    // One bundle replaces a fleet: the usual wizard, as if the fleet had not been opened.
    get().resetSession({ inventory, step: 'inventory' });
  }
  async function openGrants(grants: FileGrant[]) {
    if (get().job || grants.length === 0) return;
    const only = grants.length === 1 ? grants[0] : undefined;
    try {
      // Main decides what the files hold (a folder of zips is a fleet); one bundle keeps the usual flow.
      const { fleet, files } = await call('fleet:inputs', { handles: grants.map((g) => g.handle) });
      if (!fleet && only) await open({ kind: 'handle', handle: only.handle }, only.name);
      else await get().runFleet(grants, files);
    } catch (err) {
      set({ problem: describe(err) });
    }
  }

  return {
    ...initialBundle,
    samples: [],
    async loadSamples() {
      set({ samples: await call('samples:list', undefined).catch(() => []) });
    },
    async openDropped(file) {
      await get().openDroppedFiles([file]);
    },
    async openDroppedFiles(files) {
      if (get().job) return;
      // Main registers each dropped file (the preload resolves its path) and hands back a handle.
      const grants: FileGrant[] = [];
      for (const file of files) {
        const grant = await window.mtr.openDropped(file);
        if (!grant.ok) {
          set({ problem: describe(new ApiError(grant.error)) });
          return;
        }
        grants.push(printableDeep(grant.value, true));
      }
      await openGrants(grants);
    },
    openGrants,
    openSample: (id, label) => open({ kind: 'sample', id }, label),
    async choose(kind) {
      if (get().job) return;
      try {
        const { files } = await call('bundle:choose', { kind });
        await openGrants(files);
      } catch (err) {
        set({ problem: describe(err) });
      }
    },
    async reset() {
      const inv = get().inventory;
      if (inv) await call('bundle:close', { bundleId: inv.bundleId }).catch(() => undefined);
      // The live network test belonged to this session: forgotten with it.
      await call('session:reset', undefined).catch(() => undefined);
      get().resetSession();
    },
  };
};
