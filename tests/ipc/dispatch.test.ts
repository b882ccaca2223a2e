// The IPC gate: only our own page may call, only known channels, only well-formed payloads.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compose } from '../../main/app/composition-root';
import { CHANNELS, PRELOAD_CHANNELS } from '../../main/ipc/contract';
import { dispatch, isTrustedSenderUrl } from '../../main/ipc/dispatch';
import { registerIpc, type InvokeEventLike } from '../../main/ipc/register';
import { requestSchemas } from '../../main/ipc/request-schemas';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-ipc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dialogAnswers: (string | null)[] = [];
const saveAnswers: (string | null)[] = [];
const { handlers } = compose({
  appInfo: { name: 'MTR Doctor', version: '1.2.3', platform: 'linux' },
  assetsDir: path.join(dir, 'no-assets'),
  tempRoot: path.join(dir, 'temp'),
  chooseBundle: async () => dialogAnswers.shift() ?? null,
  chooseSavePath: async () => saveAnswers.shift() ?? null,
  tenant: { settingsFile: path.join(dir, 'tenant.json'), openBrowserFor: () => async () => undefined },
  openUrl: async () => undefined,
  revealFile: async () => undefined,
});
const noWindow = { print: async () => false, printToPdf: async () => new Uint8Array() };
const ctx = { emit: () => undefined, sender: noWindow };
const APP = 'app://mtr-doctor/index.html';

describe('IPC sender check', () => {
  it.each([
    [APP, true],
    ['app://mtr-doctor/', true],
    ['app://evil/index.html', false],
    ['https://mtr-doctor/', false],
    ['file:///opt/mtr/index.html', false],
    ['', false],
    [null, false],
  ])('%s → %s', (url, trusted) => {
    expect(isTrustedSenderUrl(url)).toBe(trusted);
  });

  it('refuses a call from another origin before the handler runs', async () => {
    const r = await dispatch(handlers, 'app:info', undefined, 'https://evil.example/', ctx);
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'untrusted-sender' }) });
  });
});

describe('IPC payload validation', () => {
  it('answers a valid request', async () => {
    expect(await dispatch(handlers, 'app:info', undefined, APP, ctx)).toEqual({
      ok: true,
      value: { name: 'MTR Doctor', version: '1.2.3', platform: 'linux' },
    });
  });

  it.each([
    ['bundle:open', { jobId: 'j1' }],
    ['bundle:open', { jobId: 'j1', source: { kind: 'path', path: '' } }],
    ['bundle:open', { jobId: 'j1', source: { kind: 'path', path: 'a\0b' } }],
    ['bundle:open', { jobId: '../../x', source: { kind: 'path', path: '/tmp/x.zip' } }],
    ['bundle:open', { jobId: 'j1', source: { kind: 'path', path: '/tmp/x.zip' }, extra: 1 }],
    ['bundle:open', { jobId: 'j1', source: { kind: 'sample', id: '../../etc/passwd' } }],
    ['bundle:open', { jobId: 'j1', source: { kind: 'handle', handle: '/etc' } }],
    ['bundle:open', { jobId: 'j1', source: { kind: 'handle', handle: '\\\\fileserver\\share' } }],
    ['file:dropped', { path: '' }],
    ['file:dropped', { path: 'a\0b' }],
    ['bundle:close', { bundleId: 'not-a-uuid' }],
    ['bundle:choose', { kind: 'network-share' }],
    ['link:open', { url: 42 }],
    ['app:info', { sneaky: true }],
    ['report:reveal', { path: '/etc/passwd', how: 'open' }],
    ['report:reveal', { handle: '/etc/passwd', how: 'open' }],
    // The fleet takes handles only, a bounded number of them.
    ['fleet:run', { jobId: 'j1', handles: ['/home/tech/rooms'] }],
    ['fleet:run', { jobId: 'j1', handles: [] }],
    ['fleet:run', { jobId: 'j1', handles: Array.from({ length: 257 }, () => '6f1c1a52-3f4e-4c2b-9d55-0f3b8a4c2e11') }],
    ['fleet:inputs', { paths: ['/tmp/a.zip'] }],
    ['fleet:room', { fleetId: '6f1c1a52-3f4e-4c2b-9d55-0f3b8a4c2e11', index: -1 }],
    ['fleet:room', { fleetId: '../x', index: 0 }],
    ['fleet:saveCsv', { fleetId: '6f1c1a52-3f4e-4c2b-9d55-0f3b8a4c2e11', path: '/tmp/out.csv' }],
    // The tenant joins one bundle: an open one or a fleet's room, never both, and a room by id and place only.
    ['tenant:analyze', { jobId: 'j1', account: null, days: 7, bundleId: '6f1c1a52-3f4e-4c2b-9d55-0f3b8a4c2e11', fleetRoom: { fleetId: '6f1c1a52-3f4e-4c2b-9d55-0f3b8a4c2e11', index: 0 } }],
    ['tenant:analyze', { jobId: 'j1', account: null, days: 7, bundleId: null, fleetRoom: { fleetId: '6f1c1a52-3f4e-4c2b-9d55-0f3b8a4c2e11', index: 0, path: '/tmp/a.zip' } }],
    ['tenant:analyze', { jobId: 'j1', account: null, days: 7, bundleId: null, fleetRoom: { fleetId: 'rooms', index: 0 } }],
    ['report:savePdf', { suggestedName: 'a.pdf', landscape: 'yes' }],
  ])('refuses %s with %j', async (channel, payload) => {
    const r = await dispatch(handlers, channel, payload, APP, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-request');
      expect(r.error.message).toMatch(new RegExp(`^Refused ${channel}: `));
    }
  });

  it('refuses an unknown channel', async () => {
    const r = await dispatch(handlers, 'fs:readFile', { path: '/etc/passwd' }, APP, ctx);
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown-channel' }) });
  });

  it('runs a fleet only over handles main issued, and knows no fleet it did not run', async () => {
    const made = '6f1c2a5e-8f0b-4c1e-9d2a-3b4c5d6e7f80';
    expect(await dispatch(handlers, 'fleet:run', { jobId: 'j4', handles: [made] }, APP, ctx)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'refused', message: expect.stringMatching(/not chosen in this window/) }),
    });
    expect(await dispatch(handlers, 'fleet:room', { fleetId: made, index: 0 }, APP, ctx)).toEqual({ ok: false, error: expect.objectContaining({ code: 'not-found' }) });
    expect(await dispatch(handlers, 'fleet:saveCsv', { fleetId: made }, APP, ctx)).toEqual({ ok: false, error: expect.objectContaining({ code: 'not-found' }) });
  });

  it('a save that fails says which file and why, and nothing is left beside it', async () => {
    const folder = path.join(dir, 'reports');
    mkdirSync(folder);
    saveAnswers.push(folder);
    expect(await dispatch(handlers, 'report:savePdf', { suggestedName: 'Room 1 - findings' }, APP, ctx)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'save-failed', message: `Cannot save ${folder}: that is a folder; give a file name.` }),
    });
    saveAnswers.push(path.join(dir, 'no-such-folder', 'Room 1 - findings.pdf'));
    expect(await dispatch(handlers, 'report:savePdf', { suggestedName: 'Room 1 - findings' }, APP, ctx)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'save-failed', message: expect.stringMatching(/: its folder does not exist\.$/) }),
    });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('opens only files this session saved, by the handle main issued', async () => {
    const r = await dispatch(handlers, 'report:reveal', { handle: '6f1c1a52-3f4e-4c2b-9d55-0f3b8a4c2e11', how: 'folder' }, APP, ctx);
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'not-found' }) });
  });

  it('turns a handler failure into a message naming the file', async () => {
    const dropped = await dispatch(handlers, 'file:dropped', { path: path.join(dir, 'missing.zip') }, APP, ctx);
    if (!dropped.ok) throw new Error(dropped.error.message);
    const grant = dropped.value as { handle: string; name: string };
    expect(grant.name).toBe('missing.zip');
    const r = await dispatch(handlers, 'bundle:open', { jobId: 'j2', source: { kind: 'handle', handle: grant.handle } }, APP, ctx);
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'not-found', file: 'missing.zip' }) });
  });
});

