// Turns a scenario into the files of a device log bundle, and writes it as a zip or a folder.
// Deterministic: the same scenario gives the same bytes, so the shipped samples can be regenerated.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildEvtx, corruptChunkSignature, type EvtxEventInput } from '../../../tools/evtx-writer';
import { buildZip } from '../zip-builder';
import { aadError, aadHttpStatus, aadNetworkError, aadNoise, aadTransportError, prtPluginNoise } from './aad-events';
import type { DeviceProfile } from './device';
import { Prng } from '../prng';
import { healthUnder, type Condition, type Scenario } from './scenarios';
import { appRestart, hardwareOk, heartbeat } from './srs-events';
import { classicLine, LICENSE_ERROR, newTeamsFileName, newTeamsLine, ROUTINE, type Zone } from './teams-log';

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

  const zone: Zone = { utcOffsetMinutes: device.utcOffsetMinutes, zoneName: device.zoneName };
  // The device's clock: what it writes for a true time (a jump shifts everything written from then on).
  const clockFrom = s.clock ? start + s.clock.atHour * 3_600_000 : Infinity;
  const written = (trueIso: string): string => {
    const ms = Date.parse(trueIso);
    return s.clock && ms >= clockFrom ? new Date(ms + s.clock.shiftHours * 3_600_000).toISOString() : trueIso;
  };
  const zoneAt = (trueIso: string): Zone =>
    s.zoneChange && Date.parse(trueIso) >= start + s.zoneChange.atHour * 3_600_000 ? { utcOffsetMinutes: s.zoneChange.utcOffsetMinutes, zoneName: s.zoneChange.zoneName } : zone;
  for (let i = 0; i < 288; i += 1) {
    const t = new Date(start - 86_400_000 + i * TICK_MS + 1_000).toISOString();
    oldLog.push(classicLine(t, 'info', ROUTINE[i % ROUTINE.length] as string, zone));
  }

  for (let i = 0; i < ticks; i += 1) {
    const at = start + i * TICK_MS;
    const hour = (i * TICK_MS) / 3_600_000;
    const conditions = conditionsAt(s, hour);
    // Before an account change the device used another resource account (in 3000/4000 and AAD events).
    const who: DeviceProfile = s.accountChange && hour < s.accountChange.atHour ? { ...device, alias: s.accountChange.previous } : device;
    const iso = (offsetMs: number) => new Date(at + offsetMs).toISOString();
    srs.push(heartbeat(who, iso(rng.int(0, 900)), healthUnder(conditions)));
    if (i % 12 === 0) {
      srs.push(hardwareOk(who, iso(30_000)));
      aad.push(aadNoise(who, iso(41_000 + rng.int(0, 9000)), rng));
      if (s.prtNoise) aad.push(...prtPluginNoise(who, iso(44_000 + rng.int(0, 9000)), rng));
    }
    if (i === 36 || (s.accountChange && i === (s.accountChange.atHour * 3_600_000) / TICK_MS)) srs.push(appRestart(who, iso(120_000)));
    const retry = i % RETRY_TICKS === 0;
    const teamsLine = (level: 'info' | 'error', text: string, offset: number) => {
      const t = iso(offset);
      const z = zoneAt(t);
      if (s.teamsLog === 'new-teams' && level === 'error') newTeams.push(newTeamsLine(written(t), 'ERR', text, z));
      else if (s.teamsLog === 'new-teams') newTeams.push(newTeamsLine(written(t), 'INF', text, z));
      if (s.teamsLog === 'classic' || level === 'info') classic.push(classicLine(written(t), level, text, z));
    };
    teamsLine('info', ROUTINE[i % ROUTINE.length] as string, 2_000);
    for (const c of conditions) {
      if (!retry) continue;
      if (c.kind === 'aadsts') {
        aad.push(aadError(who, iso(60_000 + rng.int(0, 30_000)), c.code, rng, s.aadForm));
        teamsLine('error', `AuthenticationService: token acquisition failed: AADSTS${c.code}`, 95_000);
      } else if (c.kind === 'network') {
        // The room app's own token request fails (1098 with the HRESULT); the logon plugin logs 1084 beside it.
        for (const hr of c.hresults) {
          aad.push(aadNetworkError(who, iso(60_500 + rng.int(0, 30_000)), hr, rng));
          aad.push(aadTransportError(who, iso(61_000 + rng.int(0, 30_000)), hr, rng));
        }
        if (c.httpStatus) aad.push(aadHttpStatus(who, iso(62_000), c.httpStatus, rng));
      } else if (c.kind === 'offline') {
        aad.push(aadNetworkError(who, iso(60_500 + rng.int(0, 30_000)), 0xcaa82efd, rng));
      } else if (c.kind === 'license') {
        teamsLine('error', `${LICENSE_ERROR} for ${who.alias}`, 70_000);
      }
    }
  }

  const byTime = (a: EvtxEventInput, b: EvtxEventInput) => String(a.time).localeCompare(String(b.time));
  aad.sort(byTime);
  srs.sort(byTime);
  // In write order (true time), each record stamped by the device's clock.
  if (s.clock) for (const e of [...aad, ...srs]) e.time = written(String(e.time));
  if (opts.correlationIds?.length) useCorrelationIds(aad, opts.correlationIds);
  let aadBytes: Uint8Array = buildEvtx(aad, { firstRecordId: 18_412 });
  if (s.damageAadLog) aadBytes = corruptChunkSignature(aadBytes, 0);
  // Cut inside the 4 KiB file header: the header may still declare chunks, but no record is there.
  if (s.cutAadLog) aadBytes = aadBytes.subarray(0, 2048);
  if (s.cutAadLogAfterChunks !== undefined) aadBytes = aadBytes.subarray(0, 4096 + s.cutAadLogAfterChunks * 65536);
  const srsBytes = buildEvtx(srs, { firstRecordId: 52_107 });
  const name = (channelFile: string) => (s.layout?.pct4Names ? channelFile.replace('_', '%4') : channelFile);

  const files: BundleFile[] = [
    { path: `Windows/EventLog/${name('Microsoft-Windows-AAD_Operational.evtx')}`, data: Buffer.from(aadBytes) },
    { path: 'Windows/EventLog/Skype Room System.evtx', data: Buffer.from(srsBytes) },
    { path: 'Windows/EventLog/System.evtx', data: Buffer.from(buildEvtx(systemEvents(device, start, s.hours), { firstRecordId: 90_211 })) },
    { path: 'Windows/EventLog/Application.evtx', data: Buffer.from(buildEvtx(applicationEvents(device, start), { firstRecordId: 3_377 })) },
    { path: 'App/Microsoft/Teams/Logs.txt', data: encodeLog(`${classic.join('\r\n')}\r\n`, s.teamsLogEncoding) },
    { path: `App/Microsoft/Teams/old_logs_${rotationStamp(start, zone)}.txt`, data: Buffer.from(`${oldLog.join('\r\n')}\r\n`) },
    {
      path: 'Config/DeviceInfo.json',
      data: Buffer.from(JSON.stringify({ ComputerName: device.computer, AppVersion: device.appVersion, OS: device.os, OSVersion: device.osVersion }, null, 2)),
    },
    { path: 'Config/SkypeSettings.xml', data: Buffer.from(`<SkypeSettings>\r\n  <UserAccount>\r\n    <SkypeSignInAddress>${device.alias}</SkypeSignInAddress>\r\n    <ExchangeAddress>${device.alias}</ExchangeAddress>\r\n    <Password>********</Password>\r\n  </UserAccount>\r\n</SkypeSettings>\r\n`) },
  ];
  if (s.teamsLog === 'new-teams') {
    files.push({
      path: `App/Packages/MSTeamsRooms_8wekyb3d8bbwe/LocalCache/Microsoft/MSTeams/Logs/${newTeamsFileName(new Date(start + 2_000).toISOString(), zone)}`,
      data: encodeLog(`${newTeams.join('\n')}\n`, s.teamsLogEncoding),
    });
  }
  // A Pro Management portal collection holds only the categories the admin picked.
  const kept = files.filter((f) => !(s.omit ?? []).some((o) => OMIT[o].test(f.path)));
  const folder = s.layout?.folder;
  return folder ? kept.map((f) => ({ ...f, path: `${folder}/${f.path}` })) : kept;
}

