import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores here; browser and EVTX suites are heavy, so keep the fan-out modest.
    maxWorkers: 2,
    // Makes the fake tenant's test CA and puts it in NODE_EXTRA_CA_CERTS before workers start (read at process start).
    globalSetup: ['tests/support/fake-tenant/global-setup.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
