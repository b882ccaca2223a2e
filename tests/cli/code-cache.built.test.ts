// The build saves V8's code cache beside each CLI bundle (main/cli/code-cache.ts, scripts/build.mjs): this
// checks what `npm run build` wrote, so it runs in the lane that builds first.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCacheOf, loadBundle } from '../../main/cli/code-cache';
import { repoRoot } from '../support/app-harness';

describe('code cache of the build', () => {
  it('the build writes a cache that V8 takes for both CLI bundles', () => {
    for (const name of ['mtr-doctor-all.js', 'mtr-doctor-evtx.js']) {
      const file = path.join(repoRoot, 'dist/cli', name);
      expect(readFileSync(codeCacheOf(file)).length, `${name}.cache`).toBeGreaterThan(10_000);
    }
    // Taken in this process (the same V8 and flags as the CLI's): the evtx bundle, which has no side effects when loaded.
    expect(loadBundle(path.join(repoRoot, 'dist/cli/mtr-doctor-evtx.js')).cached).toBe(true);
  });
});
