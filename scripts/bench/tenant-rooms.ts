// `npm run bench`, the tenant part: every room of a fake tenant (local HTTPS on 127.0.0.1) that enforces Graph's
// documented limits — identity and access reports (auditLogs) five requests per 10 s per app per tenant, GET
// with signInActivity ten a minute, 429 + Retry-After beyond — and serves $batch. The limits' time windows are
// scaled down by SCALE so 5,000 rooms run in minutes, not hours: the counts of rate-limited requests are what the
// targets are about. The run (sign-in, every room to a journal, then the JSON and CSV streamed from it) is its
// own process, so its peak RSS is the run's alone; the fake tenant serves from this one.
// Built to dist/tools/bench-tenant.js; prints one JSON line.
//   node dist/tools/bench-tenant.js [rooms] [scale]
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTenantRooms } from '../../main/analysis/tenant-rooms';
import { analyse } from '../../main/analysis/analyse';
import { createMsalAuthProvider } from '../../main/auth/msal-provider';
import { FleetJournal, indexJournal, JOURNAL_KIND, writeJournalCsv, writeJournalJson } from '../../main/report/fleet-journal';
import { settingsFor } from '../../tests/auth/support';
import { fakeBrowser, startFakeTenant, type FakeTenant } from '../../tests/support/fake-tenant';
import setup from '../../tests/support/fake-tenant/global-setup';
import { TLS_DIR_ENV } from '../../tests/support/fake-tenant/tls';

const TENANT_ENV = 'MTR_BENCH_TENANT';

