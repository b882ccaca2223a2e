// `npm run bench`, the tenant part: every room of a 500-room fake tenant (local HTTPS on 127.0.0.1) with a
// throttling rule — 429 beyond N requests in 10 s, a $batch counting each of its reads — timed end to end,
// with the Graph requests spent per room. Built to dist/tools/bench-tenant.js; prints one JSON line.
//   node dist/tools/bench-tenant.js [rooms] [max requests per 10 s]
import { spawnSync } from 'node:child_process';
import { analyseTenantRooms } from '../../main/analysis/tenant-rooms';
import { analyse } from '../../main/analysis/analyse';
import { createMsalAuthProvider } from '../../main/auth/msal-provider';
import { settingsFor } from '../../tests/auth/support';
import { fakeBrowser, startFakeTenant } from '../../tests/support/fake-tenant';
import setup from '../../tests/support/fake-tenant/global-setup';
import { TLS_DIR_ENV } from '../../tests/support/fake-tenant/tls';

async function measure(rooms: number, max: number): Promise<void> {
  const tenant = await startFakeTenant({ rooms, graph: { rateLimit: { max, windowMs: 10_000, retryAfterSeconds: 2 } } });
  try {
    const browser = fakeBrowser();
    const auth = await createMsalAuthProvider({ settings: settingsFor(tenant), openBrowser: browser.openBrowser });
    if (!(await auth.signInInteractive()).ok) throw new Error('could not sign in to the fake tenant');
    tenant.requests.length = 0;
    const t0 = performance.now();
    let firstRowMs: number | null = null;
    const fleet = await analyseTenantRooms(
      { auth, graphUrl: tenant.graphBaseUrl, tenantName: 'contoso.com', days: 7 },
      { onRow: () => (firstRowMs ??= performance.now() - t0) },
    );
    const ms = performance.now() - t0;
    const graph = tenant.requests.filter((r) => r.server === 'graph');
    // Side by side: the single-account path (what a technician had before) for a sample of the same rooms.
    const sample = fleet.rows.slice(0, 20).map((r) => r.source);
    tenant.requests.length = 0;
    await new Promise((r) => setTimeout(r, 10_000)); // a fresh rate-limit window for the comparison
    const t1 = performance.now();
    for (const account of sample) await analyse({ tenant: { auth, graphUrl: tenant.graphBaseUrl, account, tenantName: 'contoso.com', days: 7 } });
    const oneByOneMs = ((performance.now() - t1) / sample.length) * fleet.rows.length;
    const oneByOneRequests = tenant.requests.filter((r) => r.server === 'graph').length / sample.length;
    console.log(
      JSON.stringify({
        rooms: fleet.rows.length,
        seconds: ms / 1000,
        firstRowSeconds: (firstRowMs ?? ms) / 1000,
        requests: graph.length,
        requestsPerRoom: graph.length / Math.max(1, fleet.rows.length),
        throttled: graph.filter((r) => r.status === 429).length,
        notAllClear: fleet.rows.filter((r) => r.exitCode !== 0).length,
        oneByOne: { sampled: sample.length, requestsPerRoom: oneByOneRequests, secondsForAllRooms: oneByOneMs / 1000 },
      }),
    );
  } finally {
    await tenant.close();
  }
}

const rooms = Number(process.argv[2] ?? 500);
const max = Number(process.argv[3] ?? 300);
if (process.env[TLS_DIR_ENV]) {
  measure(rooms, max).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
} else {
  // Node reads NODE_EXTRA_CA_CERTS at start-up only: make the test CA, then run again trusting it.
  const teardown = setup();
  const r = spawnSync(process.execPath, [__filename, String(rooms), String(max)], { stdio: 'inherit', env: process.env });
  teardown();
  process.exitCode = r.status ?? 1;
}
