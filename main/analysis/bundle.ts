// The whole bundle path, headless: open → inventory → facts → seven checks → result.
import { openBundle } from '../bundle/open-bundle';
import { collectBundleFacts, type BundleEvidence } from '../evidence/from-bundle';
import type { AppTemp } from '../fs/app-temp';
import type { AnalysisResult } from '../model/analysis';
import type { ProgressEvent } from '../model/inventory';
import type { Bundle } from '../bundle/open-bundle';
import { assemble, type LiveNetworkInput } from './assemble';

export function sourcesText(ev: BundleEvidence): string[] {
  const out: string[] = [];
  if (ev.files.aad.length) out.push(`AAD Operational log (${ev.files.aad.join(', ')})`);
  if (ev.files.srs.length) out.push(`Skype Room System heartbeats (${ev.files.srs.join(', ')})`);
  if (ev.files.teams.length) out.push(`Teams logs (${ev.files.teams.length === 1 ? ev.files.teams[0] : `${ev.files.teams.length} files`})`);
  return out;
}

/** The seven checks over one bundle's evidence (the app, the CLI and the tests all end here). */
export function assembleBundle(name: string, evidence: BundleEvidence, now?: Date, liveNetwork?: LiveNetworkInput | null): AnalysisResult {
  return assemble({
    input: { kind: 'bundle', name, sources: sourcesText(evidence) },
    ...bundleParts(evidence),
    now,
    liveNetwork,
  });
}

/** What a bundle contributes to an analysis, alone or merged with a tenant. */
export function bundleParts(evidence: BundleEvidence) {
  return {
    facts: evidence.facts,
    sources: evidence.sources,
    warnings: evidence.warnings,
    checked: evidence.checked,
    unreadable: evidence.unreadable,
    utcOffset: evidence.utcOffset,
    collectedAt: evidence.collectedAt,
    nothingToAnalyse: evidence.notABundle,
    mixedDevices: evidence.mixedDevices,
    cutShort: evidence.cutShort,
  };
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
  const bundle = await openBundle(input, { temp: opts.temp, onProgress: opts.onProgress, signal: opts.signal });
  try {
    const evidence = await collectBundleFacts(bundle, { onProgress: opts.onProgress, signal: opts.signal });
    return { bundle, evidence };
  } catch (err) {
    await bundle.close();
    throw err;
  }
}
