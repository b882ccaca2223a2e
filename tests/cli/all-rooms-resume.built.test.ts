// A long all-rooms run killed halfway (SIGKILL: no chance to clean up) leaves a valid journal of the rooms it
// finished, and --resume finishes it to the same result as a run that was never interrupted.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetResultSchema } from '../../main/model/fleet-schema';
import { repoRoot } from '../support/app-harness';
import { enterDeviceCode, startFakeTenant, type FakeTenant } from '../support/fake-tenant';

const cli = path.join(repoRoot, 'dist/cli/mtr-doctor.js');
const ROOMS = 90;
let tenant: FakeTenant;
const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-all-rooms-'));

beforeAll(async () => {
  // 20 reads a second: the run takes several seconds, long enough to be killed in the middle.
  tenant = await startFakeTenant({ rooms: ROOMS, now: new Date(), graph: { rateLimit: { max: 20, windowMs: 1000, retryAfterSeconds: 1 } } });
});
afterAll(async () => {
  await tenant?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI signed in with a device code; `killAfter` room lines on stderr, the process is killed outright. */
function run(args: string[], killAfter?: number): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  if (!existsSync(cli)) throw new Error('dist/cli/mtr-doctor.js is missing: run `npm run build` first (npm test does).');
  const base = ['analyze', '--tenant', tenant.tenantId, '--all-rooms', '--client-id', tenant.clientId, '--login-url', tenant.loginUrl, '--graph-url', tenant.graphUrl];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...base, ...args], { env: { ...process.env, TMPDIR: dir }, cwd: dir });
    let stderr = '';
    let entered = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /open the page (\S+) and enter the code (\S+)/.exec(stderr);
      if (m && !entered) {
        entered = true;
        void enterDeviceCode(m[1] as string, (m[2] as string).replace(/[^A-Z0-9]/gi, '')).catch(reject);
      }
      if (killAfter !== undefined && (stderr.match(/\] room-\d{4}@/g) ?? []).length >= killAfter) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

const jsonLines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { kind: string; row?: { source: string } });

describe('mtr-doctor analyze --all-rooms, killed and resumed', () => {
  it('keeps every finished room on disk and resumes to the result of an uninterrupted run', async () => {
    const out = path.join(dir, 'rooms.json');
    const journal = `${out}.rooms.jsonl`;
    const killed = await run(['--format', 'json', '--out', out], 25);
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);

    // What was finished is on disk: a header, then whole room lines (a torn last line is cut off on resume).
    const text = readFileSync(journal, 'utf8');
    const whole = text.slice(0, text.lastIndexOf('\n') + 1);
    const lines = whole
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { kind: string; row?: { source: string } });
    expect(lines[0]?.kind).toBe('mtr-doctor-all-rooms');
    const finished = lines.filter((l) => l.kind === 'room');
    expect(finished.length).toBeGreaterThanOrEqual(24);
    expect(finished.length).toBeLessThan(ROOMS);
    expect(lines.some((l) => l.kind === 'end')).toBe(false);

    // The same run, never interrupted: a journal with the killed run's header (same tenant and moment) and no room.
    const reference = path.join(dir, 'reference.json');
    writeFileSync(`${reference}.rooms.jsonl`, `${text.slice(0, text.indexOf('\n') + 1)}`);
    const whole1 = await run(['--resume', `${reference}.rooms.jsonl`, '--format', 'json', '--out', reference]);
    expect(whole1.code).toBe(1);

    const resumed = await run(['--resume', journal, '--format', 'json', '--out', out]);
    expect(resumed.stderr).toMatch(new RegExp(`continuing .*rooms\\.json\\.rooms\\.jsonl: ${finished.length} rooms were finished`));
    expect(resumed.code).toBe(1);
    // Each room once in the journal: the finished ones were not read again.
    const all = jsonLines(journal).filter((l) => l.kind === 'room').map((l) => l.row?.source);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(ROOMS);

    const a = fleetResultSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    const b = fleetResultSchema.parse(JSON.parse(readFileSync(reference, 'utf8')));
    expect(a.rows).toHaveLength(ROOMS);
    // Requests spent differ (the resumed run read fewer rooms); everything about the rooms is the same.
    delete a.requests;
    delete b.requests;
    expect(a).toEqual(b);
  }, 120_000);
});