const OMIT: Record<NonNullable<Scenario['omit']>[number], RegExp> = {
  aad: /AAD[_%]4?Operational\.evtx$/,
  srs: /Skype Room System\.evtx$/,
  teams: /(Logs\.txt|old_logs_\d+\.txt|MSTeams_[^/]*\.log)$/,
  config: /^Config\//,
};

/** old_logs_yyyyMMddHHmmss.txt, the local time the log was rotated. */
function rotationStamp(startMs: number, zone: Zone): string {
  const d = new Date(startMs + zone.utcOffsetMinutes * 60_000).toISOString();
  return d.slice(0, 19).replace(/[-T:]/g, '');
}

/** A Teams log as a crash or another writer leaves it: UTF-16 without a BOM, or NUL padding mid-file. */
function encodeLog(text: string, encoding: Scenario['teamsLogEncoding']): Buffer {
  if (encoding === 'utf16le-nobom') return Buffer.from(text, 'utf16le');
  if (encoding === 'utf16be-nobom') return Buffer.from(text, 'utf16le').swap16();
  if (encoding === 'nul-padded') {
    // A crash leaves a run of NULs where a line was being written; the next start appends after it.
    const lines = text.split('\r\n');
    const mid = Math.floor(lines.length / 3);
    const before = lines.slice(0, mid).join('\r\n');
    const after = lines.slice(mid).join('\r\n');
    return Buffer.concat([Buffer.from(`${before}\r\nWed Nov 18 2026 10:00:00 GMT+0100 (x) <1> -- info -- writing`), Buffer.alloc(70_000), Buffer.from(after)]);
  }
  return Buffer.from(text);
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
