// Many bundles at once, as a technician runs it: the built CLI and its worker threads over a folder of the
// nine sample bundles plus a corrupt zip and a zip that is not a bundle.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseFleet, FleetCancelledError } from '../../main/analysis/fleet';
import { CHECK_IDS } from '../../main/model/analysis';
import { fleetResultSchema } from '../../main/model/fleet-schema';
import { FLEET_CSV_HEADER } from '../../main/report/fleet-text';
import { repoRoot } from '../support/app-harness';
import { buildZip } from '../support/zip-builder';

const cli = path.join(repoRoot, 'dist/cli/mtr-doctor.js');
const samples = path.join(repoRoot, 'assets/samples');
const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-fleet-'));
const fleetDir = path.join(dir, 'rooms');
mkdirSync(fleetDir);
for (const f of readdirSync(samples).filter((n) => n.endsWith('.zip'))) copyFileSync(path.join(samples, f), path.join(fleetDir, f));
writeFileSync(path.join(fleetDir, 'corrupt.zip'), readFileSync(path.join(samples, 'mfa.zip')).subarray(0, 4000));
writeFileSync(path.join(fleetDir, 'holiday-photos.zip'), buildZip([{ name: 'beach.jpg', data: Buffer.from('not a log') }]));
// A note beside the zips does not make the folder a device bundle.
writeFileSync(path.join(fleetDir, 'notes.txt'), 'rooms from the Friday visit');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  if (!existsSync(cli)) throw new Error('dist/cli/mtr-doctor.js is missing: run `npm run build` first (npm test does).');
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, TMPDIR: dir } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const scratchLeft = (root: string) => (existsSync(root) ? readdirSync(root) : []);

/** Expected: each sample's failing check, the first check to fix. */
const FAILING: Record<string, string> = {
  'conditional-access.zip': 'conditional-access',
  'credentials.zip': 'credentials',
  'license.zip': 'license',
  'mailbox.zip': 'mailbox',
  'mfa.zip': 'mfa',
  'network.zip': 'network',
  'password.zip': 'password',
};

describe('mtr-doctor analyze <folder of zips>', () => {
  it('text: an aligned table with status words, refused bundles named, exit 1', () => {
    const r = run('analyze', fleetDir, '--workers', '2');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/: 9 rooms analysed: 8 failing, 0 undecided, 1 all clear · 2 refused$/);
    const head = lines.find((l) => l.startsWith('File'));
    expect(head).toMatch(/File +Room +Computer +App +Account +MFA +CA +Password +Creds +Network +Mailbox +License +Since +Do this first/);
    // Aligned: every room row starts its MFA column where the head does.
    const col = (head as string).indexOf('MFA ');
    const rows = lines.filter((l) => /^\S+\.zip /.test(l));
    expect(rows).toHaveLength(9);
    for (const row of rows) expect(row.slice(col, col + 4)).toMatch(/^(pass|FAIL|warn|no d)/);
    expect(rows.find((l) => l.startsWith('healthy.zip'))).toMatch(/all clear$/);
    expect(rows.find((l) => l.startsWith('password.zip'))).toMatch(/pass +pass +FAIL +pass .* 2026-11-18 08:00 UTC +Expired password \(failing now\)$/);
    expect(r.stdout).toMatch(/Refused \(not analysed\):\n.*corrupt\.zip: corrupt\.zip is not a zip archive/);
    expect(r.stdout).toMatch(/holiday-photos\.zip: .*is not a Teams Rooms device log bundle/);
    expect(r.stderr).toMatch(/\[11\/11\] (analysed|refused) /);
    expect(scratchLeft(path.join(dir, 'mtr-doctor'))).toEqual([]);
  });

  it('csv: a header row, one row per room and per refused bundle, the first check to fix', () => {
    const r = run('analyze', fleetDir, '--format', 'csv');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(FLEET_CSV_HEADER.join(','));
    expect(lines).toHaveLength(1 + 11);
    const byFile = new Map(lines.slice(1).map((l) => [path.basename(l.split(',')[0] as string), l]));
    for (const [file, check] of Object.entries(FAILING)) {
      const cells = (byFile.get(file) as string).split(',');
      expect(cells[5 + CHECK_IDS.indexOf(check as (typeof CHECK_IDS)[number])]).toBe('fail');
      expect(cells[12]).toBe(check);
    }
    expect(byFile.get('healthy.zip')).toMatch(/,pass,pass,pass,pass,pass,pass,pass,,,,,all-clear,$/);
    // mixed: Conditional Access (stage 3) before the license (stage 4), both failing now.
    expect(byFile.get('mixed.zip')).toMatch(/,conditional-access,fail,2026-11-18T/);
    expect(byFile.get('corrupt.zip')).toMatch(/,refused,"corrupt\.zip is not a zip archive, or it is truncated \(no central directory at its end\)\."$/);
  });

  it('json: the fleet schema, each room with its full analysis; exit codes follow the worst room', () => {
    const r = run('analyze', path.join(fleetDir, 'healthy.zip'), path.join(fleetDir, 'mfa.zip'), '--format', 'json');
    expect(r.code).toBe(1);
    const fleet = fleetResultSchema.parse(JSON.parse(r.stdout));
    expect(fleet.rows.map((x) => [path.basename(x.source), x.exitCode, x.firstToFix?.check ?? null])).toEqual([
      ['healthy.zip', 0, null],
      ['mfa.zip', 1, 'mfa'],
    ]);
    expect(fleet.rows[1]?.analysis.checks.find((c) => c.id === 'mfa')?.evidence.length).toBeGreaterThan(0);
    // Two healthy rooms: all clear, exit 0. Only refused bundles: exit 2.
    const healthyCopy = path.join(dir, 'healthy-2.zip');
    copyFileSync(path.join(samples, 'healthy.zip'), healthyCopy);
    expect(run('analyze', path.join(samples, 'healthy.zip'), healthyCopy).code).toBe(0);
    const none = run('analyze', path.join(fleetDir, 'corrupt.zip'), path.join(fleetDir, 'holiday-photos.zip'));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no bundle could be analysed/);
    // One healthy room and one refused bundle is not an all-clear.
    expect(run('analyze', path.join(samples, 'healthy.zip'), path.join(fleetDir, 'corrupt.zip')).code).toBe(1);
  });

  it('html: the one-page summary grid with glyph and word per cell, no scripts', () => {
    const out = path.join(dir, 'fleet.html');
    const r = run('analyze', fleetDir, '--format', 'html', '--out', out);
    expect(r.code).toBe(1);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/<table class="fleet-grid">/);
    expect(html.match(/<tr><th scope="row">/g)).toHaveLength(9);
    expect(html).toMatch(/badge-fail badge-sm"><span class="badge-glyph" aria-hidden="true">✕<\/span>Fail/);
    expect(html).toMatch(/Refused \(not analysed\)/);
  });
});

