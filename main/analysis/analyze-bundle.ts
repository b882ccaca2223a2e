// The whole bundle path, headless: open → inventory → facts → seven checks → result.
import { openBundle } from '../bundle/bundle';
import { identifyEvtx } from '../bundle/identify-evtx';
import { collectBundleFacts, type BundleEvidence } from '../evidence/from-bundle';
import type { AppTemp } from '../fs/app-temp';
import type { Inventory, ProgressEvent } from '../model/inventory';
import type { Bundle } from '../bundle/bundle';

export function sourcesText(ev: BundleEvidence): string[] {
  const out: string[] = [];
  if (ev.files.aad.length) out.push(`AAD Operational log (${ev.files.aad.join(', ')})`);
  if (ev.files.srs.length) out.push(`Skype Room System heartbeats (${ev.files.srs.join(', ')})`);
  if (ev.files.teams.length) out.push(`Teams logs (${ev.files.teams.length === 1 ? ev.files.teams[0] : `${ev.files.teams.length} files`})`);
  return out;
}

export function bundleWarnings(inv: Inventory) {
  return [
    ...inv.rejected.map((r) => ({ source: r.path, message: r.message })),
    ...inv.warnings.map((w) => ({ source: inv.name, message: w })),
  ];
}

export interface OpenedBundleEvidence {
  bundle: Bundle;
  evidence: BundleEvidence;
}

/** Opens a bundle and collects its facts; the caller closes the bundle. */
export async function readBundleEvidence(
  input: string,
  opts: { temp: AppTemp; onProgress?: (p: Omit<ProgressEvent, 'jobId'>) => void; signal?: AbortSignal },
): Promise<OpenedBundleEvidence> {
  const bundle = await openBundle(input, { temp: opts.temp, identifyEvtx, onProgress: opts.onProgress, signal: opts.signal });
  try {
    const evidence = await collectBundleFacts(bundle, { onProgress: opts.onProgress, signal: opts.signal });
    evidence.warnings.unshift(...bundleWarnings(bundle.inventory));
    return { bundle, evidence };
  } catch (err) {
    await bundle.close();
    throw err;
  }
}
