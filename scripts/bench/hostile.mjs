// Peak memory on crafted bundles (issue 9): each `mtr-doctor analyze --format json` and `inventory` runs in
// its own process, which reports its exit code, wall time and peak RSS. The reference is the same CLI on
// the healthy sample bundle, so the table reads as "how much more than a normal small bundle".
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(root, 'dist/cli/mtr-doctor.js');
const MAKER = path.join(root, 'dist/tools/make-hostile-bundles.js');
const MB = 1024 * 1024;

/** One CLI run in a fresh process (stdout to /dev/null): exit code, seconds, peak RSS. */
export function measureCliProcess(args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '@@%M', process.execPath, CLI, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env },
    });
    let err = '';
    const t0 = performance.now();
    child.stderr.on('data', (b) => (err += b));
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /@@(\d+)\s*$/.exec(err);
      // GNU time prefixes "Command exited with non-zero status N" to its own line.
      resolve({ code: /exited with non-zero status (\d+)/.exec(err)?.[1] ? Number(/exited with non-zero status (\d+)/.exec(err)[1]) : code, seconds: (performance.now() - t0) / 1000, peakRssMb: m ? Number(m[1]) / 1024 : NaN, stderr: err.replace(/(Command exited.*\n)?@@\d+\s*$/, '').trim() });
    });
  });
}

export async function benchHostile({ log = console.log } = {}) {
  for (const [what, p] of [['the CLI', CLI], ['the hostile bundle generator', MAKER]]) {
    if (!existsSync(p)) throw new Error(`${what} is missing (${p}): run npm run build first`);
  }
  if (!existsSync('/usr/bin/time')) throw new Error('GNU time (/usr/bin/time) is needed to measure peak RSS');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-bench-hostile-'));
  try {
    const made = JSON.parse(execFileSync(process.execPath, [MAKER, dir], { encoding: 'utf8' }));
    const inputs = [['healthy sample (reference)', path.join(root, 'assets/samples/healthy.zip')], ...Object.entries(made)];
    const rows = [];
    for (const [name, file] of inputs) {
      const zipMb = statSync(file).isDirectory() ? 0 : statSync(file).size / MB;
      for (const args of [['inventory', file, '--json'], ['analyze', file, '--format', 'json']]) {
        const r = await measureCliProcess(args, { TMPDIR: dir });
        const firstLine = r.stderr.split('\n').find((l) => l.trim()) ?? '';
        rows.push({ bundle: name, zipMb, command: args[0], exit: r.code, seconds: r.seconds, peakRssMb: r.peakRssMb, message: firstLine.slice(0, 160) });
      }
    }
    const reference = rows.find((r) => r.bundle.startsWith('healthy') && r.command === 'analyze')?.peakRssMb ?? NaN;
    log(`${'bundle'.padEnd(28)} ${'zip'.padStart(8)} ${'command'.padEnd(10)} ${'exit'.padStart(4)} ${'seconds'.padStart(8)} ${'peak RSS'.padStart(10)} ${'× ref'.padStart(6)}`);
    for (const r of rows) {
      log(
        `${r.bundle.padEnd(28)} ${`${r.zipMb.toFixed(1)} MB`.padStart(8)} ${r.command.padEnd(10)} ${String(r.exit).padStart(4)} ${r.seconds.toFixed(2).padStart(8)} ${`${r.peakRssMb.toFixed(0)} MB`.padStart(10)} ${(r.peakRssMb / reference).toFixed(1).padStart(6)}`,
      );
      if (r.message) log(`    ${r.message}`);
    }
    return { rows, referencePeakRssMb: reference };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  benchHostile().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
