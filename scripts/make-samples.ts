// Regenerates assets/samples/: one bundle per sign-in failure plus healthy and mixed, written with our
// EVTX writer, and the catalog the app and the CLI read. Deterministic: re-running changes no byte.
//   npm run samples
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeBundleZip } from '../tests/support/bundles/build';
import { SCENARIOS } from '../tests/support/bundles/scenarios';
import type { SampleCatalogFile } from '../main/bundle/samples';

export const DEFAULT_SAMPLE = 'mixed';

export async function makeSamples(dir: string): Promise<SampleCatalogFile> {
  await mkdir(dir, { recursive: true });
  const samples = SCENARIOS.filter((s) => s.sample);
  for (const s of samples) await writeBundleZip(s, path.join(dir, `${s.id}.zip`));
  const catalog: SampleCatalogFile = {
    default: DEFAULT_SAMPLE,
    samples: samples.map((s) => ({ id: s.id, file: `${s.id}.zip`, title: s.title, description: s.description })),
  };
  await writeFile(path.join(dir, 'catalog.json'), `${JSON.stringify(catalog, null, 2)}\n`);
  return catalog;
}

if (require.main === module) {
  // Run from the repository root (npm run samples); an explicit folder may be given instead.
  const dir = path.resolve(process.argv[2] ?? path.join(process.cwd(), 'assets', 'samples'));
  makeSamples(dir).then(
    (c) => console.log(`wrote ${c.samples.length} sample bundles to ${dir}`),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
