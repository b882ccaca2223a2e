// The one analysis use case: a bundle, a tenant, or both → AnalysisResult. The CLI, the app's IPC handlers,
// the app's tenant connection and the tests all call this; nothing else wires bundle, evidence, Graph and
// checks together.
import type { Bundle } from '../bundle/open-bundle';
import type { AppTemp } from '../fs/app-temp';
import type { GraphProgress } from '../graph/graph-run';
import type { AnalysisResult } from '../model/analysis';
import type { Inventory, ProgressEvent } from '../model/inventory';
import { collectBundleFacts, type BundleEvidence } from '../evidence/from-bundle';
import { assembleBundle, readBundleEvidence } from './bundle';
import { analyseTenant, type TenantInput } from './tenant';
import type { LiveNetworkInput } from './assemble';

/** A bundle by path (opened, read and closed here, scratch files under `temp`) or one the caller keeps open. */
export type BundleInput = { path: string; temp: AppTemp } | { open: Bundle };

export interface AnalysisRequest {
  bundle?: BundleInput;
  tenant?: TenantInput;
  /** A live network test from the technician's laptop (`network --format json`), confirmed on the room's network or not. */
  liveNetwork?: LiveNetworkInput | null;
}

export type { LiveNetworkInput, TenantInput };

/** Progress as the wizard shows it; `waitingSeconds` while Microsoft Graph throttles. */
export type AnalysisProgress = Omit<ProgressEvent, 'jobId'> & { waitingSeconds?: number };

export interface AnalysisOptions {
  onProgress?: (p: AnalysisProgress) => void;
  signal?: AbortSignal;
  now?: Date;
  /** The bundle's inventory, once read (a fleet keeps it so a room opened later shows what its bundle held). */
  onInventory?: (inventory: Inventory) => void;
}

function graphProgress(p: GraphProgress): AnalysisProgress {
  return {
    phase: 'graph',
    message: p.waitingSeconds ? `Microsoft Graph asked to wait ${p.waitingSeconds} s…` : `Reading ${p.phase.replace(/-/g, ' ')}`,
    done: p.done,
    total: p.total ?? null,
    ...(p.waitingSeconds ? { waitingSeconds: p.waitingSeconds } : {}),
  };
}

async function bundleEvidence(input: BundleInput, opts: AnalysisOptions): Promise<{ name: string; evidence: BundleEvidence }> {
  if ('open' in input) {
    opts.onInventory?.(input.open.inventory);
    const evidence = await collectBundleFacts(input.open, { signal: opts.signal, onProgress: opts.onProgress });
    return { name: input.open.inventory.name, evidence };
  }
  const { bundle, evidence } = await readBundleEvidence(input.path, { temp: input.temp, signal: opts.signal, onProgress: opts.onProgress });
  opts.onInventory?.(bundle.inventory);
  await bundle.close();
  return { name: bundle.inventory.name, evidence };
}

export async function analyse(request: AnalysisRequest, opts: AnalysisOptions = {}): Promise<AnalysisResult> {
  const t = request.tenant;
  if (!t) {
    if (!request.bundle) throw new Error('Nothing to analyse: give a bundle, a tenant, or both.');
    const only = await bundleEvidence(request.bundle, opts);
    return assembleBundle(only.name, only.evidence, opts.now, request.liveNetwork);
  }
  const bundle = request.bundle ? await bundleEvidence(request.bundle, opts) : undefined;
  return analyseTenant(t, {
    bundle,
    liveNetwork: request.liveNetwork,
    now: opts.now,
    signal: opts.signal,
    onProgress: opts.onProgress ? (p) => opts.onProgress?.(graphProgress(p)) : undefined,
  });
}
