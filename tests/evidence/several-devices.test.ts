// Two rooms' logs in one bundle (a zip of two device folders, a folder of two extracted bundles): the healthy
// room's heartbeats must never pass the failing room's checks. As one bundle no check passes on the mix; as a
// folder, each device folder is a room of its own. A renamed device (one name after the other) is not a mix.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../main/analysis/analyse';
import { expandFleetInputs } from '../../main/analysis/fleet-inputs';
import { openBundle } from '../../main/bundle/open-bundle';
import { DeviceSpans, overlappingDevices } from '../../main/evidence/device-spans';
import { AppTemp } from '../../main/fs/app-temp';
import type { AnalysisResult } from '../../main/model/analysis';
import { analysisResultSchema } from '../../main/model/analysis-schema';
import { writeBundleFolder, writeBundleZip } from '../support/bundles/build';
import { HUDDLE_5X } from '../support/bundles/device';
import { scenario } from '../support/bundles/scenarios';

const NOW = new Date('2026-11-19T08:00:00Z');
let dir: string;
let site: string;

async function analyseOne(input: string): Promise<AnalysisResult> {
  const bundle = await openBundle(input, { temp: new AppTemp(path.join(dir, 'app-temp')) });
  try {
    return await analyse({ bundle: { open: bundle } }, { now: NOW });
  } finally {
    await bundle.close();
  }
}

const statuses = (r: AnalysisResult) => Object.fromEntries(r.checks.map((c) => [c.id, c.status]));

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-several-'));
  site = path.join(dir, 'site');
  // The boardroom fails MFA; the huddle room, another computer and account, is healthy over the same hours.
  await writeBundleFolder(scenario('mfa'), path.join(site, 'boardroom'));
  await writeBundleFolder({ ...scenario('healthy'), device: HUDDLE_5X }, path.join(site, 'huddle'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a bundle that holds several devices', () => {
  it('as one bundle: no check passes on the mix, the warning names both devices and their logs', async () => {
    const alone = [await analyseOne(path.join(site, 'boardroom')), await analyseOne(path.join(site, 'huddle'))];
    // Each room alone has passes: the mix is what takes them away.
    for (const r of alone) expect(r.checks.some((c) => c.status === 'pass')).toBe(true);

    const mixed = await analyseOne(site);
    expect(analysisResultSchema.safeParse(mixed).success).toBe(true);
    expect(mixed.checks.filter((c) => c.status === 'pass')).toEqual([]);
    const demoted = mixed.checks.filter((c) => c.reason.code === 'several-devices');
    expect(demoted.length).toBeGreaterThan(0);
    for (const c of demoted) {
      expect(c.status).toBe('unknown');
      expect(c.summary).toMatch(/^Not judged: the bundle mixes 2 devices' logs \((MTR-BOARDRM-01, MTR-HUDDLE-07|MTR-HUDDLE-07, MTR-BOARDRM-01)\), and the health seen may be another device's\. Seen: /);
    }
    // The sheet's device line names both, not the first one found.
    expect(mixed.device.computer?.split(' + ').sort()).toEqual(['MTR-BOARDRM-01', 'MTR-HUDDLE-07']);
    // What fails in one room is still shown as failing.
    expect(mixed.checks.find((c) => c.id === 'mfa')?.status).toBe('fail');
    const warning = mixed.warnings.find((w) => w.message.includes('holds the logs of 2 devices'));
    expect(warning?.message).toContain('MTR-BOARDRM-01 (boardroom/Windows/EventLog/');
    expect(warning?.message).toContain('MTR-HUDDLE-07 (huddle/Windows/EventLog/');
  }, 60_000);

  it('zipped together, the same: the zip is one bundle and nothing passes on it', async () => {
    const zip = path.join(dir, 'both.zip');
    // Two device folders in one archive, as a technician zipping a site's logs would make.
    const one = path.join(dir, 'one.zip');
    const two = path.join(dir, 'two.zip');
    await writeBundleZip(scenario('mfa'), one);
    await writeBundleZip({ ...scenario('healthy'), device: HUDDLE_5X }, two);
    const { execFileSync } = await import('node:child_process');
    execFileSync('zip', ['-q', '-j', zip, one, two]);
    const r = await analyseOne(zip);
    expect(r.checks.filter((c) => c.status === 'pass')).toEqual([]);
    expect(r.warnings.some((w) => w.message.includes('holds the logs of 2 devices'))).toBe(true);
  }, 60_000);

  it('as a folder for the fleet: each device folder is a room, with the verdicts it has alone', async () => {
    const { bundles, fleet } = await expandFleetInputs([site]);
    expect(fleet).toBe(true);
    expect(bundles).toEqual([path.join(site, 'boardroom'), path.join(site, 'huddle')]);
    const [boardroom, huddle] = [await analyseOne(bundles[0] as string), await analyseOne(bundles[1] as string)];
    for (const r of [boardroom, huddle]) expect(r.warnings.some((w) => w.message.includes('devices over the same hours'))).toBe(false);
    expect(boardroom.device.computer).toBe('MTR-BOARDRM-01');
    expect(statuses(boardroom).mfa).toBe('fail');
    expect(huddle.device.computer).toBe('MTR-HUDDLE-07');
    expect(Object.values(statuses(huddle))).not.toContain('fail');
    expect(Object.values(statuses(huddle))).toContain('pass');
  }, 60_000);
});

