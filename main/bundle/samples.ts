// The sample bundles shipped in assets/samples, listed in catalog.json, offered as "Try a sample bundle".
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const catalogSchema = z.object({
  default: z.string(),
  samples: z.array(z.object({ id: z.string(), file: z.string(), title: z.string(), description: z.string() })),
});
/** One entry as the wizard lists it. */
export interface SampleBundle {
  id: string;
  title: string;
  description: string;
}

export interface SampleCatalog {
  list(): Promise<SampleBundle[]>;
  /** Path of a sample bundle, or null for an unknown id. */
  resolve(id: string): Promise<string | null>;
}

export type SampleCatalogFile = z.infer<typeof catalogSchema>;

export async function readSampleCatalog(samplesDir: string): Promise<SampleCatalogFile> {
  return catalogSchema.parse(JSON.parse(await readFile(path.join(samplesDir, 'catalog.json'), 'utf8')));
}

export function createSampleCatalog(samplesDir: string): SampleCatalog {
  return {
    async list(): Promise<SampleBundle[]> {
      const c = await readSampleCatalog(samplesDir).catch(() => null);
      return c ? c.samples.map(({ id, title, description }) => ({ id, title, description })) : [];
    },
    async resolve(id: string): Promise<string | null> {
      const c = await readSampleCatalog(samplesDir).catch(() => null);
      const s = c?.samples.find((x) => x.id === id);
      // The catalog is ours, but keep file names plain so it cannot point elsewhere.
      return s && path.basename(s.file) === s.file ? path.join(samplesDir, s.file) : null;
    },
  };
}