describe('IPC file handles', () => {
  it('opens only what main issued a handle for: a made-up handle is refused', async () => {
    const r = await dispatch(handlers, 'bundle:open', { jobId: 'j3', source: { kind: 'handle', handle: '6f1c2a5e-8f0b-4c1e-9d2a-3b4c5d6e7f80' } }, APP, ctx);
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'refused', message: expect.stringMatching(/not chosen in this window/) }) });
  });

  it('refuses a dropped UNC or device path, but accepts one picked in the dialog', async () => {
    for (const p of ['\\\\fileserver\\logs\\room.zip', '\\\\?\\C:\\room.zip', '//fileserver/logs/room.zip']) {
      const r = await dispatch(handlers, 'file:dropped', { path: p }, APP, ctx);
      expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'refused', file: 'room.zip', message: expect.stringMatching(/network share or a device path/) }) });
    }
    dialogAnswers.push('\\\\fileserver\\logs\\room.zip');
    const picked = await dispatch(handlers, 'bundle:choose', { kind: 'zip' }, APP, ctx);
    expect(picked).toEqual({ ok: true, value: { files: [{ handle: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'room.zip' }] } });
    expect(await dispatch(handlers, 'bundle:choose', { kind: 'zip' }, APP, ctx)).toEqual({ ok: true, value: { files: [] } });
  });
});

describe('IPC registration', () => {
  it('registers exactly the contract channels, each with a schema, and checks the sender frame', async () => {
    const registered = new Map<string, (e: InvokeEventLike, p: unknown) => Promise<unknown>>();
    registerIpc({ handle: (c, l) => registered.set(c, l) }, handlers, () => noWindow);
    expect([...registered.keys()].sort()).toEqual([...CHANNELS, ...PRELOAD_CHANNELS].sort());
    expect(Object.keys(requestSchemas).sort()).toEqual([...CHANNELS, ...PRELOAD_CHANNELS].sort());
    const sender = { send: () => undefined };
    const listener = registered.get('app:info');
    expect(await listener?.({ senderFrame: { url: 'https://evil.example/' }, sender }, undefined)).toMatchObject({ ok: false });
    expect(await listener?.({ senderFrame: null, sender }, undefined)).toMatchObject({ ok: false });
    expect(await listener?.({ senderFrame: { url: APP }, sender }, undefined)).toMatchObject({ ok: true });
  });
});
