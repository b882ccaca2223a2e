// Fleet benchmark: 40 bundles of about 20 MB, analysed as one fleet run (worker threads, one per core) next to
// the same 40 analysed one by one, each in its own process as a technician would without the fleet. Reports
// the wall-time ratio and the fleet run's peak RSS (the whole process, workers included).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureCli } from './bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAKER = path.join(root, 'dist/tools/make-big-bundle.js');
const MB = 1024 * 1024;
const COUNT = 40;
/** Uncompressed MB per file kind; zipped this is about 20 MB (crash dumps do not compress). */
const SIZES = { aad: 12, srs: 12, teams: 16, dumps: 18 };

export async function benchFleet({ log = console.log } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-bench-fleet-'));
  try {
    const src = path.join(dir, 'DeviceLogs');
    execFileSync(process.execPath, [MAKER, src, JSON.stringify(SIZES)], { encoding: 'utf8', maxBuffer: 16 * MB });
    const first = path.join(dir, 'room-01.zip');
    execFileSync('zip', ['-q', '-r', '-6', first, '.'], { cwd: src });
    rmSync(src, { recursive: true, force: true });
    const zips = [first];
    for (let i = 2; i <= COUNT; i++) {
      const z = path.join(dir, `room-${String(i).padStart(2, '0')}.zip`);
      copyFileSync(first, z);
      zips.push(z);
    }
    const zipMb = statSync(first).size / MB;
    log(`${COUNT} bundles of ${zipMb.toFixed(1)} MB (zip), ${os.availableParallelism()} cores`);

    let sumMs = 0;
    let singleRssKb = 0;
    for (const z of zips) {
      const r = await measureCli(['analyze', z, '--format', 'json']);
      sumMs += r.ms;
      singleRssKb = Math.max(singleRssKb, r.maxRssKb);
    }
    const fleet = await measureCli(['analyze', ...zips, '--format', 'json']);
    const ratio = fleet.ms / sumMs;
    const rows = [
      { what: `one by one, ${COUNT} processes (sum)`, seconds: sumMs / 1000, peakRssMb: singleRssKb / 1024 },
      { what: `fleet, one process, ${os.availableParallelism()} workers`, seconds: fleet.ms / 1000, peakRssMb: fleet.maxRssKb / 1024 },
    ];
    log(`${'run'.padEnd(40)} ${'seconds'.padStart(8)} ${'peak RSS'.padStart(10)}`);
    for (const r of rows) log(`${r.what.padEnd(40)} ${r.seconds.toFixed(2).padStart(8)} ${`${r.peakRssMb.toFixed(0)} MB`.padStart(10)}`);
    log(`fleet wall time / sum of one-by-one runs: ${ratio.toFixed(2)}× (target ≤ 0.65×); fleet peak RSS ${(fleet.maxRssKb / 1024).toFixed(0)} MB (target ≤ 600 MB); exit ${fleet.code}`);
    return { count: COUNT, zipMb, rows, fleetVsSum: ratio, fleetPeakRssMb: fleet.maxRssKb / 1024, fleetExit: fleet.code };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The 500-room fake tenant (dist/tools/bench-tenant.js), next to the single-account path on a sample of its rooms. */
/**
 * Every room of a fake tenant of 500 and of 5,000 rooms under Graph's documented reports limit (time windows
 * scaled 1/`scale`, counts as Graph's), each in its own process; targets counted rather than timed where the
 * limit decides. Side by side: the single-account path for 20 of the 500 rooms, as a ratio.
 */
export function benchTenant({ log = console.log, sizes = [500, 5000], scale = 10 } = {}) {
  const TARGET = { 500: 30, 5000: 300 };
  const results = {};
  for (const rooms of sizes) {
    const out = execFileSync(process.execPath, [path.join(root, 'dist/tools/bench-tenant.js'), String(rooms), String(scale)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const r = JSON.parse(out.trim().split('\n').at(-1));
    log(`${r.rooms} rooms (+${r.notChecked} bookable rooms without a Teams Rooms account, not checked); limits: ${r.limits}`);
    log(`  report requests ${r.reportRequests} (target ≤ ${TARGET[rooms] ?? '—'}), ${r.reportSecondsAtRealLimit} s of them under Graph's real 10-s window; sign-in log read as: ${r.signInMode}`);
    log(`  wall ${r.seconds.toFixed(1)} s at 1/${r.scale} windows (first row ${r.firstRowSeconds.toFixed(1)} s, outputs streamed in ${r.outputSeconds.toFixed(1)} s, JSON ${r.jsonMb.toFixed(0)} MB)`);
    log(`  Graph requests ${r.requests}: ${r.requestsPerRoom.toFixed(3)} per room (target ≤ 1); HTTP 429: ${r.http429}, reads sent again after a 429 (in $batch too) or no answer: ${r.throttledWaits}`);
    log(`  peak RSS of the run ${r.peakRssMb.toFixed(0)} MB (target ≤ 500 MB); ${r.notAllClear} rooms not all clear; no internal error`);
    if (r.oneByOne.sampled) {
      log(`  vs one account at a time (${r.oneByOne.sampled} rooms sampled): ${r.oneByOne.reportRequestsPerRoom} report requests per room → ${(r.reportRequests / r.rooms / r.oneByOne.reportRequestsPerRoom).toFixed(4)}×; Graph requests per room ${(r.requestsPerRoom / r.oneByOne.requestsPerRoom).toFixed(3)}×; wall ${(r.seconds / r.oneByOne.secondsForAllRooms).toFixed(3)}×`);
    }
    results[rooms] = { ...r, withinTargets: r.reportRequests <= (TARGET[rooms] ?? Infinity) && r.peakRssMb <= 500 && r.requestsPerRoom <= 1 };
  }
  return results;
}
