// Crafted bundles through the built CLI, as a technician would run it: the exit code, the message, the peak
// RSS of the process under a bound, and the temp folder empty afterwards, also after Ctrl-C mid-extraction.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/app-harness';
import { evtxHeader } from '../support/evtx-handmade';
import { overlapBomb, smallEntryBomb } from '../support/hostile-bundles';
import { buildZip } from '../support/zip-builder';

const cli = path.join(repoRoot, 'dist/cli/mtr-doctor.js');
const reporter = path.join(repoRoot, 'tests/support/rss-reporter.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-cli-hostile-'));
const tmp = path.join(dir, 'tmp');
mkdirSync(tmp);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Peak RSS allowed for a refused or small crafted bundle: the healthy sample peaks near 90 MB. */
const RSS_BOUND_MB = 250;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  peakRssMb: number;
}

function run(args: string[]): Run {
  if (!existsSync(cli)) throw new Error('dist/cli/mtr-doctor.js is missing: run `npm run build` first (npm test does).');
  const rssFile = path.join(dir, `rss-${Math.random().toString(36).slice(2)}`);
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(reporter).href, cli, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, TMPDIR: tmp, MTR_RSS_OUT: rssFile } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, peakRssMb: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

function scratch(): string[] {
  const root = path.join(tmp, 'mtr-doctor');
  return existsSync(root) ? readdirSync(root) : [];
}

