// Heartbeat health over time with the failure events on it. Runs of identical heartbeats collapse
// into their first and last point so a week of 5-minute heartbeats stays drawable.
import type { CheckId, TimelineEntry } from '../model/analysis';
import type { HeartbeatFact } from '../model/facts';
import type { CheckContext } from './context';
import { mergeOwnTime } from './time-order';
import { compareText } from '../model/order';

export function buildTimeline(ctx: CheckContext): TimelineEntry[] {
  const beats: TimelineEntry[] = [];
  const hbs = ctx.heartbeats();
  let prev: HeartbeatFact | undefined;
  // Alternating heartbeats repeat the same few unhealthy states: the last one's label is reused.
  let labelled: { of: HeartbeatFact; label: string } | null = null;
  for (const h of hbs) {
    const same = !!prev && prev.healthy === h.healthy && prev.exchange === h.exchange && prev.network === h.network && prev.teamsSignin === h.teamsSignin;
    prev = h;
    // Each run of like heartbeats is one point; the next run's point closes it.
    if (same) continue;
    let label = 'Healthy';
    if (!h.healthy) {
      if (!labelled || labelled.of.network !== h.network || labelled.of.exchange !== h.exchange || labelled.of.teamsSignin !== h.teamsSignin) {
        labelled = { of: h, label: [`Network: ${h.network}`, `Exchange: ${h.exchange}`, `Teams: ${h.teamsSignin}`].filter((s) => !/: (Healthy|Connected|null)$/i.test(s)).join(' · ') };
      }
      label = labelled.label;
    }
    beats.push({ time: h.time, kind: h.healthy ? 'healthy' : 'unhealthy', label, check: null });
  }
  const lastBeat = hbs.at(-1);
  if (lastBeat && lastBeat.lastTime > lastBeat.time) {
    beats.push({ time: lastBeat.lastTime, kind: lastBeat.healthy ? 'healthy' : 'unhealthy', label: beats.at(-1)?.label ?? '', check: null });
  }
  const claim = (code: string): CheckId | null => ctx.tables.aadsts.get(code)?.check ?? null;
  const failures: TimelineEntry[] = [];
  for (const o of ctx.occurrences) {
    if (!o.time || o.via === 'heartbeat') continue;
    failures.push({ time: o.time, kind: o.via === 'sign-in' ? 'signin-failure' : 'failure', label: `AADSTS${o.code}`, check: claim(o.code) });
  }
  const network = ctx.of('aad-network').map((f): TimelineEntry => ({ time: f.time, kind: 'failure', label: f.hresult ?? `HTTP ${f.httpStatus ?? '?'}`, check: 'network' }));
  const license: TimelineEntry[] = [];
  for (const f of ctx.of('teams-log')) {
    if (f.time && f.topic === 'license') license.push({ time: f.time, kind: 'failure', label: 'licenseError', check: 'license' });
  }
  const restarts: TimelineEntry[] = [];
  for (const f of ctx.of('device-event')) if (f.eventId === 4000) restarts.push({ time: f.time, kind: 'restart', label: f.label, check: null });
  const signins: TimelineEntry[] = [];
  for (const s of ctx.of('signin')) if (s.errorCode === 0) signins.push({ time: s.time, kind: 'signin-success', label: 'Sign-in succeeded', check: null });
  // Each list is in time order already: merged (ties in this order), not sorted again.
  const out = mergeOwnTime(beats, failures, network, license, restarts, signins);
  return out.length > MAX_POINTS ? condense(out) : out;
}

/** A timeline stays drawable and the JSON small: beyond this, points are merged into time buckets. */
export const MAX_POINTS = 1500;
const BUCKETS = 300;

/**
 * Per bucket: one heartbeat point (unhealthy if any heartbeat in it was), and one point per failure label
 * with its count. Restarts and sign-in points are kept the same way.
 */
function condense(points: TimelineEntry[]): TimelineEntry[] {
  const ms = isoMs();
  const t0 = ms(points[0]?.time ?? '');
  const t1 = ms(points.at(-1)?.time ?? '');
  const width = Math.max(1, (t1 - t0) / BUCKETS);
  // A heartbeat bucket is keyed by its number, a failure label by text: one map keeps their first-seen order.
  const buckets = new Map<number | string, TimelineEntry>();
  for (const p of points) {
    const b = Math.min(BUCKETS - 1, Math.floor((ms(p.time) - t0) / width));
    const beat = p.kind === 'healthy' || p.kind === 'unhealthy';
    const key = beat ? b : `${b}|${p.kind}|${p.label}`;
    const known = buckets.get(key);
    if (!known) {
      buckets.set(key, { ...p, time: beat ? new Date(t0 + b * width).toISOString() : p.time, count: 1 });
      continue;
    }
    known.count = (known.count ?? 1) + 1;
    if (beat && p.kind === 'unhealthy' && known.kind === 'healthy') {
      known.kind = 'unhealthy';
      known.label = p.label;
    }
  }
  return [...buckets.values()].sort((a, b) => compareText(a.time, b.time));
}

const PLAIN_ISO = /^\d{4}-\d\d-\d\dT(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?Z$/;

/**
 * Date.parse, for a hundred thousand timeline points: for plain UTC times the hour is parsed once and the
 * minutes, seconds and milliseconds (fractions cut to 3 digits, as Date.parse does) are added; anything else
 * goes to Date.parse itself.
 */
export function isoMs(): (iso: string) => number {
  const hours = new Map<string, number>();
  const digits = (s: string, at: number) => (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);
  return (iso) => {
    if (!PLAIN_ISO.test(iso)) return Date.parse(iso);
    const hour = iso.slice(0, 13);
    let start = hours.get(hour);
    if (start === undefined) {
      start = Date.parse(`${hour}:00:00Z`);
      hours.set(hour, start);
    }
    const fraction = iso.length > 20 ? iso.slice(20, -1) : '';
    return start + digits(iso, 14) * 60_000 + digits(iso, 17) * 1000 + (fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0);
  };
}
