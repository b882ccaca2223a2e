// The device as the evidence describes it, and which app generation the evidence comes from: decided from
// which Teams log is present and recent (classic Logs.txt or new Teams MSTeams_*.log), AppVersion as a hint
// (4.17+ already uses some new paths, and not every 5.x device runs new Teams).
import type { AppGeneration, DeviceInfo } from '../model/analysis';
import type { CheckContext } from './context';
import { compareText } from '../model/order';

/** New Teams on rooms (calendar through Teams, "Calendar sync" signal) from 5.0.111.0, April 2024. */
export function generationOf(appVersion: string | null): AppGeneration {
  const major = appVersion ? Number.parseInt(appVersion, 10) : Number.NaN;
  if (major === 4) return '4.x';
  if (major >= 5) return '5.x';
  return 'unknown';
}

const NOTES: Record<AppGeneration, string> = {
  '4.x': 'Teams Rooms app 4.x: the device signs in to Exchange directly (portal signal "Sign in (Exchange)").',
  '5.x': 'Teams Rooms app 5.x (new Teams): the calendar syncs through Teams (portal signal "Calendar sync"); Teams logs are MSTeams_*.log.',
  unknown: 'App version unknown: no heartbeat with AppVersion in the evidence.',
};

/** Which Teams client wrote the newest Teams log lines, if any did. */
function generationFromLogs(ctx: CheckContext): AppGeneration {
  const logs = ctx.checked('Teams log').filter((c) => c.to);
  const newest = logs.sort((a, b) => compareText(a.to, b.to)).at(-1);
  if (!newest) return 'unknown';
  return /msteams[^/]*\.log$/i.test(newest.source) ? '5.x' : '4.x';
}

export function deviceInfo(ctx: CheckContext, typedAccount: string | null): DeviceInfo {
  const hb = [...ctx.heartbeats()].reverse();
  const pick = <K extends 'displayName' | 'appVersion' | 'ipv4'>(k: K) => hb.find((h) => h[k])?.[k] ?? null;
  const appVersion = pick('appVersion');
  const fromLogs = generationFromLogs(ctx);
  const fromVersion = generationOf(appVersion);
  const generation = fromLogs !== 'unknown' ? fromLogs : fromVersion;
  let note = NOTES[generation];
  if (fromLogs !== 'unknown' && fromVersion !== 'unknown' && fromLogs !== fromVersion) {
    note = `${note} The newest Teams log is from ${fromLogs === '5.x' ? 'new Teams' : 'classic Teams'}, although the app version is ${appVersion}.`;
  } else if (fromLogs === 'unknown' && generation !== 'unknown') {
    note = `${note} Decided from the app version only: no Teams log in the bundle.`;
  }
  const osHb = hb.find((h) => h.os);
  const computer = hb.find((h) => h.computer)?.computer ?? ctx.of('aad-error').find((f) => f.computer)?.computer ?? null;
  const accountFact = ctx.of('account')[0];
  const view = ctx.account;
  const info: DeviceInfo = {
    computer,
    displayName: pick('displayName'),
    account: (view.currentFrom === 'device' ? view.current : null) ?? typedAccount ?? accountFact?.userPrincipalName ?? view.current ?? null,
    appVersion,
    generation,
    generationNote: note,
    os: osHb ? `${osHb.os}${osHb.osVersion ? ` ${osHb.osVersion}` : ''}` : null,
    ipv4: pick('ipv4'),
  };
  if (ctx.set.utcOffset) {
    info.utcOffsetMinutes = ctx.set.utcOffset.minutes;
    info.utcOffsetSource = ctx.set.utcOffset.source;
  }
  if (view.previous.length) info.previousAccounts = view.previous;
  return info;
}
