// Turns a scenario into the files of a device log bundle, and writes it as a zip or a folder.
// Deterministic: the same scenario gives the same bytes, so the shipped samples can be regenerated.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildEvtx, corruptChunkSignature, type EvtxEventInput } from '../../../tools/evtx-writer';
import { buildZip } from '../zip-builder';
import { aadError, aadHttpStatus, aadNoise, aadTransportError } from './aad-events';
import type { DeviceProfile } from './device';
import { Prng } from './prng';
import { healthUnder, type Condition, type Scenario } from './scenarios';
import { appRestart, hardwareOk, heartbeat } from './srs-events';
import { classicLine, LICENSE_ERROR, newTeamsLine, ROUTINE } from './teams-log';

export interface BundleFile {
  path: string;
  data: Buffer;
}

const TICK_MS = 5 * 60_000;
/** The device retries sign-in about every 15 minutes while it fails. */
const RETRY_TICKS = 3;

function conditionsAt(s: Scenario, hour: number): Condition[] {
  let current: Condition[] = [{ kind: 'healthy' }];
  for (const p of s.phases) if (hour >= p.fromHour) current = p.conditions;
  return current;
}

function systemEvents(device: DeviceProfile, start: number, hours: number): EvtxEventInput[] {
  const services = ['Windows Update', 'Background Intelligent Transfer Service', 'Windows Modules Installer', 'Microsoft Teams Rooms Update'];
  const out: EvtxEventInput[] = [];
  for (let h = 0; h < hours; h += 2) {
    const svc = services[(h / 2) % services.length] as string;
    out.push({
      time: new Date(start + h * 3_600_000 + 17_000).toISOString(),
      provider: { name: 'Service Control Manager', guid: '{555908d1-a6d7-4695-8e1e-26931d2012f4}', eventSourceName: 'Service Control Manager' },
      eventId: 7036,
      qualifiers: 16384,
      level: 4,
      keywords: 0x8080000000000000n,
      channel: 'System',
      computer: device.computer,
      processId: 796,
      threadId: 4120,
      data: [
        { name: 'param1', value: svc },
        { name: 'param2', value: h % 4 === 0 ? 'running' : 'stopped' },
        { name: 'Binary', type: 'binary', value: Buffer.from('570075006100750073007600630000000000', 'hex') },
      ],
    });
  }
  return out;
}

function applicationEvents(device: DeviceProfile, start: number): EvtxEventInput[] {
  return [
    {
      style: 'classic',
      time: new Date(start + 3 * 3_600_000 + 4_000).toISOString(),
      provider: 'Microsoft Teams Rooms',
      eventId: 1000,
      level: 4,
      channel: 'Application',
      computer: device.computer,
      data: [{ value: 'Teams Rooms app started.' }],
    },
    {
      time: new Date(start + 7 * 3_600_000).toISOString(),
      provider: { name: 'Microsoft-Windows-Security-SPP', guid: '{E23B33B0-C8C9-472C-A5F9-F2BDFEA0F156}', eventSourceName: 'Software Protection Platform Service' },
      eventId: 16384,
      qualifiers: 16384,
      level: 4,
      keywords: 0x80000000000000n,
      channel: 'Application',
      computer: device.computer,
      data: [{ value: '2026-11-19T06:00:00Z' }, { value: 'RulesEngine' }],
    },
  ];
}

export interface BundleOptions {
  /** Correlation IDs for the device's failed attempts, newest first, e.g. to match a test tenant's sign-ins. */
  correlationIds?: readonly string[];
}

