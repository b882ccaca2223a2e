// Skype Room System (source SRS-App) records → facts: 2000/2001 heartbeats, 3001 hardware errors, 4000 restarts.
// The first data string is JSON with the device's state.
import { z } from 'zod';
import type { EvtxRecord } from '../evtx/types';
import type { DeviceEventFact, HeartbeatFact } from '../model/facts';
import { clip } from './excerpt';

export const SRS_PROVIDER = 'SRS-App';
export const SRS_CHANNEL = 'Skype Room System';
export const SRS_EVENT_IDS = [2000, 2001, 3000, 3001, 4000] as const;

const heartbeatJson = z
  .object({
    Description: z.string().optional(),
    ResourceState: z.string().optional(),
    OperationName: z.string().optional(),
    OperationResult: z.string().optional(),
    OS: z.string().optional(),
    OSVersion: z.string().optional(),
    Alias: z.string().optional(),
    DisplayName: z.string().optional(),
    AppVersion: z.string().optional(),
    IPv4Address: z.string().optional(),
    IPv6Address: z.string().optional(),
  })
  .loose();

/** "Network status : Healthy. Exchange status : 80131500 : AADSTS50076. Signin status: NotApplicable. Teams Signin status: Unhealthy." */
export function parseDescription(d: string): { network: string | null; exchange: string | null; signin: string | null; teamsSignin: string | null } {
  // "Teams Signin status" first: it contains "Signin status".
  const label = /(Teams Signin status|Network status|Exchange status|Signin status)\s*:\s*/gi;
  const found: { key: string; start: number; end: number }[] = [];
  for (let m = label.exec(d); m; m = label.exec(d)) found.push({ key: (m[1] ?? '').toLowerCase(), start: m.index, end: m.index + m[0].length });
  const out = { network: null as string | null, exchange: null as string | null, signin: null as string | null, teamsSignin: null as string | null };
  found.forEach((f, i) => {
    const value = d.slice(f.end, found[i + 1]?.start ?? d.length).trim().replace(/\.$/, '').trim() || null;
    if (f.key === 'network status') out.network = value;
    else if (f.key === 'exchange status') out.exchange = value;
    else if (f.key === 'signin status') out.signin = value;
    else out.teamsSignin = value;
  });
  return out;
}

function firstString(rec: EvtxRecord): string {
  for (const v of rec.data.positional) {
    if (typeof v === 'string' && v.trim()) return v;
    if (Array.isArray(v)) {
      const s = v.find((x): x is string => typeof x === 'string' && x.trim() !== '');
      if (s) return s;
    }
  }
  return '';
}

const blank = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

export function srsFact(rec: EvtxRecord, source: string): HeartbeatFact | DeviceEventFact | null {
  const payload = firstString(rec);
  const evidence = { source, locator: `record ${rec.recordId} · event ${rec.eventId}`, time: rec.time, excerpt: clip(payload || `event ${rec.eventId}`, 400), raw: rec.xml() };
  if (rec.eventId === 2000 || rec.eventId === 2001) {
    let json: z.infer<typeof heartbeatJson> = {};
    try {
      const parsed = heartbeatJson.safeParse(JSON.parse(payload));
      if (parsed.success) json = parsed.data;
    } catch {
      // Not JSON: keep the raw text as evidence; the description parse below still tries.
    }
    const d = parseDescription(json.Description ?? payload);
    return {
      kind: 'heartbeat',
      time: rec.time,
      eventId: rec.eventId,
      healthy: rec.eventId === 2000,
      ...d,
      appVersion: blank(json.AppVersion),
      alias: blank(json.Alias),
      displayName: blank(json.DisplayName),
      os: blank(json.OS),
      osVersion: blank(json.OSVersion),
      ipv4: blank(json.IPv4Address),
      computer: rec.computer || null,
      evidence: { ...evidence, excerpt: clip(json.Description ?? payload, 400) },
    };
  }
  if (rec.eventId === 3001 || rec.eventId === 4000) {
    return { kind: 'device-event', time: rec.time, eventId: rec.eventId, label: rec.eventId === 4000 ? 'App restarted' : 'Hardware error', evidence };
  }
  return null;
}
