import { defineConfig } from 'vitest/config';

// Test lanes (`npx vitest run --project unit`, …); `npm test` runs them all.
//   unit      plain Node: checks, evidence, bundle, IPC, security, Graph and sign-in against the local fake tenant
//   corpus    the EVTX reader and writer against ../shared/evtx-corpus, evtxexport and libevtx
//   browser   the built app (npm run build first): renderer in Chromium, the built CLI and its PDF
//   electron  the real Electron app (skips, saying why, where no Electron binary exists)
const CORPUS = ['tests/evtx/**/*.test.ts'];
const BROWSER = [
  'tests/e2e/**/*.test.ts',
  'tests/cli/analyze.test.ts',
  'tests/cli/tenant.test.ts',
  'tests/cli/all-rooms-resume.test.ts',
  'tests/network/cli-network.test.ts',
  // Crafted bundles through the built CLI, the fuzz run's child-process sample, the IPC gate in Chromium.
  'tests/cli/hostile-cli.test.ts',
  'tests/bundle/fuzz-zip.test.ts',
  'tests/ipc/renderer-gate.test.ts',
  'tests/cli/fleet.test.ts',
];
const ELECTRON = ['tests/e2e/electron-smoke.test.ts'];
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
      { extends: true, test: { name: 'corpus', include: CORPUS } },
      { extends: true, test: { name: 'browser', include: BROWSER, exclude: ELECTRON } },
      { extends: true, test: { name: 'electron', include: ELECTRON } },
    ],
  },
});