export function scenarioFiles(s: Scenario, opts: BundleOptions = {}): BundleFile[] {
  const rng = new Prng(s.seed);
  const start = Date.parse(s.start);
  const device = s.device;
  const aad: EvtxEventInput[] = [];
  const srs: EvtxEventInput[] = [];
  const classic: string[] = [];
  const newTeams: string[] = [];
  const oldLog: string[] = [];
  const ticks = (s.hours * 3_600_000) / TICK_MS;

  for (let i = 0; i < 288; i += 1) {
    const t = new Date(start - 86_400_000 + i * TICK_MS + 1_000).toISOString();
    oldLog.push(classicLine(t, 'info', ROUTINE[i % ROUTINE.length] as string));
  }

  for (let i = 0; i < ticks; i += 1) {
    const at = start + i * TICK_MS;
    const hour = (i * TICK_MS) / 3_600_000;
    const conditions = conditionsAt(s, hour);
    const iso = (offsetMs: number) => new Date(at + offsetMs).toISOString();
    srs.push(heartbeat(device, iso(rng.int(0, 900)), healthUnder(conditions)));
    if (i % 12 === 0) {
      srs.push(hardwareOk(device, iso(30_000)));
      aad.push(aadNoise(device, iso(41_000 + rng.int(0, 9000)), rng));
    }
    if (i === 36) srs.push(appRestart(device, iso(120_000)));
    const retry = i % RETRY_TICKS === 0;
    const teamsLine = (level: 'info' | 'error', text: string, offset: number) => {
      if (s.teamsLog === 'new-teams' && level === 'error') newTeams.push(newTeamsLine(iso(offset), 'ERR', text));
      else if (s.teamsLog === 'new-teams') newTeams.push(newTeamsLine(iso(offset), 'INF', text));
      if (s.teamsLog === 'classic' || level === 'info') classic.push(classicLine(iso(offset), level, text));
    };
    teamsLine('info', ROUTINE[i % ROUTINE.length] as string, 2_000);
    for (const c of conditions) {
      if (!retry) continue;
      if (c.kind === 'aadsts') {
        aad.push(aadError(device, iso(60_000 + rng.int(0, 30_000)), c.code, rng));
        teamsLine('error', `AuthenticationService: token acquisition failed: AADSTS${c.code}`, 95_000);
      } else if (c.kind === 'network') {
        for (const hr of c.hresults) aad.push(aadTransportError(device, iso(61_000 + rng.int(0, 30_000)), hr, rng));
        if (c.httpStatus) aad.push(aadHttpStatus(device, iso(62_000), c.httpStatus, rng));
      } else if (c.kind === 'license') {
        teamsLine('error', LICENSE_ERROR, 70_000);
      }
    }
  }

  const byTime = (a: EvtxEventInput, b: EvtxEventInput) => String(a.time).localeCompare(String(b.time));
  aad.sort(byTime);
  if (opts.correlationIds?.length) useCorrelationIds(aad, opts.correlationIds);
  let aadBytes: Uint8Array = buildEvtx(aad, { firstRecordId: 18_412 });
  if (s.damageAadLog) aadBytes = corruptChunkSignature(aadBytes, 0);
  const srsBytes = buildEvtx(srs.sort(byTime), { firstRecordId: 52_107 });
  const name = (channelFile: string) => (s.layout?.pct4Names ? channelFile.replace('_', '%4') : channelFile);

  const files: BundleFile[] = [
    { path: `Windows/EventLog/${name('Microsoft-Windows-AAD_Operational.evtx')}`, data: Buffer.from(aadBytes) },
    { path: 'Windows/EventLog/Skype Room System.evtx', data: Buffer.from(srsBytes) },
    { path: 'Windows/EventLog/System.evtx', data: Buffer.from(buildEvtx(systemEvents(device, start, s.hours), { firstRecordId: 90_211 })) },
    { path: 'Windows/EventLog/Application.evtx', data: Buffer.from(buildEvtx(applicationEvents(device, start), { firstRecordId: 3_377 })) },
    { path: 'App/Microsoft/Teams/Logs.txt', data: Buffer.from(`${classic.join('\r\n')}\r\n`) },
    { path: 'App/Microsoft/Teams/old_logs_20261117.txt', data: Buffer.from(`${oldLog.join('\r\n')}\r\n`) },
    {
      path: 'Config/DeviceInfo.json',
      data: Buffer.from(JSON.stringify({ ComputerName: device.computer, AppVersion: device.appVersion, OS: device.os, OSVersion: device.osVersion }, null, 2)),
    },
    { path: 'Config/SkypeSettings.xml', data: Buffer.from(`<SkypeSettings>\r\n  <UserAccount>\r\n    <SkypeSignInAddress>${device.alias}</SkypeSignInAddress>\r\n    <ExchangeAddress>${device.alias}</ExchangeAddress>\r\n    <Password>********</Password>\r\n  </UserAccount>\r\n</SkypeSettings>\r\n`) },
  ];
  if (s.teamsLog === 'new-teams') {
    files.push({
      path: 'App/Packages/MSTeams_8wekyb3d8bbwe/LocalCache/Microsoft/MSTeams/Logs/MSTeams_2026-11-18_06-00-00.00.log',
      data: Buffer.from(`${newTeams.join('\n')}\n`),
    });
  }
  const folder = s.layout?.folder;
  return folder ? files.map((f) => ({ ...f, path: `${folder}/${f.path}` })) : files;
}

/** Gives the newest failed attempts (event 1098) the given Correlation IDs, newest first. */
function useCorrelationIds(events: EvtxEventInput[], ids: readonly string[]): void {
  const errors = events.filter((e) => e.eventId === 1098).reverse();
  ids.forEach((id, i) => {
    const e = errors[i];
    if (!e?.data) return;
    e.data = e.data.map((d) => (d.name === 'AdditionalInformation' && typeof d.value === 'string' ? { ...d, value: d.value.replace(/([Cc]orrelation ID(?: \(request\))?: )[0-9a-f-]{36}/g, `$1${id}`) } : d));
  });
}

/**
 * Writes a bundle zip. The builder stores no timestamps, so the bytes are the same in every time zone;
 * backslash layouts keep Windows separators in the stored names, as Windows tools write them.
 */
export async function writeBundleZip(s: Scenario, file: string, opts: BundleOptions = {}): Promise<void> {
  const files = scenarioFiles(s, opts);
  await mkdir(path.dirname(file), { recursive: true });
  const name = (p: string) => (s.layout?.backslashes ? p.replace(/\//g, '\\') : p);
  await writeFile(file, buildZip(files.map((f) => ({ name: name(f.path), data: f.data }))));
}

export async function writeBundleFolder(s: Scenario, dir: string): Promise<void> {
  for (const f of scenarioFiles(s)) {
    const target = path.join(dir, ...f.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, f.data);
  }
}
