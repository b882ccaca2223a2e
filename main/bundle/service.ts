// Keeps the bundles the technician has open, one job (AbortController) per long operation.
import type { AppTemp } from '../fs/app-temp';
import type { Inventory, ProgressEvent } from '../model/inventory';
import { openBundle, type Bundle, type EvtxIdentifier } from './bundle';
import type { BundleLimits } from './limits';

export interface BundleServiceOptions {
  temp: AppTemp;
  identifyEvtx?: EvtxIdentifier;
  limits?: Partial<BundleLimits>;
}

export class BundleService {
  private readonly bundles = new Map<string, Bundle>();
  private readonly jobs = new Map<string, AbortController>();

  constructor(private readonly opts: BundleServiceOptions) {}

  async open(path: string, jobId: string, onProgress: (p: ProgressEvent) => void): Promise<Inventory> {
    const bundle = await this.runJob(jobId, (signal) =>
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

  /** Runs a cancellable job; `cancel(jobId)` aborts it. */
  async runJob<T>(jobId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.jobs.set(jobId, controller);
    try {
      return await work(controller.signal);
    } finally {
      this.jobs.delete(jobId);
    }
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    job?.abort();
    return job !== undefined;
  }

  async closeAll(): Promise<void> {
    for (const id of [...this.bundles.keys()]) await this.close(id);
  }
}
