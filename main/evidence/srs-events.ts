// Skype Room System (source SRS-App) records → facts: 2000/2001 heartbeats, 3001 hardware errors, 4000 restarts.
// The first data string is JSON with the device's state.
import type { EvtxRecord } from '../evtx/types';
import type { DeviceEventFact, HeartbeatFact } from '../model/facts';
import { normaliseAlias } from './account-text';
import { clip, ownCopy, recordLocator } from './excerpt';
import { RepeatMemo } from './repeat-memo';
export { SRS_PROVIDER, SRS_CHANNEL } from '../bundle/analysable';

export const SRS_EVENT_IDS = [2000, 2001, 3000, 3001, 4000] as const;

/** Status words the app writes; free text may follow one ("Unhealthy.We couldn't sign you in…"). */
const STATUS_WORD = /^(Healthy|Unhealthy|NotApplicable|Connected|Disconnected|Connecting|AutodiscoveryError|GeneralError|ServerVersionNotSupported|Unknown)\b/i;

/** The status itself: a leading status word without the free text after it, or the value as written (codes). */
export function statusOf(value: string | null): string | null {
  if (!value) return null;
  const m = STATUS_WORD.exec(value);
  return m ? (m[1] ?? value) : value;
}

/**
 * "Network status : Healthy. Exchange status : 80131500 : AADSTS50076. Signin status: NotApplicable. Teams Signin status: Unhealthy."
 * Real devices may add free text after a status, and a 2000 may say only "Heartbeat is healthy." (all null here).
 */
export function parseDescription(d: string): { network: string | null; exchange: string | null; signin: string | null; teamsSignin: string | null } {
  // "Teams Signin status" first: it contains "Signin status".
  const label = /(Teams Signin status|Network status|Exchange status|Signin status)\s*:\s*/gi;
  const found: { key: string; start: number; end: number }[] = [];
  for (let m = label.exec(d); m; m = label.exec(d)) found.push({ key: (m[1] ?? '').toLowerCase(), start: m.index, end: m.index + m[0].length });
  const out = { network: null as string | null, exchange: null as string | null, signin: null as string | null, teamsSignin: null as string | null };
  found.forEach((f, i) => {
    const value = statusOf(d.slice(f.end, found[i + 1]?.start ?? d.length).trim().replace(/\.$/, '').trim() || null);
    if (f.key === 'network status') out.network = value;
    else if (f.key === 'exchange status') out.exchange = value;
    else if (f.key === 'signin status') out.signin = value;
    else out.teamsSignin = value;
  });
  return out;
}

/** The event's JSON payload: its first non-empty data string. */
export function srsPayload(rec: EvtxRecord): string {
  for (const v of rec.data.positional) {
    if (typeof v === 'string' && v.trim()) return v;
    if (Array.isArray(v)) {
      const s = v.find((x): x is string => typeof x === 'string' && x.trim() !== '');
      if (s) return s;
    }
  }
  return '';
}

const blank = (s: string | undefined) => intern(s && s.trim() ? s.trim() : null);

/**
 * Heartbeats repeat a handful of distinct texts thousands of times; sharing one copy of each keeps weeks of
 * them small in memory.
 */
const interned = new Map<string, string>();
function intern<T extends string | null>(s: T): T {
  if (s === null) return s;
  const known = interned.get(s);
  if (known !== undefined) return known as T;
  if (interned.size < 10_000) interned.set(s, s);
  return s;
}

function internAll<T extends Record<string, string | null>>(o: T): T {
  for (const k of Object.keys(o)) (o as Record<string, string | null>)[k] = intern(o[k] ?? null);
  return o;
}

/** Plain field reads instead of a schema: this runs for every heartbeat of weeks of logs. */
function str(o: Record<string, unknown>, k: string): string | undefined {
  const v = o[k];
  return typeof v === 'string' ? v : undefined;
}

