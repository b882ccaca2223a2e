// Builds every part of the app: main, preload and the CLI with esbuild (CommonJS, Node),
// the renderer with Vite. Output goes to dist/.
import { build } from 'esbuild';
import { rm, mkdir, chmod } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const only = process.argv.includes('--no-renderer') ? 'node' : 'all';

/** Node-side bundles. `electron` and the browser driver stay external: they are loaded at run time. */
export const NODE_ENTRIES = [
  { in: 'main/index.ts', out: 'main/index' },
  // The CLI: a small launcher that loads the whole CLI, or for `evtx` only the EVTX command.
  { in: 'main/cli/bin.ts', out: 'cli/mtr-doctor', banner: '#!/usr/bin/env node' },
  { in: 'main/cli/mtr-doctor.ts', out: 'cli/mtr-doctor-all' },
  { in: 'main/cli/evtx-main.ts', out: 'cli/mtr-doctor-evtx' },
  { in: 'main/evtx-dump/worker.ts', out: 'workers/evtx-worker' },
  { in: 'main/analysis/fleet-worker.ts', out: 'workers/fleet-worker' },
  // The EVTX reader and its dump wing on their own, for the benchmark (finds its worker at dist/workers/).
  { in: 'scripts/bench/evtx-lib.ts', out: 'lib/evtx' },
  { in: 'scripts/make-samples.ts', out: 'tools/make-samples' },
  { in: 'scripts/write-schema.ts', out: 'tools/write-schema' },
  { in: 'scripts/bench/make-big-bundle.ts', out: 'tools/make-big-bundle' },
  { in: 'scripts/bench/make-real-evtx.ts', out: 'tools/make-real-evtx' },
  { in: 'scripts/bench/make-hostile-bundles.ts', out: 'tools/make-hostile-bundles' },
  { in: 'scripts/bench/make-many-logs.ts', out: 'tools/make-many-logs' },
  { in: 'scripts/bench/tenant-rooms.ts', out: 'tools/bench-tenant' },
];

/** `import css from './x.css?raw'` as Vite does it: the file's text. Lets the CLI inline the sheet's stylesheet. */
const rawPlugin = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path.replace(/\?raw$/, '')), namespace: 'raw' }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => ({ contents: await (await import('node:fs/promises')).readFile(args.path, 'utf8'), loader: 'text' }));
  },
};

/** A renamed or deleted entry point must stop the build, not leave an old or missing file in dist/. */
async function requireEntry(rel) {
  const { existsSync } = await import('node:fs');
  if (!existsSync(path.join(root, rel))) throw new Error(`scripts/build.mjs: entry point ${rel} does not exist (renamed? update NODE_ENTRIES)`);
}

async function buildNode() {
  for (const entry of NODE_ENTRIES) {
    const input = path.join(root, entry.in);
    await requireEntry(entry.in);
    await build({
      entryPoints: [input],
      outfile: path.join(dist, `${entry.out}.js`),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: 'linked',
      jsx: 'automatic',
      // import() becomes require(): the CLI's bundles run from a vm.Script with a code cache (main/cli/code-cache.ts),
      // where a dynamic import has no loader.
      supported: { 'dynamic-import': false },
      external: ['electron', 'playwright-core'],
      plugins: [rawPlugin],
      banner: entry.banner ? { js: entry.banner } : undefined,
      logLevel: 'warning',
    });
    if (entry.banner) await chmod(path.join(dist, `${entry.out}.js`), 0o755);
  }
  // The preload runs sandboxed: CommonJS, may only require('electron').
  await requireEntry('preload/index.ts');
  await build({
    entryPoints: [path.join(root, 'preload/index.ts')],
    outfile: path.join(dist, 'preload/index.js'),
    bundle: true,
    platform: 'node',
    target: 'chrome140',
    format: 'cjs',
    external: ['electron'],
    logLevel: 'warning',
  });
}

async function buildRenderer() {
  await requireEntry('renderer/index.html');
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'renderer/vite.config.mts'), logLevel: 'warn' });
}

/**
 * The CLI bundles' code caches (main/cli/code-cache.ts): typical commands run once with the cache written at
 * exit, so later runs skip compiling what they use. A cache is a shortcut only: if this fails, the CLI
 * compiles as before, and the build says so.
 */
async function warmCodeCaches() {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const os = await import('node:os');
  const cli = path.join(dist, 'cli/mtr-doctor.js');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'mtr-code-cache-'));
  const run = (...args) => execFileSync(process.execPath, [cli, ...args], { stdio: 'ignore', env: { ...process.env, MTR_DOCTOR_WRITE_CODE_CACHE: '1', TMPDIR: scratch } });
  try {
    const aad = path.join(scratch, 'aad.evtx');
    const srs = path.join(scratch, 'srs.evtx');
    execFileSync(process.execPath, [path.join(dist, 'tools/make-real-evtx.js'), aad, '3000', srs, '3000'], { stdio: 'ignore' });
    for (const file of [srs, aad]) run('evtx', file, '--format', 'xml');
    run('evtx', aad);
    // Exit 1: the sample has failing checks.
    for (const format of ['json', 'text']) {
      try {
        run('analyze', path.join(root, 'assets/samples/mixed.zip'), '--format', format);
      } catch (err) {
        if (err.status !== 1) throw err;
      }
    }
  } catch (err) {
    console.warn(`scripts/build.mjs: the CLI's code caches were not written (${err.message}); the CLI works, it compiles at each start`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await buildNode();
await warmCodeCaches();
if (only === 'all') await buildRenderer();
console.log('built dist/');