describe('which folders are a fleet', () => {
  it("a bundle's own subfolders (Windows, App, Config) never split it; nested zips are found; a bundle named twice is one", async () => {
    const root = path.join(dir, 'inputs');
    const device = path.join(root, 'device');
    mkdirSync(path.join(device, 'Windows/EventLog'), { recursive: true });
    mkdirSync(path.join(device, 'App/Microsoft/Teams'), { recursive: true });
    mkdirSync(path.join(device, 'Archive'), { recursive: true });
    writeFileSync(path.join(device, 'Windows/EventLog/Skype Room System.evtx'), '');
    writeFileSync(path.join(device, 'Archive/Archive-Skype Room System.evtx'), '');
    writeFileSync(path.join(device, 'App/Microsoft/Teams/Logs.txt'), 'log');
    expect(await expandFleetInputs([device])).toEqual({ bundles: [device], fleet: false });
    // Other folders with event logs beside the bundle's own Windows/ do not make it a folder of rooms.
    mkdirSync(path.join(device, 'Exports/Rigel-2026-11-18'), { recursive: true });
    mkdirSync(path.join(device, 'Backup'), { recursive: true });
    writeFileSync(path.join(device, 'Exports/Rigel-2026-11-18/Application.evtx'), '');
    writeFileSync(path.join(device, 'Backup/System.evtx'), '');
    expect(await expandFleetInputs([device])).toEqual({ bundles: [device], fleet: false });
    // One extracted bundle inside a folder of its own name (a zip nested one folder deep) is still one bundle.
    const wrapped = path.join(root, 'wrapped');
    mkdirSync(path.join(wrapped, 'MTR-01-logs/Windows/EventLog'), { recursive: true });
    writeFileSync(path.join(wrapped, 'MTR-01-logs/Windows/EventLog/x.evtx'), '');
    expect(await expandFleetInputs([wrapped])).toEqual({ bundles: [wrapped], fleet: false });

    // Rooms whose logs are only Teams logs are rooms too: their licence lines must not pass each other's checks.
    const teamsOnly = path.join(root, 'teams-only');
    for (const room of ['lobby', 'boardroom']) {
      mkdirSync(path.join(teamsOnly, room, 'App/Microsoft/Teams'), { recursive: true });
      writeFileSync(path.join(teamsOnly, room, 'App/Microsoft/Teams/Logs.txt'), 'log');
    }
    expect(await expandFleetInputs([teamsOnly])).toEqual({ bundles: [path.join(teamsOnly, 'boardroom'), path.join(teamsOnly, 'lobby')], fleet: true });
    // Any .log in two other folders beside one device's logs does not make rooms of them.
    const oneDevice = path.join(root, 'one-device');
    mkdirSync(path.join(oneDevice, 'MTR-01-logs/Windows/EventLog'), { recursive: true });
    writeFileSync(path.join(oneDevice, 'MTR-01-logs/Windows/EventLog/x.evtx'), '');
    for (const other of ['Diagnostics', 'Setup']) {
      mkdirSync(path.join(oneDevice, other), { recursive: true });
      writeFileSync(path.join(oneDevice, other, `${other}.log`), 'x');
    }
    expect(await expandFleetInputs([oneDevice])).toEqual({ bundles: [oneDevice], fleet: false });

    const visits = path.join(root, 'visits');
    mkdirSync(path.join(visits, 'building-a'), { recursive: true });
    mkdirSync(path.join(visits, 'building-b/floor-2'), { recursive: true });
    writeFileSync(path.join(visits, 'building-a/room1.zip'), '');
    writeFileSync(path.join(visits, 'building-b/floor-2/room2.ZIP'), '');
    writeFileSync(path.join(visits, 'notes.txt'), 'Friday');
    expect(await expandFleetInputs([visits])).toEqual({ bundles: [path.join(visits, 'building-a/room1.zip'), path.join(visits, 'building-b/floor-2/room2.ZIP')], fleet: true });

    const a = path.join(visits, 'building-a/room1.zip');
    expect(await expandFleetInputs([a, path.join(visits, 'building-a/../building-a/room1.zip')])).toEqual({ bundles: [a], fleet: false });
  });
});

describe('device spans', () => {
  const span = (computer: string, from: string, to: string, source = 'x.evtx') => {
    const d = new DeviceSpans();
    d.see(computer, from, source);
    d.see(computer, to, source);
    return d.spans[0] as NonNullable<DeviceSpans['spans'][number]>;
  };

  it('a renamed device (one name after the other) is not a mix; names over the same hours are', () => {
    expect(overlappingDevices([span('DESKTOP-4F2K', '2026-11-01T08:00:00Z', '2026-11-02T09:00:00Z'), span('MTR-ROOM-1', '2026-11-02T09:05:00Z', '2026-11-19T05:00:00Z')])).toEqual([]);
    const a = span('MTR-A', '2026-11-17T06:00:00Z', '2026-11-19T05:55:00Z');
    const b = span('MTR-B', '2026-11-18T06:00:00Z', '2026-11-18T07:00:00Z');
    const c = span('MTR-C', '2026-11-20T06:00:00Z', '2026-11-21T07:00:00Z');
    expect(overlappingDevices([c, b, a]).map((s) => s.computer)).toEqual(['MTR-A', 'MTR-B']);
  });

  it('one computer however it is spelt, and a blank name says nothing', () => {
    const d = new DeviceSpans();
    d.see('mtr-a', '2026-11-18T06:00:00Z', 'a.evtx');
    d.see('MTR-A', '2026-11-19T06:00:00Z', 'b.evtx');
    d.see('', '2026-11-18T07:00:00Z', 'b.evtx');
    expect(d.spans).toEqual([{ computer: 'mtr-a', from: '2026-11-18T06:00:00Z', to: '2026-11-19T06:00:00Z', sources: ['a.evtx', 'b.evtx'] }]);
  });
});
