// End-to-end benchmark on a generated ~200 MB device log bundle: `mtr-doctor inventory` and
// `mtr-doctor analyze` (time, CPU time and peak RSS of each, in its own process, best of three), next to the
// time Debian's evtxexport alone needs to dump the bundle's event logs. Run after `npm run build`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The whole CLI bundle, loaded in-process for its main() (dist/cli/mtr-doctor.js is only the launcher).
const CLI = path.join(root, 'dist/cli/mtr-doctor-all.js');
const MAKER = path.join(root, 'dist/tools/make-big-bundle.js');
const MANY_LOGS = path.join(root, 'dist/tools/make-many-logs.js');
/** Peak RSS allowed for any one bundle (issue 23.1): the 300,000-heartbeat flood's budget. */
const BUDGET_MB = 400;
const MB = 1024 * 1024;

/** Runs one CLI command in a fresh Node process that reports its own wall time and peak RSS. */
export function measureCli(args) {
  const script = `
    const fs = require('node:fs');
    const { main } = require(${JSON.stringify(CLI)});
    const sink = fs.createWriteStream('/dev/null');
    const t0 = performance.now();
    main(${JSON.stringify(args)}, { stdout: sink, stderr: process.stderr }).then((code) => {
      const ms = performance.now() - t0;
      const ru = process.resourceUsage();
      process.stdout.write(JSON.stringify({ code, ms, maxRssKb: ru.maxRSS, cpuMs: (ru.userCPUTime + ru.systemCPUTime) / 1000 }));
    });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(out));
      } catch {
        reject(new Error(`mtr-doctor ${args[0]} failed: ${err.slice(0, 400)}`));
      }
    });
  });
}

function timeEvtxexport(files) {
  let ms = 0;
  let maxRssKb = 0;
  for (const f of files) {
    const devnull = openSync('/dev/null', 'w');
    const t0 = performance.now();
    // GNU time reports evtxexport's own peak RSS on stderr.
    const r = existsSync('/usr/bin/time')
      ? spawnSync('/usr/bin/time', ['-f', '@@%M', 'evtxexport', '-f', 'xml', f], { stdio: ['ignore', devnull, 'pipe'], encoding: 'utf8' })
      : spawnSync('evtxexport', ['-f', 'xml', f], { stdio: ['ignore', devnull, 'pipe'], encoding: 'utf8' });
    ms += performance.now() - t0;
    closeSync(devnull);
    if (r.status !== 0) throw new Error(`evtxexport failed on ${f}: ${String(r.stderr).slice(0, 300)}`);
    const m = /@@(\d+)/.exec(String(r.stderr ?? ''));
    if (m) maxRssKb = Math.max(maxRssKb, Number(m[1]));
  }
  return { ms, maxRssKb };
}

export async function benchBundle({ log = console.log } = {}) {
  for (const [what, p] of [['the CLI', CLI], ['the bundle generator', MAKER], ['the many-logs generator', MANY_LOGS]]) {
    if (!existsSync(p)) throw new Error(`${what} is missing (${p}): run npm run build first`);
  }
  execFileSync('zip', ['-v'], { stdio: 'ignore' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-bench-bundle-'));
  try {
    const src = path.join(dir, 'DeviceLogs');
    log('generating a large device log bundle …');
    const made = JSON.parse(execFileSync(process.execPath, [MAKER, src], { encoding: 'utf8', maxBuffer: 16 * MB }));
    const zip = path.join(dir, 'DeviceLogs.zip');
    execFileSync('zip', ['-q', '-r', '-6', zip, '.'], { cwd: src });
    const zipMb = statSync(zip).size / MB;
    const rawMb = made.files.reduce((n, f) => n + f.bytes, 0) / MB;
    const evtxMb = made.evtx.reduce((n, f) => n + statSync(f).size, 0) / MB;
    log(`bundle: ${zipMb.toFixed(0)} MB zip, ${rawMb.toFixed(0)} MB uncompressed (${evtxMb.toFixed(0)} MB of event logs)`);

    // The best of three runs each: a shared machine makes single runs noisy (CPU time is printed alongside).
    const best = async (args) => {
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await measureCli(args));
      return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
    };
    const inventory = await best(['inventory', zip, '--json']);
    const analyze = await best(['analyze', zip, '--format', 'json']);
    const analyzeFolder = await best(['analyze', src, '--format', 'json']);
    const evtxexport = timeEvtxexport(made.evtx);
    const rows = [
      { what: 'mtr-doctor inventory (zip)', seconds: inventory.ms / 1000, cpuSeconds: inventory.cpuMs / 1000, peakRssMb: inventory.maxRssKb / 1024, exit: inventory.code },
      { what: 'mtr-doctor analyze (zip, end to end)', seconds: analyze.ms / 1000, cpuSeconds: analyze.cpuMs / 1000, peakRssMb: analyze.maxRssKb / 1024, exit: analyze.code },
      { what: 'mtr-doctor analyze (extracted folder)', seconds: analyzeFolder.ms / 1000, cpuSeconds: analyzeFolder.cpuMs / 1000, peakRssMb: analyzeFolder.maxRssKb / 1024, exit: analyzeFolder.code },
      { what: 'evtxexport -f xml (event logs only)', seconds: evtxexport.ms / 1000, cpuSeconds: null, peakRssMb: evtxexport.maxRssKb / 1024, exit: 0 },
    ];
    // Bundles of many valid event logs, side by side with the 200 MB bundle: memory must not grow with their number.
    const many = JSON.parse(execFileSync(process.execPath, [MANY_LOGS, path.join(dir, 'many')], { encoding: 'utf8' }));
    for (const [name, file] of Object.entries(many)) {
      for (const command of ['inventory', 'analyze']) {
        const r = await measureCli(command === 'inventory' ? ['inventory', file, '--json'] : ['analyze', file, '--format', 'json']);
        rows.push({ what: `mtr-doctor ${command} (${name})`, seconds: r.ms / 1000, cpuSeconds: r.cpuMs / 1000, peakRssMb: r.maxRssKb / 1024, exit: r.code, budgetMb: BUDGET_MB });
      }
    }
    log('');
    log(`${'run'.padEnd(52)} ${'seconds'.padStart(8)} ${'CPU s'.padStart(7)} ${'peak RSS'.padStart(10)}`);
    for (const r of rows) {
      log(`${r.what.padEnd(52)} ${r.seconds.toFixed(2).padStart(8)} ${(r.cpuSeconds === null ? '' : r.cpuSeconds.toFixed(2)).padStart(7)} ${`${r.peakRssMb.toFixed(0)} MB`.padStart(10)}`);
    }
    const over = rows.filter((r) => r.budgetMb && r.peakRssMb > r.budgetMb);
    log(`many-logs bundles (issue 23): peak RSS budget ${BUDGET_MB} MB per bundle: ${over.length === 0 ? 'all within' : `OVER: ${over.map((r) => r.what).join(', ')}`}`);
    log(`targets (issue 12): analyze ≤ 2.5 s and ≤ 250 MB; zip end to end now ${(analyze.ms / 1000).toFixed(2)} s, ${(analyze.maxRssKb / 1024).toFixed(0)} MB`);
    const ratio = evtxexport.ms / analyze.ms;
    log(`analyze end to end vs evtxexport dumping the same event logs: ${ratio.toFixed(1)}× ${ratio >= 1 ? 'faster' : 'slower'}`);
    return { zipMb, rawMb, evtxMb, rows, analyzeVsEvtxexport: ratio };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  benchBundle().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
