// Heartbeat health over time with the failure events on it. Runs of identical heartbeats collapse
// into their first and last point so a week of 5-minute heartbeats stays drawable.
import type { CheckId, TimelineEntry } from '../model/analysis';
import type { CheckContext } from './context';

export function buildTimeline(ctx: CheckContext): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const hbs = ctx.heartbeats();
  for (let i = 0; i < hbs.length; i += 1) {
    const h = hbs[i];
    if (!h) continue;
    const prev = hbs[i - 1];
    const next = hbs[i + 1];
    const same = (o: typeof h | undefined) => !!o && o.healthy === h.healthy && o.exchange === h.exchange && o.network === h.network && o.teamsSignin === h.teamsSignin;
    if (same(prev) && same(next)) continue;
    out.push({
      time: h.time,
      kind: h.healthy ? 'healthy' : 'unhealthy',
      label: h.healthy ? 'Healthy' : [`Network: ${h.network}`, `Exchange: ${h.exchange}`, `Teams: ${h.teamsSignin}`].filter((s) => !/: (Healthy|Connected|null)$/i.test(s)).join(' · '),
      check: null,
    });
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
  return out.sort((a, b) => a.time.localeCompare(b.time));
}