function file(name: string, bytes: Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

const STACK = /\n\s+at .+[:(]\d+/;

describe('crafted bundles through the CLI', () => {
  it('overlap bomb: exit 2 naming the entries, bounded memory, nothing left in temp', () => {
    const r = run(['analyze', file('overlap.zip', overlapBomb(9990, Math.round(3.4 * 1024 * 1024))), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/overlap\.zip is refused as a zip bomb: entries share the same compressed bytes \(Windows\/EventLog\/log-0\.evtx and Windows\/EventLog\/log-1\.evtx/);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.peakRssMb).toBeLessThan(RSS_BOUND_MB);
    expect(scratch()).toEqual([]);
  });

  it('small-entry bomb: exit 2 with the declared total, bounded memory, nothing left in temp', () => {
    const r = run(['analyze', file('small.zip', smallEntryBomb(200))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/small\.zip is refused as a zip bomb: its 200 entries declare 600 MB from an archive of [\d.]+ MB/);
    expect(r.peakRssMb).toBeLessThan(RSS_BOUND_MB);
    expect(scratch()).toEqual([]);
  });

  it('duplicate names: both listed, the later renamed, with a warning; the real log is the one read', () => {
    const real = Buffer.from('Wed Jan 20 2021 13:20:53 GMT+0000 <1> -- error -- AuthenticationService: sign in failed: AADSTS50126 invalid username or password\n');
    const zip = file('dups.zip', buildZip([{ name: 'App/Microsoft/Teams/Logs.txt', data: real }, { name: 'App/Microsoft/Teams/Logs.txt', data: Buffer.from('garbage\n') }]));
    const inv = run(['inventory', zip]);
    expect(inv.code).toBe(0);
    expect(inv.stdout).toMatch(/App\/Microsoft\/Teams\/Logs\.txt +\d+ bytes\n {2}App\/Microsoft\/Teams\/Logs \(2\)\.txt/);
    expect(inv.stdout).toContain('dups.zip holds App/Microsoft/Teams/Logs.txt more than once; the copy stored later is listed as App/Microsoft/Teams/Logs (2).txt.');
    const analysed = run(['analyze', zip, '--format', 'json']);
    const result = JSON.parse(analysed.stdout) as { checks: { id: string; status: string }[]; warnings: { message: string }[] };
    expect(result.checks.find((c) => c.id === 'credentials')?.status).toBe('fail');
    expect(result.warnings.map((w) => w.message)).toContain('dups.zip holds App/Microsoft/Teams/Logs.txt more than once; the copy stored later is listed as App/Microsoft/Teams/Logs (2).txt.');
    expect(scratch()).toEqual([]);
  });

  it('escape sequences and bidi controls in entry names are shown escaped, never raw, in text output; a header-cut event log is reported', () => {
    const hostileLog = 'App/Microsoft/Teams/\u001b[2J\u001b[31mLogs\u0007\u202etxt.exe\nFAKE: all checks pass/Logs.txt';
    const hostileEvtx = 'Windows/EventLog/\u001b]0;pwned\u0007Microsoft-Windows-AAD%4Operational.evtx';
    const line = Buffer.from('Wed Jan 20 2021 13:20:53 GMT+0000 <1> -- error -- sign in failed: AADSTS50126 \u001b[32mall good\u001b[0m\n');
    const zip = file('escapes.zip', buildZip([{ name: hostileLog, data: line }, { name: hostileEvtx, data: evtxHeader(3).subarray(0, 2000) }]));
    for (const args of [['inventory', zip], ['analyze', zip, '--format', 'text']]) {
      const r = run(args);
      expect([0, 1]).toContain(r.code);
      // eslint-disable-next-line no-control-regex
      expect(r.stdout, args[0]).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
      expect(r.stdout, args[0]).toContain('\\x1b[2J\\x1b[31mLogs\\x07\\u202etxt.exe\\x0aFAKE: all checks pass/Logs.txt');
      expect(r.stdout.split('\n').some((l) => l.startsWith('FAKE'))).toBe(false);
    }
    const text = run(['analyze', zip, '--format', 'text']).stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/\\x1b\]0;pwned\\x07Microsoft-Windows-AAD%4Operational\.evtx: damaged event log: .*is truncated: it ends after 2000 bytes, inside its 4096-byte file header; its header declares 3 chunks/);
    expect(scratch()).toEqual([]);
  });

  it('a folder with a path longer than the system allows: a refusal naming it, exit 0', () => {
    const folder = path.join(dir, 'deep-bundle');
    mkdirSync(path.join(folder, 'App/Microsoft/Teams'), { recursive: true });
    writeFileSync(path.join(folder, 'App/Microsoft/Teams/Logs.txt'), 'Wed Jan 20 2021 13:20:53 GMT+0000 <1> -- info -- hello\n');
    const seg = 'd'.repeat(250);
    spawnSync(process.execPath, ['-e', `process.chdir(${JSON.stringify(folder)}); for (let i = 0; i < 20; i++) { fs.mkdirSync('${seg}'); process.chdir('${seg}'); } fs.writeFileSync('f.log', 'x');`]);
    const r = run(['inventory', folder]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stdout).toMatch(/Refused\n {2}(d{250}\/)+d{250}: skipped, its path is too long for this system\./);
    spawnSync('rm', ['-rf', folder]);
  });
});

describe('interrupted runs', () => {
  /**
   * A zip inside the bundle holding 24 event logs of 8 MiB (a valid header, then bytes that inflate slowly).
   * Event logs are read in place, but a nested zip is copied to temp to be opened: seconds of copying.
   */
  function slowBundle(): string {
    const block = randomBytes(16384);
    const data = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < data.length; i += block.length) block.copy(data, i);
    evtxHeader(0).copy(data, 0);
    const inner = buildZip(Array.from({ length: 24 }, (_, i) => ({ name: `Windows/EventLog/Log-${i}.evtx`, data })));
    return file('slow.zip', buildZip([{ name: 'Logs/device-logs.zip', data: inner }]));
  }

  /** Runs the CLI, sends `signal` once a session folder holds something (a copy under way), checks the exit and the cleanup. */
  async function interruptMidExtraction(args: string[], signal: NodeJS.Signals, code: number): Promise<void> {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    const t0 = Date.now();
    while (!scratch().some((s) => existsSync(path.join(tmp, 'mtr-doctor', s)) && readdirSync(path.join(tmp, 'mtr-doctor', s)).length > 0)) {
      if (Date.now() - t0 > 30_000) throw new Error(`no extraction seen: ${stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(stderr).not.toMatch(STACK);
    expect(scratch()).toEqual([]);
  }

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} mid-extraction: exit ${code}, the session folder removed`, async () => {
      const zip = slowBundle();
      await interruptMidExtraction(['analyze', zip, '--format', 'json'], signal, code);
    });
  }

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal} mid-fleet: exit ${code}, the run's folder and its workers' sessions removed`, async () => {
      const a = slowBundle();
      const b = file('slow-b.zip', readFileSync(a));
      // The run's folder holds a worker's session once a nested zip is being copied.
      await interruptMidExtraction(['analyze', a, b, '--format', 'json'], signal, code);
    });
  }

  it('a run that opened a nested zip leaves no empty mtr-doctor folder it made', () => {
    const root = path.join(tmp, 'mtr-doctor');
    rmSync(root, { recursive: true, force: true });
    const log = Buffer.from('Wed Jan 20 2021 13:20:53 GMT+0000 <1> -- info -- hello\n');
    const zip = file('nested.zip', buildZip([{ name: 'Logs/inner.zip', data: buildZip([{ name: 'App/Microsoft/Teams/Logs.txt', data: log }]) }]));
    for (const command of ['inventory', 'analyze']) {
      expect(run([command, zip]).code, command).not.toBe(2);
      expect(existsSync(root), command).toBe(false);
    }
    // A root that was there before is not ours: it stays.
    mkdirSync(root);
    expect(run(['inventory', zip]).code).toBe(0);
    expect(existsSync(root)).toBe(true);
    expect(scratch()).toEqual([]);
  });

  it('every start sweeps session folders older than a day, and nothing else', () => {
    const root = path.join(tmp, 'mtr-doctor');
    mkdirSync(root, { recursive: true });
    const stale = path.join(root, 'session-99999-stale1');
    const fresh = path.join(root, 'session-99999-fresh1');
    const other = path.join(root, 'keep-me');
    for (const d of [stale, fresh, other]) mkdirSync(d);
    writeFileSync(path.join(stale, 'entry-0.evtx'), 'x');
    const old = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    for (const d of [stale, other]) utimesSync(d, old, old);
    expect(run(['inventory', path.join(repoRoot, 'assets/samples/healthy.zip')]).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(other)).toBe(true);
    rmSync(fresh, { recursive: true });
    rmSync(other, { recursive: true });
  });
});
