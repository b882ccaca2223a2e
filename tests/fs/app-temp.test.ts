// The sweep of stale sessions: removes old session folders of crashed or killed runs and nothing else.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppTemp, removeOwnSessionsSync } from '../../main/fs/app-temp';

let base: string;
beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'mtr-sweep-'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const DAY = 24 * 3600 * 1000;
function age(p: string, ms: number): void {
  const t = new Date(Date.now() - ms);
  utimesSync(p, t, t);
}

describe('AppTemp.sweep', () => {
  it('removes session folders older than a day, keeps fresh ones and everything not a session folder', async () => {
    const temp = new AppTemp(path.join(base, 'mtr-doctor'));
    const old = await temp.createSession();
    writeFileSync(path.join(old, 'entry-0.evtx'), 'x');
    age(old, 2 * DAY);
    const fresh = await temp.createSession();
    const outside = path.join(base, 'precious');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'keep.txt'), 'keep');
    const link = path.join(temp.root, 'session-link');
    symlinkSync(outside, link);
    const notSession = path.join(temp.root, 'notes');
    mkdirSync(notSession);
    age(notSession, 3 * DAY);
    const fileNamedSession = path.join(temp.root, 'session-file');
    writeFileSync(fileNamedSession, 'x');
    age(fileNamedSession, 3 * DAY);

    expect(await temp.sweep()).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(path.join(outside, 'keep.txt'))).toBe(true);
    expect(existsSync(link)).toBe(true);
    expect(existsSync(notSession)).toBe(true);
    expect(existsSync(fileNamedSession)).toBe(true);
  });

  it('sweeps nothing when the root is a link to somewhere else', async () => {
    const elsewhere = path.join(base, 'elsewhere');
    const stale = path.join(elsewhere, 'session-abc');
    mkdirSync(stale, { recursive: true });
    age(stale, 2 * DAY);
    symlinkSync(elsewhere, path.join(base, 'mtr-doctor'));
    expect(await new AppTemp(path.join(base, 'mtr-doctor')).sweep()).toBe(0);
    expect(existsSync(stale)).toBe(true);
  });

  it("removes this process's sessions synchronously (for a signal handler) and no other process's", async () => {
    const temp = new AppTemp(path.join(base, 'mtr-doctor'));
    const a = await temp.createSession();
    const b = await temp.createSession();
    await temp.removeSession(b);
    expect(existsSync(b)).toBe(false);
    expect(path.basename(a)).toMatch(new RegExp(`^session-${process.pid}-`));
    const other = path.join(temp.root, 'session-1-abcdef');
    mkdirSync(other);
    removeOwnSessionsSync();
    expect(existsSync(a)).toBe(false);
    expect(existsSync(other)).toBe(true);
  });
});
