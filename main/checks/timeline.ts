// Heartbeat health over time with the failure events on it. Runs of identical heartbeats collapse
// into their first and last point so a week of 5-minute heartbeats stays drawable.
import type { CheckId, TimelineEntry } from '../model/analysis';
import type { CheckContext } from './context';
import { compareText } from '../model/order';

export function buildTimeline(ctx: CheckContext): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const hbs = ctx.heartbeats();
  for (let i = 0; i < hbs.length; i += 1) {
    const h = hbs[i];
    if (!h) continue;
    const prev = hbs[i - 1];
    const same = (o: typeof h | undefined) => !!o && o.healthy === h.healthy && o.exchange === h.exchange && o.network === h.network && o.teamsSignin === h.teamsSignin;
    // Each run of like heartbeats is one point; the next run's point closes it.
    if (same(prev)) continue;
    out.push({
      time: h.time,
      kind: h.healthy ? 'healthy' : 'unhealthy',
      label: h.healthy ? 'Healthy' : [`Network: ${h.network}`, `Exchange: ${h.exchange}`, `Teams: ${h.teamsSignin}`].filter((s) => !/: (Healthy|Connected|null)$/i.test(s)).join(' · '),
      check: null,
    });
  }
  const lastBeat = hbs.at(-1);
  if (lastBeat && lastBeat.lastTime > lastBeat.time) {
    out.push({ time: lastBeat.lastTime, kind: lastBeat.healthy ? 'healthy' : 'unhealthy', label: out.at(-1)?.label ?? '', check: null });
  }
  const claim = (code: string): CheckId | null => ctx.tables.aadsts.get(code)?.check ?? null;
  for (const o of ctx.occurrences) {
    if (!o.time || o.via === 'heartbeat') continue;
    out.push({ time: o.time, kind: o.via === 'sign-in' ? 'signin-failure' : 'failure', label: `AADSTS${o.code}`, check: claim(o.code) });
  }
  for (const f of ctx.of('aad-network')) out.push({ time: f.time, kind: 'failure', label: f.hresult ?? `HTTP ${f.httpStatus ?? '?'}`, check: 'network' });
  for (const f of ctx.of('teams-log')) {
    if (f.time && f.topic === 'license') out.push({ time: f.time, kind: 'failure', label: 'licenseError', check: 'license' });
  }
  for (const f of ctx.of('device-event')) if (f.eventId === 4000) out.push({ time: f.time, kind: 'restart', label: f.label, check: null });
  for (const s of ctx.of('signin')) if (s.errorCode === 0) out.push({ time: s.time, kind: 'signin-success', label: 'Sign-in succeeded', check: null });
  out.sort((a, b) => compareText(a.time, b.time));
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
  const t0 = Date.parse(points[0]?.time ?? '');
  const t1 = Date.parse(points.at(-1)?.time ?? '');
  const width = Math.max(1, (t1 - t0) / BUCKETS);
  const buckets = new Map<string, TimelineEntry>();
  for (const p of points) {
    const b = Math.min(BUCKETS - 1, Math.floor((Date.parse(p.time) - t0) / width));
    const beat = p.kind === 'healthy' || p.kind === 'unhealthy';
    const key = beat ? `${b}|beat` : `${b}|${p.kind}|${p.label}`;
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