describe('cancel', () => {
  it('--tenant reads one account, so a folder that holds several bundles is refused with --tenant, naming them', () => {
    const r = run('analyze', fleetDir, '--tenant', 'contoso.onmicrosoft.com', '--account', 'room@contoso.com');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--tenant goes with one bundle, and .*rooms holds 11 \(conditional-access\.zip, corrupt\.zip, credentials\.zip, …\); give one room's bundle/);
    expect(r.stdout).toBe('');
  });

  it('analyseFleet: abort stops the workers and removes every session folder', async () => {
    const tempRoot = path.join(dir, 'cancel-root');
    const controller = new AbortController();
    const bundles = Array.from({ length: 6 }, () => path.join(samples, 'mixed.zip'));
    const run = analyseFleet(bundles, {
      concurrency: 2,
      tempRoot,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.state === 'started') controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(FleetCancelledError);
    expect(scratchLeft(tempRoot)).toEqual([]);
  });

  it("hands each room's row over with what its bundle held; a bundle that could not be opened has none", async () => {
    const tempRoot = path.join(dir, 'contents-root');
    const held: Array<{ outcome: string; name: string | null; evtx: number | null; files: string[] }> = [];
    await analyseFleet([path.join(fleetDir, 'mixed.zip'), path.join(fleetDir, 'corrupt.zip'), path.join(fleetDir, 'holiday-photos.zip')], {
      concurrency: 2,
      tempRoot,
      onRow: (index, outcome, inventory) => {
        held[index] = {
          outcome: 'analysis' in outcome ? 'room' : 'refused',
          name: inventory?.name ?? null,
          evtx: inventory?.counts.evtx ?? null,
          files: inventory?.entries.map((e) => e.path.split('/').pop() ?? '') ?? [],
        };
      },
    });
    expect(held[0]).toMatchObject({ outcome: 'room', name: 'mixed.zip' });
    expect(held[0]?.evtx).toBeGreaterThan(0);
    expect(held[0]?.files).toContain('Microsoft-Windows-AAD_Operational.evtx');
    expect(held[1]).toEqual({ outcome: 'refused', name: null, evtx: null, files: [] });
    // Not a bundle, but opened: refused, and what it held says why.
    expect(held[2]).toMatchObject({ outcome: 'refused', name: 'holiday-photos.zip', files: ['beach.jpg'] });
    expect(scratchLeft(tempRoot)).toEqual([]);
  });

  it('the CLI: Ctrl-C stops the run, exit 130, nothing left in the temp folder', async () => {
    const tmp = mkdtempSync(path.join(dir, 'sigint-'));
    // Twenty rooms (copies: the same file named twice is one room).
    const bundles = Array.from({ length: 20 }, (_, i) => path.join(tmp, `room-${i}.zip`));
    for (const b of bundles) copyFileSync(path.join(samples, 'mixed.zip'), b);
    const child = spawn(process.execPath, [cli, 'analyze', ...bundles, '--workers', '2'], { env: { ...process.env, TMPDIR: tmp } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!child.killed && /\[1\/20\]/.test(stderr)) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(stderr).toMatch(/cancelled/);
    expect(code).toBe(130);
    expect(scratchLeft(path.join(tmp, 'mtr-doctor'))).toEqual([]);
  });
});
