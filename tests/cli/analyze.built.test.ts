// `mtr-doctor analyze` and `inventory` as a technician runs them: the built CLI, real files, exit codes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../main/model/analysis';
import { analysisResultSchema } from '../../main/model/analysis-schema';
import { repoRoot } from '../support/app-harness';

const cli = path.join(repoRoot, 'dist/cli/mtr-doctor.js');
const sample = (id: string) => path.join(repoRoot, 'assets/samples', `${id}.zip`);
const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  if (!existsSync(cli)) throw new Error('dist/cli/mtr-doctor.js is missing: run `npm run build` first (npm test does).');
  // TMPDIR keeps the CLI's scratch folder inside this test's directory, so we can check it is left empty.
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, TMPDIR: dir } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('mtr-doctor analyze', () => {
  it('exits 0 on a healthy room and 1 when a check fails', () => {
    const healthy = run('analyze', sample('healthy'));
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toMatch(/pass {2}1\. Multifactor authentication/);
    const mfa = run('analyze', sample('mfa'));
    expect(mfa.code).toBe(1);
    expect(mfa.stdout).toMatch(/FAIL {2}1\. Multifactor authentication +MFA is required of the resource account: AADSTS50076/);
    expect(mfa.stdout).toMatch(/Fix:\n\s+1\. Exclude the resource account from MFA/);
  });

  it('analyses the embedded sample bundle when none is given, and says so', () => {
    const r = run('analyze', '--format', 'json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no bundle given, analysing the sample .*mixed\.zip/);
    expect(JSON.parse(r.stdout).input.name).toBe('mixed.zip');
  });

  it('--format json: the documented schema, exactly the seven checks in order', () => {
    const r = run('analyze', sample('network'), '--format', 'json');
    const json = JSON.parse(r.stdout) as unknown;
    const parsed = analysisResultSchema.parse(json);
    expect(parsed.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
    const net = parsed.checks.find((c) => c.id === 'network');
    expect(net?.status).toBe('fail');
    expect(net?.evidence[0]).toEqual({
      source: expect.any(String),
      locator: expect.stringMatching(/^record \d+ · event \d+$/),
      time: expect.stringMatching(/^2026-11-18T16:/),
      excerpt: expect.any(String),
      raw: expect.stringMatching(/^<Event /),
    });
    expect(parsed.timeline.length).toBeGreaterThan(0);
  });

  it('--format html: a self-contained findings sheet without scripts', () => {
    const out = path.join(dir, 'sheet.html');
    const r = run('analyze', sample('license'), '--format', 'html', '--out', out);
    expect(r.code).toBe(1);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<article class="sheet"/);
    expect(html).toMatch(/Teams Rooms license/);
    expect(html).toMatch(/get_skype_license/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
  });

  it('an --out it cannot write: exit 2 naming the file and why, nothing written beside it, an earlier file kept', () => {
    const box = path.join(dir, 'out-box');
    const folder = path.join(box, 'reports');
    mkdirSync(folder, { recursive: true });
    const asFolder = run('analyze', sample('mfa'), '--format', 'json', '--out', folder);
    expect(asFolder.code).toBe(2);
    expect(asFolder.stderr).toBe(`mtr-doctor: Cannot save ${folder}: that is a folder; give a file name.\n`);
    const missing = path.join(box, 'no-such-folder', 'mfa.txt');
    const noFolder = run('analyze', sample('mfa'), '--out', missing);
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toBe(`mtr-doctor: Cannot save ${missing}: its folder does not exist.\n`);
    expect(readdirSync(box)).toEqual(['reports']);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('--format pdf: Chromium prints the same sheet', () => {
    const out = path.join(dir, 'sheet.pdf');
    const r = run('analyze', sample('password'), '--format', 'pdf', '--out', out, '--notes', 'Password reset on site at 10:40.');
    expect(r.code).toBe(1);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/1 of 7 checks fail/);
    expect(text).toMatch(/AADSTS50055/);
    expect(text).toMatch(/Password reset on site at 10:40\./);
  });

  it('exits 2 with the reason on stderr for input it cannot analyse', () => {
    const missing = run('analyze', path.join(dir, 'nope.zip'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.zip does not exist/);
    const bogus = path.join(dir, 'bogus.zip');
    writeFileSync(bogus, 'not a zip');
    const notZip = run('analyze', bogus);
    expect(notZip.code).toBe(2);
    expect(notZip.stderr).toMatch(/bogus\.zip is not a zip archive, or it is truncated/);
    expect(run('analyze', sample('healthy'), '--format', 'docx').code).toBe(2);
    expect(run('analyze', '--frobnicate').code).toBe(2);
  });

  it('leaves nothing behind in its temp folder', () => {
    run('analyze', sample('mixed'));
    const scratch = path.join(dir, 'mtr-doctor');
    expect(existsSync(scratch) ? readdirSync(scratch) : []).toEqual([]);
  });
});


describe('mtr-doctor inventory', () => {
  it('lists event logs by the channel inside them, text logs, and exits 0', () => {
    const r = run('inventory', sample('healthy'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^healthy\.zip \(zip\): 8 files/);
    expect(r.stdout).toMatch(/Windows\/EventLog\/Microsoft-Windows-AAD_Operational\.evtx +\S+ \S+ +Microsoft-Windows-AAD\/Operational \[Microsoft-Windows-AAD\]/);
    expect(r.stdout).toMatch(/Text logs\n {2}App\/Microsoft\/Teams\/Logs\.txt/);
  });

  it('--json prints the same inventory the wizard shows', () => {
    const inv = JSON.parse(run('inventory', sample('mixed'), '--json').stdout);
    expect(inv.counts).toMatchObject({ files: 8, evtx: 4, textLogs: 2, other: 2, rejected: 0 });
    expect(inv.entries.find((e: { path: string }) => e.path.endsWith('Skype Room System.evtx'))).toMatchObject({ channel: 'Skype Room System', provider: 'SRS-App', identifiedBy: 'content' });
  });

  it('exits 2 on a bundle it cannot open', () => {
    const r = run('inventory', path.join(dir, 'missing-folder'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing-folder does not exist/);
  });
});
