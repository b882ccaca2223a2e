// Builds a scenario bundle and runs the whole bundle path on it, as the CLI and the app do.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyse } from '../../main/analysis/analyse';
import { openBundle } from '../../main/bundle/open-bundle';
import { AppTemp } from '../../main/fs/app-temp';
import type { AnalysisResult } from '../../main/model/analysis';
import type { Inventory } from '../../main/model/inventory';
import { writeBundleFolder, writeBundleZip } from './bundles/build';
import { scenario, type Scenario } from './bundles/scenarios';

export const NOW = new Date('2026-11-19T08:00:00Z');

/** A scenario by id, or a scenario object (a variation made in the test), through the whole bundle path. */
export async function analyzeScenario(which: string | Scenario, as: 'zip' | 'folder' = 'zip'): Promise<{ result: AnalysisResult; inventory: Inventory }> {
  const s = typeof which === 'string' ? scenario(which) : which;
  const id = s.id;
  const dir = mkdtempSync(path.join(os.tmpdir(), `mtr-${id}-`));
  const input = path.join(dir, as === 'zip' ? `${id}.zip` : id);
  if (as === 'zip') await writeBundleZip(s, input);
  else await writeBundleFolder(s, input);
  const bundle = await openBundle(input, { temp: new AppTemp(path.join(dir, 'app-temp')) });
  try {
    const result = await analyse({ bundle: { open: bundle } }, { now: NOW });
    return { result, inventory: bundle.inventory };
  } finally {
    await bundle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
