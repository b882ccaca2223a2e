// Keeps the bundles the technician has open, one job (AbortController) per long operation.
import { openBundle, type Bundle, type EvtxIdentifier } from '../bundle/open-bundle';
import type { BundleLimits } from '../bundle/limits';
import type { AppTemp } from '../fs/app-temp';
import type { Inventory, ProgressEvent } from '../model/inventory';
import type { JobRegistry } from './jobs';

export interface OpenBundlesOptions {
  temp: AppTemp;
  jobs: JobRegistry;
  identifyEvtx?: EvtxIdentifier;
  limits?: Partial<BundleLimits>;
}

export class OpenBundles {
  private readonly bundles = new Map<string, Bundle>();

  constructor(private readonly opts: OpenBundlesOptions) {}

  async open(path: string, jobId: string, onProgress: (p: ProgressEvent) => void): Promise<Inventory> {
    const bundle = await this.opts.jobs.run(jobId, (signal) =>
      openBundle(path, {
        temp: this.opts.temp,
        identifyEvtx: this.opts.identifyEvtx,
        limits: this.opts.limits,
        signal,
        onProgress: (p) => onProgress({ ...p, jobId }),
      }),
    );
    this.bundles.set(bundle.inventory.bundleId, bundle);
    return bundle.inventory;
  }

  get(bundleId: string): Bundle | undefined {
    return this.bundles.get(bundleId);
  }

  async close(bundleId: string): Promise<boolean> {
    const bundle = this.bundles.get(bundleId);
    if (!bundle) return false;
    this.bundles.delete(bundleId);
    await bundle.close();
    return true;
  }

  async closeAll(): Promise<void> {
    for (const id of [...this.bundles.keys()]) await this.close(id);
  }
}
