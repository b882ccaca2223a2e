// Heartbeat health over time with the failure events on it. Runs of identical heartbeats collapse
// into their first and last point so a week of 5-minute heartbeats stays drawable.
import type { CheckId, TimelineEntry } from '../model/analysis';
import type { HeartbeatFact } from '../model/facts';
import type { CheckContext } from './context';
import { compareText } from '../model/order';
import { formatUtc } from '../model/display-format';

export function buildTimeline(ctx: CheckContext): TimelineEntry[] {
  const hbs = ctx.heartbeats();
  // Each run of like heartbeats is one point; the next run's point closes it. Kept as the heartbeats that
  // start a run: weeks of alternating heartbeats are a hundred thousand points, nearly all condensed away.
  const starts: HeartbeatFact[] = [];
  let prev: HeartbeatFact | undefined;
  for (const h of hbs) {
    if (!(prev && prev.healthy === h.healthy && prev.exchange === h.exchange && prev.network === h.network && prev.teamsSignin === h.teamsSignin)) starts.push(h);
    prev = h;
  }
  const lastBeat = hbs.at(-1);
  const lastStart = starts.at(-1);
  const closing: TimelineEntry | null =
    lastBeat && lastStart && lastBeat.lastTime > lastBeat.time ? { time: lastBeat.lastTime, kind: lastBeat.healthy ? 'healthy' : 'unhealthy', label: beatLabel(lastStart), check: null } : null;

  const others: TimelineEntry[] = [];
  const claim = (code: string): CheckId | null => ctx.tables.aadsts.get(code)?.check ?? null;
  for (const o of ctx.occurrences) {
    if (!o.time || o.via === 'heartbeat') continue;
    others.push({ time: o.time, kind: o.via === 'sign-in' ? 'signin-failure' : 'failure', label: `AADSTS${o.code}`, check: claim(o.code) });
  }
  for (const f of ctx.of('aad-network')) others.push({ time: f.time, kind: 'failure', label: f.hresult ?? `HTTP ${f.httpStatus ?? '?'}`, check: 'network' });
  for (const f of ctx.of('teams-log')) {
    if (f.time && f.topic === 'license') others.push({ time: f.time, kind: 'failure', label: 'licenseError', check: 'license' });
  }
  for (const f of ctx.of('device-event')) if (f.eventId === 4000) others.push({ time: f.time, kind: 'restart', label: f.label, check: null });
  for (const j of ctx.of('clock-jump')) others.push({ time: j.time, kind: 'clock-jump', label: `Device clock jumped back from ${formatUtc(j.from)} to ${formatUtc(j.to)}`, check: null });
  for (const s of ctx.of('signin')) if (s.errorCode === 0) others.push({ time: s.time, kind: 'signin-success', label: 'Sign-in succeeded', check: null });

  const beats = starts.length + (closing ? 1 : 0);
  const inOrder = starts.every((h, i) => i === 0 || compareText(starts[i - 1]?.time, h.time) <= 0);
  if (beats + others.length <= MAX_POINTS || !inOrder) {
    const out = [...starts.map(beatEntry), ...(closing ? [closing] : []), ...others].sort((a, b) => compareText(a.time, b.time));
    return out.length > MAX_POINTS ? condense(out) : out;
  }
  // The same points in the same order as sorting them all (beats first on a tie, as they were listed
  // first), fed to condense without making an entry for each heartbeat.
  others.sort((a, b) => compareText(a.time, b.time));
  const beatAt = (i: number): Point => starts[i] ?? (closing as TimelineEntry);
  const points: Point[] = [];
  let i = 0;
  let j = 0;
  while (i < beats || j < others.length) {
    const o = others[j];
    const b = i < beats ? beatAt(i) : null;
    if (b && (!o || compareText(o.time, b.time) >= 0)) {
      points.push(b);
      i += 1;
    } else if (o) {
      points.push(o);
      j += 1;
    }
  }
  return condense(points);
}

/** A point of the timeline: an entry, or a heartbeat that starts a run (its entry is made only if kept). */
type Point = TimelineEntry | HeartbeatFact;

function beatLabel(h: HeartbeatFact): string {
  return h.healthy ? 'Healthy' : [`Network: ${h.network}`, `Exchange: ${h.exchange}`, `Teams: ${h.teamsSignin}`].filter((s) => !/: (Healthy|Connected|null)$/i.test(s)).join(' · ');
}

function beatEntry(h: HeartbeatFact): TimelineEntry {
  return { time: h.time, kind: h.healthy ? 'healthy' : 'unhealthy', label: beatLabel(h), check: null };
}

/** A timeline stays drawable and the JSON small: beyond this, points are merged into time buckets. */
export const MAX_POINTS = 1500;
const BUCKETS = 300;

/**
 * Per bucket: one heartbeat point (unhealthy if any heartbeat in it was), and one point per failure label
 * with its count. Restarts and sign-in points are kept the same way.
 */
function condense(points: Point[]): TimelineEntry[] {
  const ms = isoMs();
  const t0 = ms(points[0]?.time ?? '');
  const t1 = ms(points.at(-1)?.time ?? '');
  const width = Math.max(1, (t1 - t0) / BUCKETS);
  // A heartbeat bucket is keyed by its number, a failure label by text: one map keeps their first-seen order.
  const buckets = new Map<number | string, TimelineEntry>();
  for (const point of points) {
    const b = Math.min(BUCKETS - 1, Math.floor((ms(point.time) - t0) / width));
    const p: TimelineEntry | null = 'kind' in point && point.kind === 'heartbeat' ? null : (point as TimelineEntry);
    const kind = p ? p.kind : (point as HeartbeatFact).healthy ? 'healthy' : 'unhealthy';
    const beat = kind === 'healthy' || kind === 'unhealthy';
    const key = beat ? b : `${b}|${kind}|${p?.label}`;
    const known = buckets.get(key);
    if (!known) {
      const entry = p ?? beatEntry(point as HeartbeatFact);
      buckets.set(key, { ...entry, time: beat ? new Date(t0 + b * width).toISOString() : entry.time, count: 1 });
      continue;
    }
    known.count = (known.count ?? 1) + 1;
    if (beat && kind === 'unhealthy' && known.kind === 'healthy') {
      known.kind = 'unhealthy';
      known.label = p ? p.label : beatLabel(point as HeartbeatFact);
    }
  }
  return [...buckets.values()].sort((a, b) => compareText(a.time, b.time));
}

const PLAIN_ISO = /^\d{4}-\d\d-\d\dT(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?Z$/;

/**
 * Date.parse, for a hundred thousand timeline points: for plain UTC times the hour is parsed once (points
 * come in time order) and the minutes, seconds and milliseconds are added (a fraction cut to 3 digits, as
 * Date.parse does); anything else goes to Date.parse itself.
 */
export function isoMs(): (iso: string) => number {
  let hour = '';
  let hourMs = Number.NaN;
  const digits = (s: string, at: number) => (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);
  return (iso) => {
    if (!PLAIN_ISO.test(iso)) return Date.parse(iso);
    if (!hour || !iso.startsWith(hour)) {
      hour = iso.slice(0, 13);
      hourMs = Date.parse(`${hour}:00:00Z`);
    }
    let fraction = 0;
    for (let k = 20, scale = 100; k < iso.length - 1 && scale >= 1; k += 1, scale /= 10) fraction += (iso.charCodeAt(k) - 48) * scale;
    return hourMs + digits(iso, 14) * 60_000 + digits(iso, 17) * 1000 + fraction;
  };
}