/** The measured process: sign in, run every room into a journal, write the outputs, report time and peak RSS. */
async function measureRun(tenant: Pick<FakeTenant, 'clientId' | 'tenantId' | 'loginUrl' | 'graphUrl' | 'graphBaseUrl'>, sampleOneByOne: number): Promise<void> {
  const auth = await createMsalAuthProvider({ settings: settingsFor(tenant as FakeTenant), openBrowser: fakeBrowser().openBrowser });
  if (!(await auth.signInInteractive()).ok) throw new Error('could not sign in to the fake tenant');
  const dir = mkdtempSync(path.join(tmpdir(), 'mtr-bench-tenant-'));
  try {
    const now = new Date();
    const journalPath = path.join(dir, 'rooms.jsonl');
    const journal = FleetJournal.create(journalPath, { kind: JOURNAL_KIND, schemaVersion: 1, tenant: 'contoso.com', now: now.toISOString(), days: 7, tool: { name: 'MTR Doctor', version: 'bench' } });
    const t0 = performance.now();
    let firstRowMs: number | null = null;
    let throttled = 0;
    let etaAtHalf: number | null = null;
    const summary = await runTenantRooms(
      { auth, graphUrl: tenant.graphBaseUrl, tenantName: 'contoso.com', days: 7 },
      {
        now,
        onRow: (row) => {
          firstRowMs ??= performance.now() - t0;
          journal.row(row);
        },
        onNotChecked: (room) => journal.notChecked(room),
        onProgress: (p) => {
          throttled = p.throttled;
          if (etaAtHalf === null && p.roomsTotal && p.roomsDone >= p.roomsTotal / 2) etaAtHalf = p.etaSeconds;
        },
      },
    );
    journal.end({ discovery: summary.discovery, warnings: summary.warnings, requests: summary.requests });
    journal.close();
    const runMs = performance.now() - t0;
    const index = await indexJournal(journalPath);
    const t1 = performance.now();
    for (const [name, write] of [['fleet.json', writeJournalJson], ['fleet.csv', writeJournalCsv]] as const) {
      const out = createWriteStream(path.join(dir, name));
      await write(journalPath, index, out);
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    }
    const outputMs = performance.now() - t1;
    const jsonMb = statSync(path.join(dir, 'fleet.json')).size / 2 ** 20;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    // Side by side: the single-account path (what a technician had before) for a sample of the same rooms.
    const sample = index.rooms.slice(0, sampleOneByOne).map((r) => r.account);
    const oneByOneFrom = Date.now();
    const t2 = performance.now();
    for (const account of sample) await analyse({ tenant: { auth, graphUrl: tenant.graphBaseUrl, account, tenantName: 'contoso.com', days: 7 } });
    const oneByOneMs = sample.length ? ((performance.now() - t2) / sample.length) * index.rooms.length : null;
    console.log(
      JSON.stringify({
        rooms: index.rooms.length,
        notChecked: index.notChecked.length,
        signInMode: summary.signInMode,
        seconds: runMs / 1000,
        firstRowSeconds: (firstRowMs ?? runMs) / 1000,
        outputSeconds: outputMs / 1000,
        jsonMb,
        peakRssMb,
        throttledWaits: throttled,
        etaAtHalfSeconds: etaAtHalf,
        notAllClear: index.rooms.filter((r) => r.exitCode !== 0).length,
        oneByOne: { sampled: sample.length, from: oneByOneFrom, to: Date.now(), secondsForAllRooms: oneByOneMs === null ? null : oneByOneMs / 1000 },
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The tenant process: serve the fake tenant, run the measured process against it, count what it sent. */
async function serve(rooms: number, scale: number): Promise<void> {
  const reportsWindow = 10_000 / scale;
  const activityWindow = 60_000 / scale;
  const tenant = await startFakeTenant({
    rooms,
    graph: {
      reportsLimit: { max: 5, windowMs: reportsWindow, retryAfterSeconds: Math.max(1, Math.ceil(reportsWindow / 1000)) },
      signInActivityLimit: { max: 10, windowMs: activityWindow, retryAfterSeconds: Math.max(1, Math.ceil(activityWindow / 1000)) },
    },
  });
  try {
    tenant.requests.length = 0;
    const env = { ...process.env, [TENANT_ENV]: JSON.stringify({ clientId: tenant.clientId, tenantId: tenant.tenantId, loginUrl: tenant.loginUrl, graphUrl: tenant.graphUrl, graphBaseUrl: tenant.graphBaseUrl, sample: rooms <= 500 ? 20 : 0 }) };
    const child = spawn(process.execPath, [__filename, 'run'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`the measured run exited ${code}`);
    const r = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { rooms: number; oneByOne: { from: number; to: number; sampled: number } };
    const graph = tenant.requests.filter((q) => q.server === 'graph');
    const run = graph.filter((q) => q.at < r.oneByOne.from);
    const reports = run.filter((q) => q.path.includes('/auditLogs/'));
    const oneByOne = graph.filter((q) => q.at >= r.oneByOne.from && q.at <= r.oneByOne.to);
    console.log(
      JSON.stringify({
        ...r,
        scale,
        limits: `auditLogs 5 per ${reportsWindow / 1000} s, signInActivity 10 per ${activityWindow / 1000} s (Graph's windows of 10 s and 60 s scaled 1/${scale})`,
        requests: run.length,
        requestsPerRoom: run.length / Math.max(1, r.rooms),
        reportRequests: reports.length,
        reportRequestsAnswered: reports.filter((q) => q.status === 200).length,
        http429: run.filter((q) => q.status === 429).length,
        // Under Graph's real window, each five report requests take 10 s at least.
        reportSecondsAtRealLimit: Math.ceil(reports.filter((q) => q.status === 200).length / 5) * 10,
        oneByOne: {
          ...r.oneByOne,
          requestsPerRoom: r.oneByOne.sampled ? oneByOne.length / r.oneByOne.sampled : null,
          reportRequestsPerRoom: r.oneByOne.sampled ? oneByOne.filter((q) => q.path.includes('/auditLogs/') && q.status === 200).length / r.oneByOne.sampled : null,
        },
      }),
    );
  } finally {
    await tenant.close();
  }
}

const mode = process.argv[2];
if (mode === 'run') {
  const info = JSON.parse(process.env[TENANT_ENV] ?? '{}') as Pick<FakeTenant, 'clientId' | 'tenantId' | 'loginUrl' | 'graphUrl' | 'graphBaseUrl'> & { sample: number };
  measureRun(info, info.sample).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
} else {
  const rooms = Number(process.argv[2] ?? 500);
  const scale = Number(process.argv[3] ?? 10);
  if (process.env[TLS_DIR_ENV]) {
    serve(rooms, scale).catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
  } else {
    // Node reads NODE_EXTRA_CA_CERTS at start-up only: make the test CA, then run again trusting it.
    const teardown = setup();
    const r = spawnSync(process.execPath, [__filename, String(rooms), String(scale)], { stdio: 'inherit', env: process.env });
    teardown();
    process.exitCode = r.status ?? 1;
  }
}
