import { defineConfig } from 'vitest/config';

// Test lanes (`npx vitest run --project unit`, …); `npm test` runs them all. A test picks its lane by
// where it lives or how it is named, never by a list kept here:
//   unit      plain Node: everything not below (checks, evidence, bundle, IPC, security, Graph and
//             sign-in against the local fake tenant)
//   corpus    tests/evtx/, tests/evtx-dump/: the EVTX reader and its dump wing against the real-world
//             corpus (../shared/evtx-corpus; skipped, saying so, when absent outside CI), evtxexport,
//             libevtx, the writer's files
//   browser   tests/e2e/ and *.built.test.ts: the built app (npm run build first): the renderer in
//             Chromium, the built CLI and its PDF
//   electron  *.electron.test.ts: the real Electron app (skips, saying why, where no binary exists)
const CORPUS = ['tests/evtx/**/*.test.ts', 'tests/evtx-dump/**/*.test.ts'];
const ELECTRON = ['tests/**/*.electron.test.ts'];
const BROWSER = ['tests/e2e/**/*.test.ts', 'tests/**/*.built.test.ts'];
const ALL = ['tests/**/*.test.ts', 'tests/**/*.test.tsx'];

export default defineConfig({
  test: {
    // No top-level include: projects that extend this config would concatenate it with their own.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores here; browser and EVTX suites are heavy, so keep the fan-out modest.
    maxWorkers: 2,
    // Makes the fake tenant's test CA and puts it in NODE_EXTRA_CA_CERTS before workers start (read at process start);
    // clears proxy variables and preloads the loopback guard into every worker and Node child.
    globalSetup: ['tests/support/fake-tenant/global-setup.ts', 'tests/support/network/global-setup.ts'],
    // Fails a test file that (or whose children) tried to reach beyond 127.0.0.0/8.
    setupFiles: ['tests/support/network/loopback-only.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      { extends: true, test: { name: 'unit', include: ALL, exclude: [...CORPUS, ...BROWSER, ...ELECTRON] } },
      // Says once, visibly, whether the real-world corpus is here (and fails without it where it is required).
      { extends: true, test: { name: 'corpus', include: CORPUS, globalSetup: ['tests/support/corpus-setup.ts'] } },
      { extends: true, test: { name: 'browser', include: BROWSER, exclude: ELECTRON } },
      { extends: true, test: { name: 'electron', include: ELECTRON } },
    ],
  },
});
