// What every check can ask of the evidence: facts by kind, AADSTS occurrences from any source,
// and whether the device looked healthy after a given time.
import type { CheckId, Evidence } from '../model/analysis';
import type { Fact, FactSet, HeartbeatFact, SignInFact } from '../model/facts';
import type { Tables } from './tables';

/** One sighting of an AADSTS code, wherever it came from. */
export interface CodeOccurrence {
  code: string;
  time: string | null;
  /** For a run of heartbeats: how many, and the last one's time. */
  count?: number;
  lastTime?: string;
  via: 'aad-log' | 'heartbeat' | 'teams-log' | 'sign-in';
  evidence: Evidence;
  fact: Fact;
}

const AADSTS = /AADSTS(\d{5,7})/;

export function aadstsIn(text: string | null | undefined): string | null {
  const m = text ? AADSTS.exec(text) : null;
  return m ? (m[1] ?? null) : null;
}

function byTime(a: { time: string | null }, b: { time: string | null }): number {
  return (a.time ?? '').localeCompare(b.time ?? '');
}

export class CheckContext {
  readonly occurrences: CodeOccurrence[];
  private readonly byKind = new Map<Fact['kind'], Fact[]>();

  constructor(
    readonly set: FactSet,
    readonly tables: Tables,
    /** "Now" for predictions such as password expiry; injected so results are reproducible. */
    readonly now: Date,
  ) {
    for (const f of set.facts) {
      const list = this.byKind.get(f.kind) ?? [];
      list.push(f);
      this.byKind.set(f.kind, list);
    }
    for (const list of this.byKind.values()) list.sort((a, b) => byTime(timed(a), timed(b)));
    this.occurrences = collectOccurrences(set.facts).sort(byTime);
  }

  get sources() {
    return this.set.sources;
  }

  of<K extends Fact['kind']>(kind: K): Extract<Fact, { kind: K }>[] {
    return (this.byKind.get(kind) ?? []) as Extract<Fact, { kind: K }>[];
  }

  /** Occurrences of the codes a check claims in the AADSTS table. */
  occurrencesFor(check: CheckId): CodeOccurrence[] {
    const codes = this.tables.codesOf(check);
    return this.occurrences.filter((o) => codes.has(o.code));
  }

  heartbeats(): HeartbeatFact[] {
    return this.of('heartbeat');
  }

  /**
   * When the device looked healthy again after `time`: a successful sign-in, or heartbeats that stayed
   * healthy for at least RECOVERY_MS (one healthy beat between failures is not a recovery).
   */
  recoveredAfter(time: string | null, healthy: (h: HeartbeatFact) => boolean = (h) => h.healthy): string | null {
    if (!time) return null;
    let hb: string | null = null;
    for (const stretch of healthyStretches(this.heartbeats(), healthy)) {
      if (stretch.end <= time) continue;
      const run = stretch.runs.find((r) => r.lastTime > time) as HeartbeatFact;
      const from = run.time > time ? run.time : firstBeatAfter(run, time);
      if (Date.parse(stretch.end) - Date.parse(from) >= RECOVERY_MS) {
        hb = from;
        break;
      }
    }
    const si = this.of('signin').find((s: SignInFact) => s.time > time && s.errorCode === 0);
    const candidates = [hb, si?.time].filter((t): t is string => typeof t === 'string').sort();
    return candidates[0] ?? null;
  }

  /** Evidence time window across all sources. */
  get window() {
    return this.set.window;
  }
}

/** Two heartbeat intervals: healthy that long after the last failure counts as recovered. */
const RECOVERY_MS = 10 * 60_000;

interface Stretch {
  end: string;
  runs: HeartbeatFact[];
}

/** Consecutive healthy heartbeats (one or more runs) as stretches ending at their last beat. */
function healthyStretches(beats: HeartbeatFact[], healthy: (h: HeartbeatFact) => boolean): Stretch[] {
  const out: Stretch[] = [];
  let current: Stretch | null = null;
  for (const h of beats) {
    if (!healthy(h)) {
      current = null;
      continue;
    }
    if (current) {
      current.runs.push(h);
      if (h.lastTime > current.end) current.end = h.lastTime;
    } else {
      current = { end: h.lastTime, runs: [h] };
      out.push(current);
    }
  }
  return out;
}

/** Within a run of regular heartbeats, the first one after `time`. */
function firstBeatAfter(h: HeartbeatFact, time: string): string {
  if (h.time > time || h.count < 2) return h.time;
  const start = Date.parse(h.time);
  const step = (Date.parse(h.lastTime) - start) / (h.count - 1);
  const n = Math.floor((Date.parse(time) - start) / step) + 1;
  return new Date(Math.min(start + n * step, Date.parse(h.lastTime))).toISOString();
}

function timed(f: Fact): { time: string | null } {
  return 'time' in f ? { time: f.time } : { time: null };
}

function collectOccurrences(facts: Fact[]): CodeOccurrence[] {
  const out: CodeOccurrence[] = [];
  for (const f of facts) {
    switch (f.kind) {
      case 'aad-error':
        if (f.aadsts) out.push({ code: f.aadsts, time: f.time, via: 'aad-log', evidence: f.evidence, fact: f });
        break;
      case 'heartbeat': {
        const code = aadstsIn(f.exchange) ?? aadstsIn(f.signin) ?? aadstsIn(f.teamsSignin);
        if (code) out.push({ code, time: f.time, count: f.count, lastTime: f.lastTime, via: 'heartbeat', evidence: f.evidence, fact: f });
        break;
      }
      case 'teams-log':
        if (f.aadsts) out.push({ code: f.aadsts, time: f.time, via: 'teams-log', evidence: f.evidence, fact: f });
        break;
      case 'signin':
        if (f.errorCode !== 0) out.push({ code: String(f.errorCode), time: f.time, via: 'sign-in', evidence: f.evidence, fact: f });
        break;
      default:
        break;
    }
  }
  return out;
}
