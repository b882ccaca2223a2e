// Heartbeat health over the evidence period, with failure events as ticks. Plain divs: no canvas, no inline <style>.
// From the keyboard: Tab to the timeline, ←/→ (Home/End) step through its marks, each read out below it.
import { useState, type KeyboardEvent } from 'react';
import type { AnalysisResult, TimelineEntry } from '../../../main/model/analysis';
import { formatCount, formatDeviceTime } from '../../../main/sheet/time';

const BINS = 120;

interface Segment {
  from: number;
  to: number;
  healthy: boolean;
  label: string;
}

interface Mark {
  at: number;
  text: string;
}

export function Timeline({ result }: { result: AnalysisResult }) {
  const { timeline, period, device } = result;
  const [active, setActive] = useState<number | null>(null);
  if (!period.from || !period.to || timeline.length === 0) return <p className="muted">No timed evidence.</p>;
  const formatTime = (iso: string | null | undefined) => formatDeviceTime(iso, device);
  const t0 = Date.parse(period.from);
  const t1 = Math.max(Date.parse(period.to), t0 + 60_000);
  const pos = (iso: string) => ((Date.parse(iso) - t0) / (t1 - t0)) * 100;

  const beats = timeline.filter((e) => e.kind === 'healthy' || e.kind === 'unhealthy');
  const segments: Segment[] = [];
  beats.forEach((b, i) => {
    const next = beats[i + 1];
    const from = pos(b.time);
    const to = next ? pos(next.time) : 100;
    const last = segments.at(-1);
    const healthy = b.kind === 'healthy';
    if (last && last.healthy === healthy && last.label === b.label) last.to = to;
    else segments.push({ from, to, healthy, label: b.label });
  });

  const failures = timeline.filter((e) => e.kind === 'failure' || e.kind === 'signin-failure');
  const bins = new Map<number, TimelineEntry[]>();
  for (const f of failures) {
    const bin = Math.min(BINS - 1, Math.floor((pos(f.time) / 100) * BINS));
    bins.set(bin, [...(bins.get(bin) ?? []), f]);
  }
  // Restarts and jumps of the device clock: one mark each, named by their label.
  const restarts = timeline.filter((e) => e.kind === 'restart' || e.kind === 'clock-jump');

  const marks: Mark[] = [
    ...segments.map((s) => ({ at: s.from, text: `${s.healthy ? 'Healthy heartbeats' : s.label} from ${formatTime(new Date(t0 + (s.from / 100) * (t1 - t0)).toISOString())}` })),
    ...[...bins.entries()].map(([bin, items]) => {
      const n = items.reduce((sum, i) => sum + (i.count ?? 1), 0);
      return { at: ((bin + 0.5) / BINS) * 100, text: `${formatCount(n)} × ${[...new Set(items.map((i) => i.label))].join(', ')} around ${formatTime(items[0]?.time)}` };
    }),
    ...restarts.map((r) => ({ at: pos(r.time), text: `${r.label} at ${formatTime(r.time)}` })),
  ].sort((a, b) => a.at - b.at);
  const onKeyDown = (e: KeyboardEvent) => {
    const last = marks.length - 1;
    const cur = active ?? -1;
    const next = e.key === 'ArrowRight' ? Math.min(last, cur + 1) : e.key === 'ArrowLeft' ? Math.max(0, cur - 1) : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (next === null || last < 0) return;
    e.preventDefault();
    setActive(next);
  };
  const current = active !== null ? marks[active] : undefined;

  return (
    <figure
      className="timeline"
      tabIndex={0}
      aria-labelledby="timeline-title"
      aria-describedby="timeline-help"
      onKeyDown={onKeyDown}
      onBlur={() => setActive(null)}
    >
      <p id="timeline-help" className="visually-hidden">
        {formatCount(marks.length)} marks from {formatTime(period.from)} to {formatTime(period.to)}. Use the left and right arrow keys to read them.
      </p>
      <div className="timeline-track">
        {segments.map((s) => (
          <div
            key={`${s.from}-${s.label}`}
            className={`timeline-seg ${s.healthy ? 'seg-healthy' : 'seg-unhealthy'}`}
            style={{ left: `${s.from}%`, width: `${Math.max(0.3, s.to - s.from)}%` }}
            title={s.healthy ? 'Healthy heartbeats' : s.label}
          />
        ))}
        {beats.length === 0 && <div className="timeline-seg seg-none" style={{ left: 0, width: '100%' }} title="No heartbeats in this bundle" />}
      </div>
      <div className="timeline-ticks" aria-hidden="true">
        {[...bins.entries()].map(([bin, items]) => {
          const n = items.reduce((sum, i) => sum + (i.count ?? 1), 0);
          return (
            <span
              key={bin}
              className="timeline-tick"
              style={{ left: `${((bin + 0.5) / BINS) * 100}%`, height: `${Math.min(22, 6 + n * 2)}px` }}
              title={`${n} × ${[...new Set(items.map((i) => i.label))].join(', ')} around ${formatTime(items[0]?.time)}`}
            />
          );
        })}
        {restarts.map((r) => (
          <span key={r.time} className="timeline-restart" style={{ left: `${pos(r.time)}%` }} title={`${r.label} at ${formatTime(r.time)}`} />
        ))}
        {current && <span className="timeline-cursor" style={{ left: `${current.at}%` }} aria-hidden="true" />}
      </div>
      <p className="timeline-readout" aria-live="polite">
        {current ? current.text : ''}
      </p>
      <figcaption className="timeline-axis">
        <span>{formatTime(period.from)}</span>
        <span className="timeline-legend">
          <i className="lg lg-healthy" /> healthy <i className="lg lg-unhealthy" /> unhealthy <i className="lg lg-failure" /> sign-in failures <i className="lg lg-restart" /> app restart or clock jump
        </span>
        <span>{formatTime(period.to)}</span>
      </figcaption>
    </figure>
  );
}
