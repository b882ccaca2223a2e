// The device as the evidence describes it, and which app generation the evidence comes from.
import type { AppGeneration, DeviceInfo } from '../model/analysis';
import type { CheckContext } from './context';

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

export function deviceInfo(ctx: CheckContext, typedAccount: string | null): DeviceInfo {
  const hb = [...ctx.heartbeats()].reverse();
  const pick = <K extends 'alias' | 'displayName' | 'appVersion' | 'ipv4'>(k: K) => hb.find((h) => h[k])?.[k] ?? null;
  const appVersion = pick('appVersion');
  const generation = generationOf(appVersion);
  const osHb = hb.find((h) => h.os);
  const computer = hb.find((h) => h.computer)?.computer ?? ctx.of('aad-error').find((f) => f.computer)?.computer ?? null;
  const accountFact = ctx.of('account')[0];
  return {
    computer,
    displayName: pick('displayName'),
    account: typedAccount ?? pick('alias') ?? accountFact?.userPrincipalName ?? null,
    appVersion,
    generation,
    generationNote: NOTES[generation],
    os: osHb ? `${osHb.os}${osHb.osVersion ? ` ${osHb.osVersion}` : ''}` : null,
    ipv4: pick('ipv4'),
  };
}
