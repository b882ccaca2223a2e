// Where the real-world EVTX corpus is, and whether it must be there. No vitest import: the corpus
// lane's global setup (a plain module in vitest's main process) uses it too.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const CORPUS_DIR = process.env.MTR_EVTX_CORPUS ?? path.resolve(repoRoot, '../shared/evtx-corpus');

/** CI and the release build must test on the real-world corpus; a developer's bare clone need not. */
export function corpusRequired(): boolean {
  return /^(1|true)$/i.test(process.env.CI ?? '') || process.env.MTR_REQUIRE_CORPUS === '1';
}

/** Why the real-world corpus cannot be used here, with how to get it; null when it is here. */
export function corpusAbsence(): string | null {
  if (existsSync(path.join(CORPUS_DIR, 'ORACLE.tsv'))) return null;
  return (
    `the real-world EVTX corpus is not at ${CORPUS_DIR} (no ORACLE.tsv). Put the shared corpus beside the ` +
    'checkout (../shared/evtx-corpus) or set $MTR_EVTX_CORPUS to it; do not copy it into the repo.'
  );
}