/** The account a 3000/3001/4000 (or heartbeat) payload names in its Alias, when it names one. */
export function srsAccount(payload: string): string | null {
  if (!payload.includes('Alias') && !payload.includes('@')) return null;
  try {
    const parsed: unknown = JSON.parse(payload);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const o = parsed as Record<string, unknown>;
      return normaliseAlias(str(o, 'Alias') || str(o, 'UserPrincipalName') || str(o, 'Account'));
    }
  } catch {
    // Not JSON: no account.
  }
  return null;
}

/**
 * The statuses, as slices of the excerpt when it is the whole description. From a longer description they are
 * copied out, so a slice never keeps a huge text alive.
 */
function statusesOf(description: string, excerpt: string): ReturnType<typeof parseDescription> {
  if (description.length <= 400) return parseDescription(excerpt);
  const s = parseDescription(description);
  const own = (v: string | null) => (v === null ? null : ownCopy(clip(v, 200)));
  return { network: own(s.network), exchange: own(s.exchange), signin: own(s.signin), teamsSignin: own(s.teamsSignin) };
}

type HeartbeatText = ReturnType<typeof parseDescription> &
  Pick<HeartbeatFact, 'appVersion' | 'alias' | 'displayName' | 'os' | 'osVersion' | 'ipv4'> & { excerpt: string };

/**
 * What a heartbeat's payload says, read once per distinct payload: a room writes the same few payloads every
 * few minutes for weeks, and parsing each one again was most of the cost of reading heartbeats.
 */
const heartbeatTexts = new RepeatMemo<HeartbeatText>(1024);
function heartbeatText(payload: string): HeartbeatText {
  const known = heartbeatTexts.get(payload);
  if (known) return known;
  let json: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(payload);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: keep the raw text as evidence; the description parse below still tries.
  }
  const description = str(json, 'Description') ?? payload;
  const excerpt = intern(clip(description, 400));
  const t: HeartbeatText = {
    ...internAll(statusesOf(description, excerpt)),
    appVersion: blank(str(json, 'AppVersion')),
    alias: intern(normaliseAlias(str(json, 'Alias'))),
    displayName: blank(str(json, 'DisplayName')),
    os: blank(str(json, 'OS')),
    osVersion: blank(str(json, 'OSVersion')),
    ipv4: blank(str(json, 'IPv4Address')),
    excerpt,
  };
  // Only payloads of a heartbeat's usual size: huge ones are not kept.
  if (payload.length <= 4096) heartbeatTexts.offer(payload, t);
  return t;
}

/**
 * One Skype Room System record as a fact. The evidence has no `raw` here: the caller decides whose raw XML is
 * worth rendering (RawKeeper). A heartbeat keeps one string of its own, the clipped description: the statuses
 * are read from it, so weeks of distinct heartbeats cost one excerpt each.
 */
export function srsFact(rec: EvtxRecord, source: string, payload = srsPayload(rec)): HeartbeatFact | DeviceEventFact | null {
  const locator = recordLocator(rec.recordId, rec.eventId);
  if (rec.eventId === 2000 || rec.eventId === 2001) {
    const t = heartbeatText(payload);
    return {
      kind: 'heartbeat',
      time: rec.time,
      lastTime: rec.time,
      count: 1,
      eventId: rec.eventId,
      healthy: rec.eventId === 2000,
      allHealthy: rec.eventId === 2000,
      network: t.network,
      exchange: t.exchange,
      signin: t.signin,
      teamsSignin: t.teamsSignin,
      appVersion: t.appVersion,
      // Real 2001s leave Alias empty: empty means unknown, never an account change.
      alias: t.alias,
      displayName: t.displayName,
      os: t.os,
      osVersion: t.osVersion,
      ipv4: t.ipv4,
      computer: rec.computer || null,
      evidence: { source, locator, time: rec.time, excerpt: t.excerpt, raw: undefined },
    };
  }
  if (rec.eventId === 3001 || rec.eventId === 4000) {
    const evidence = { source, locator, time: rec.time, excerpt: clip(payload || `event ${rec.eventId}`, 400), raw: undefined };
    return { kind: 'device-event', time: rec.time, eventId: rec.eventId, label: rec.eventId === 4000 ? 'App restarted' : 'Hardware error', evidence };
  }
  return null;
}
