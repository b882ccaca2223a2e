// Which kind of device a bundle's logs come from. Only Teams Rooms on Windows is in scope: its own marks (the
// Skype Room System log, the Teams Rooms app's files and settings, the collection script's layout, the
// MicrosoftTeamsRoom user agent) say so. Another kind's marks (Teams Rooms on Android, a Surface Hub, a
// person's apps on a Windows PC) with none of a room's: named, and nothing is judged on them.
//
// Ambiguous (no marks either way) is analysed as a room, with a warning: a Pro Management portal download
// holds only the categories the admin picked, and a room's AAD log alone (its resource account signing in
// to Teams and Exchange) carries no mark of the room app. Refusing it would refuse genuine rooms.
import { formatCount } from '../model/display-format';
import type { AadErrorFact, Fact } from '../model/facts';
import type { Inventory } from '../model/inventory';
import marks from './data/device-kinds.json';

export type DeviceKind = 'teams-rooms-windows' | 'teams-rooms-android' | 'surface-hub' | 'windows-pc' | 'unknown';

export interface DeviceKindReading {
  kind: DeviceKind;
  /** What showed it, for the message: "Skype Room System log (…)", "Outlook in the AAD log (12 events)". */
  marks: string[];
}

const re = (list: readonly string[] | undefined) => (list ?? []).map((p) => new RegExp(p, 'i'));
const ROOM = { paths: re(marks.teamsRoomsWindows.paths), channels: re(marks.teamsRoomsWindows.channels), providers: re(marks.teamsRoomsWindows.providers) };
const ANDROID = { paths: re(marks.teamsRoomsAndroid.paths) };
const HUB = { paths: re(marks.surfaceHub.paths), channels: re(marks.surfaceHub.channels), providers: re(marks.surfaceHub.providers) };
const PC_CLIENTS = new Map(marks.windowsPc.clients.map((c) => [c.id.toLowerCase(), c.name]));
const PC_CLIENT_NAMES = marks.windowsPc.clientNames;

/** At most this many marks are named in a message. */
const SHOWN = 3;

function pathMarks(inv: Inventory, kind: { paths: RegExp[]; channels?: RegExp[]; providers?: RegExp[] }): string[] {
  const out: string[] = [];
  for (const e of inv.entries) {
    if (kind.paths.some((p) => p.test(e.path))) out.push(e.path);
    else if (e.identifiedBy === 'content' && (kind.channels?.some((c) => c.test(e.channel ?? '')) || kind.providers?.some((p) => p.test(e.provider ?? '')))) {
      out.push(`${e.path} (${e.channel ?? e.provider})`);
    }
    if (out.length >= SHOWN) break;
  }
  return out;
}

/** The person's apps the AAD log's token requests name (a room's app never asks for Outlook's token). */
function personApps(facts: readonly Fact[]): string[] {
  const counts = new Map<string, number>();
  for (const f of facts) {
    if (f.kind !== 'aad-error' || f.origin !== 'app' || !f.client) continue;
    const name = clientName((f as AadErrorFact).client as string);
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} in the AAD log (${formatCount(n)} event${n === 1 ? '' : 's'})`);
}

function clientName(client: string): string | null {
  const c = client.toLowerCase();
  const known = PC_CLIENTS.get(c);
  if (known) return known;
  const hit = PC_CLIENT_NAMES.find((n) => c.includes(n));
  return hit ? client : null;
}

/**
 * The kind of device, from the bundle's entries and what its logs held: `heartbeats` (SRS-App records read),
 * `roomAgent` (a Teams log line with the MicrosoftTeamsRoom user agent, as "file line n").
 */
export function deviceKind(inv: Inventory, facts: readonly Fact[], seen: { heartbeats: boolean; roomAgent: string | null }): DeviceKindReading {
  const room = pathMarks(inv, ROOM);
  if (seen.heartbeats && !room.some((m) => /Skype Room System/i.test(m))) room.unshift('Skype Room System heartbeats');
  if (seen.roomAgent) room.push(`the MicrosoftTeamsRoom user agent (${seen.roomAgent})`);
  if (room.length > 0) return { kind: 'teams-rooms-windows', marks: room.slice(0, SHOWN) };
  const android = pathMarks(inv, ANDROID);
  if (android.length > 0) return { kind: 'teams-rooms-android', marks: android };
  const hub = pathMarks(inv, HUB);
  if (hub.length > 0) return { kind: 'surface-hub', marks: hub };
  const pc = personApps(facts);
  if (pc.length > 0) return { kind: 'windows-pc', marks: [...pc.slice(0, SHOWN), 'no Skype Room System log', 'no Teams Rooms app files'] };
  return { kind: 'unknown', marks: [] };
}

const KIND_NAME: Record<Exclude<DeviceKind, 'teams-rooms-windows' | 'unknown'>, string> = {
  'teams-rooms-android': marks.teamsRoomsAndroid.name,
  'surface-hub': marks.surfaceHub.name,
  'windows-pc': marks.windowsPc.name,
};

/** Why nothing is judged on another kind of device's logs (null for a room or an ambiguous bundle). */
export function notARoomText(name: string, reading: DeviceKindReading): string | null {
  if (reading.kind === 'teams-rooms-windows' || reading.kind === 'unknown') return null;
  return `${name}: these logs are from ${KIND_NAME[reading.kind]} (${reading.marks.join('; ')}) — MTR Doctor reads Teams Rooms on Windows bundles, so nothing was judged. Download the room's logs from the Teams admin center (Teams devices › the room › Download device logs).`;
}

/** The note on an ambiguous bundle that was analysed as a room. */
export function noRoomMarkText(name: string): string {
  return `${name} holds no mark of a Teams Rooms device (no Skype Room System log, no Teams Rooms app files or settings) and none of another kind of device: it was analysed as a Teams Rooms on Windows bundle, as a portal download of only some logs is. If these logs are from another device, the verdicts do not apply.`;
}
