// What every check can ask of the evidence: facts of the current account by kind, sign-in attempts counted
// once, AADSTS occurrences from any source, positive evidence of health by aspect, and what was read.
import { CHECK_IDS, type AppGeneration, type CheckedSource, type CheckId, type CheckResult, type Evidence, type LiveTestSection } from '../model/analysis';
import type { Fact, FactSet, HeartbeatFact } from '../model/facts';
import { accountView, currentFactTest, type AccountView } from './account-view';
import { buildAttempts, DEFAULT_SIGNIN_LOG_DELAY_MINUTES, type AttemptRecord } from './attempts';
import { generationOf } from './device';
import type { Tables } from './tables';
import { compareText } from '../model/order';

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
  /** The attempt this sighting is (device AAD log or Entra row), counted once across both views. */
  attempt?: AttemptRecord;
}

/** A moment of positive evidence of health: one event, or a run of heartbeats from `time` to `lastTime`. */
export interface HealthSighting {
  time: string;
  lastTime: string;
  /** Heartbeats must last RECOVERY_MS to show recovery; a successful sign-in or an Entra answer counts at once. */
  sustained: boolean;
  what: string;
  evidence: Evidence;
  /** Heartbeats this sighting stands for. */
  count?: number;
}

/** What positive evidence is asked for. */
export type HealthAspect = 'network' | 'token' | 'exchange' | 'teams';

const AADSTS = /AADSTS(\d{5,7})/;

export function aadstsIn(text: string | null | undefined): string | null {
  const m = text ? AADSTS.exec(text) : null;
  return m ? (m[1] ?? null) : null;
}

function byTime(a: { time: string | null }, b: { time: string | null }): number {
  return compareText(a.time, b.time);
}

/** Two heartbeat intervals: healthy that long after the last failure counts as recovered. */
export const RECOVERY_MS = 10 * 60_000;
/** Heartbeats come every 5 minutes: runs further apart than this have something else between them. */
const BEAT_GAP_MS = 6 * 60_000;

const isHealthy = (v: string | null) => !!v && /^healthy$/i.test(v);

/** Heartbeat predicates: a 2000 says all three were healthy, even when it names none of them. */
export const HEARTBEAT_HEALTH: Record<HealthAspect, (h: HeartbeatFact) => boolean> = {
  network: (h) => isHealthy(h.network) || (h.allHealthy && !h.network),
  token: (h) => isHealthy(h.teamsSignin) || /^connected$/i.test(h.exchange ?? '') || h.allHealthy,
  exchange: (h) => /^connected$/i.test(h.exchange ?? '') || (h.allHealthy && !h.exchange),
  teams: (h) => isHealthy(h.teamsSignin) || (h.allHealthy && !h.teamsSignin),
};

/** A heartbeat that reports this aspect as not healthy (a 2001 naming it unhealthy, disconnected or an error). */
export const HEARTBEAT_TROUBLE: Record<HealthAspect, (h: HeartbeatFact) => boolean> = {
  network: (h) => !h.allHealthy && !!h.network && !isHealthy(h.network),
  token: (h) => !h.allHealthy && !isHealthy(h.teamsSignin) && !/^connected$/i.test(h.exchange ?? '') && (!!h.teamsSignin || !!h.exchange),
  exchange: (h) => !h.allHealthy && !!h.exchange && !/^(connected|notapplicable)$/i.test(h.exchange),
  teams: (h) => !h.allHealthy && !!h.teamsSignin && !/^(healthy|notapplicable)$/i.test(h.teamsSignin),
};

// Read after "heartbeat " in sentences ("heartbeat reporting a healthy sign-in (time)"). Exchange's stays a bare
// status: the mailbox check turns "heartbeat Exchange status …" into "heartbeats report Exchange status …".
const ASPECT_TEXT: Record<HealthAspect, string> = {
  network: 'reporting Network status Healthy',
  token: 'reporting a healthy sign-in',
  exchange: 'Exchange status Connected',
  teams: 'reporting Teams Signin status Healthy',
};

export class CheckContext {
  readonly occurrences: CodeOccurrence[];
  /** Occurrences of earlier accounts' failures: history, never today's verdict. */
  readonly history: CodeOccurrence[];
  readonly attempts: AttemptRecord[];
  readonly account: AccountView;
  /** The live network test's sheet section, set by the network check (main/checks/network.ts). */
  liveTest: LiveTestSection | null = null;
  private failingChecks: CheckResult[] = [];
  private failingRead = false;
  private readonly byKind = new Map<Fact['kind'], Fact[]>();
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly set: FactSet,
    readonly tables: Tables,
    /** "Now" for predictions such as password expiry; injected so results are reproducible. */
    readonly now: Date,
  ) {
    this.account = accountView(set.facts, set.requestedAccount ?? null);
    const isCurrent = currentFactTest(this.account);
    const old: Fact[] = [];
    const change = this.account.changeAt;
    // Facts come grouped by source, so the list of the previous fact's kind is usually the one wanted.
    let kind: Fact['kind'] | null = null;
    let list: Fact[] = [];
    for (const fact of set.facts) {
      let f = fact;
      // A run of identical heartbeats across the account change: the beats before it are the earlier account's.
      if (f.kind === 'heartbeat' && change && !f.alias && f.time < change && f.lastTime >= change) {
        const [before, after] = splitRun(f, change);
        if (before) old.push(before);
        f = after;
      }
      if (!isCurrent(f)) {
        old.push(f);
        continue;
      }
      if (f.kind !== kind) {
        kind = f.kind;
        list = this.byKind.get(kind) ?? [];
        this.byKind.set(kind, list);
      }
      list.push(f);
    }
    for (const list of this.byKind.values()) list.sort((a, b) => compareText(timeOf(a), timeOf(b)));
    this.attempts = buildAttempts({
      device: this.of('aad-error').filter((f) => f.origin === 'app'),
      entra: this.of('signin'),
      tables,
      // Entra was read for another account than the device's: its attempts were never looked up.
      entraRead: set.sources.graphSignIns && !this.account.mismatch,
      readAt: set.graphReadAt ?? null,
      delayMinutes: set.signInLogDelayMinutes ?? DEFAULT_SIGNIN_LOG_DELAY_MINUTES,
    });
    const relabel = relabels(this.attempts);
    const found = [...stateOccurrences(this.of('heartbeat')), ...stateOccurrences(this.of('teams-log'))];
    const state = relabel.size
      ? found.map((o) => {
          const to = relabel.get(o.code);
          return to ? { ...o, code: to } : o;
        })
      : found;
    this.occurrences = [...attemptOccurrences(this.attempts), ...state].sort(byTime);
    this.history = stateOccurrences(old).concat(
      old.filter((f) => f.kind === 'aad-error' && f.origin === 'app' && f.aadsts).map((f) => ({ code: (f as { aadsts: string }).aadsts, time: (f as { time: string }).time, via: 'aad-log' as const, evidence: (f as { evidence: Evidence }).evidence, fact: f })),
    );
  }

  get sources() {
    return this.set.sources;
  }

  /** Checks found failing in a first pass (run-checks.ts): they explain trouble that no other evidence names. */
  get failing(): CheckResult[] {
    this.failingRead = true;
    return this.failingChecks;
  }

  set failing(checks: CheckResult[]) {
    this.failingChecks = checks;
  }

  /**
   * Runs one check and says whether it looked at `failing`: one that did not cannot change once the first
   * pass's failures are known, so run-checks.ts keeps its first verdict instead of computing it again.
   */
  tracked<T>(evaluate: () => T): { value: T; readFailing: boolean } {
    this.failingRead = false;
    const value = evaluate();
    return { value, readFailing: this.failingRead };
  }

  /**
   * Evidence derived from the facts, computed once per context: the checks run twice (run-checks.ts) and several
   * ask for the same lists. Never for anything that depends on `failing`. Callers must not change the value.
   */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const outer = this.failingRead;
    this.failingRead = false;
    const value = compute();
    // Kept across both passes, so it must not depend on the first pass's failures.
    if (this.failingRead) throw new Error(`CheckContext.memo("${key}") read ctx.failing: it cannot be kept across passes`);
    this.failingRead = outer;
    this.memos.set(key, value);
    return value;
  }

  /** Facts of the current account (and Graph facts about it) of one kind, in time order. */
  of<K extends Fact['kind']>(kind: K): Extract<Fact, { kind: K }>[] {
    return (this.byKind.get(kind) ?? []) as Extract<Fact, { kind: K }>[];
  }

  /** Occurrences of the codes a check claims in the AADSTS table. */
  occurrencesFor(check: CheckId): CodeOccurrence[] {
    return this.memo('occurrences-by-check', () => this.byCheck(this.occurrences)).get(check) ?? [];
  }

  historyFor(check: CheckId): CodeOccurrence[] {
    return this.memo('history-by-check', () => this.byCheck(this.history)).get(check) ?? [];
  }

  /** Occurrences split by the checks that claim their codes, in one pass and in their order. */
  private byCheck(occurrences: CodeOccurrence[]): Map<CheckId, CodeOccurrence[]> {
    const claims = new Map<string, CodeOccurrence[][]>();
    const out = new Map<CheckId, CodeOccurrence[]>();
    for (const id of CHECK_IDS) {
      const list: CodeOccurrence[] = [];
      out.set(id, list);
      for (const code of this.tables.codesOf(id)) claims.set(code, [...(claims.get(code) ?? []), list]);
    }
    for (const o of occurrences) for (const list of claims.get(o.code) ?? []) list.push(o);
    return out;
  }

  heartbeats(): HeartbeatFact[] {
    return this.of('heartbeat');
  }

  private readonly healthCache = new Map<HealthAspect, HealthSighting[]>();

  /**
   * Positive evidence of one aspect of health, for the current account, in time order. Computed once per
   * aspect: weeks of alternating heartbeats are hundreds of thousands of sightings, asked for by every check.
   */
  health(aspect: HealthAspect): HealthSighting[] {
    const known = this.healthCache.get(aspect);
    if (known) return known;
    const computed = this.computeHealth(aspect);
    this.healthCache.set(aspect, computed);
    return computed;
  }

  private computeHealth(aspect: HealthAspect): HealthSighting[] {
    const out: HealthSighting[] = [];
    const healthy = HEARTBEAT_HEALTH[aspect];
    const named = `heartbeat ${ASPECT_TEXT[aspect]}`;
    const beats = this.heartbeats();
    // A heartbeat that says only "healthy" is the same sighting for every aspect: made once and shared.
    const plain = this.memo('plain-healthy-beats', () =>
      beats.map((h): HealthSighting | null =>
        h.allHealthy && !h.network && !h.exchange && !h.teamsSignin ? { time: h.time, lastTime: h.lastTime, sustained: false, count: h.count, what: 'heartbeat "healthy"', evidence: h.evidence } : null,
      ),
    );
    beats.forEach((h, i) => {
      if (healthy(h)) out.push(plain[i] ?? { time: h.time, lastTime: h.lastTime, sustained: false, count: h.count, what: named, evidence: h.evidence });
    });
    const signins = this.of('signin');
    if (aspect === 'network') {
      // Entra answered: the request crossed the network (an AADSTS code or an Entra row of any outcome).
      for (const a of this.attempts) {
        if (a.deviceFact?.aadsts || a.entraFact) out.push({ time: a.attempt.time, lastTime: a.attempt.time, sustained: true, what: a.entraFact ? 'a sign-in that reached Entra' : 'an answer from Entra (AADSTS code)', evidence: a.evidence });
      }
    }
    if (aspect === 'token') {
      for (const s of signins) if (s.errorCode === 0) out.push({ time: s.time, lastTime: s.time, sustained: true, what: 'a successful sign-in in Entra', evidence: s.evidence });
      for (const t of this.of('teams-log')) if (t.topic === 'signin-success' && t.time) out.push({ time: t.time, lastTime: t.time, sustained: true, what: 'a successful sign-in in the Teams log', evidence: t.evidence });
    }
    if (aspect === 'exchange') {
      for (const m of this.of('mailbox')) {
        if (m.roomFound === true || m.mailboxMissing === false) out.push({ time: this.now.toISOString(), lastTime: this.now.toISOString(), sustained: true, what: m.roomFound ? 'the room listed in the tenant' : 'the mailbox answering', evidence: m.evidence });
      }
    }
    return out.sort(byTime);
  }

  /**
   * When health came back after `time`: a sustained sighting (a successful sign-in, an Entra answer) after it,
   * or heartbeats that stayed healthy for at least RECOVERY_MS (one healthy beat between failures is not a
   * recovery). Healthy runs closer than a missed beat apart form one stretch.
   */
  recoveredAfter(time: string | null, sightings: HealthSighting[]): string | null {
    if (!time) return null;
    let start: string | null = null;
    let end: string | null = null;
    for (const s of sightings) {
      if (s.lastTime <= time) continue;
      if (s.sustained) return s.time > time ? s.time : time;
      const from = s.time > time ? s.time : firstBeatAfter(s, time);
      if (end && Date.parse(s.time) - Date.parse(end) <= BEAT_GAP_MS) {
        if (s.lastTime > end) end = s.lastTime;
      } else {
        start = from;
        end = s.lastTime;
      }
      if (start && Date.parse(end) - Date.parse(start) >= RECOVERY_MS) return start;
    }
    return null;
  }

  /** The first heartbeat after `time` reporting this aspect unhealthy, when there is one. */
  troubleAfter(aspect: HealthAspect, time: string): { time: string; evidence: Evidence } | null {
    return this.memo(`trouble:${aspect}|${time}`, () => {
      const h = this.heartbeats().find((b) => b.lastTime > time && HEARTBEAT_TROUBLE[aspect](b));
      return h ? { time: h.time > time ? h.time : time, evidence: h.evidence } : null;
    });
  }

  /** What the bundle's sources held, filtered by label. */
  checked(...labels: string[]): CheckedSource[] {
    return (this.set.checked ?? []).filter((c) => labels.includes(c.label));
  }

  /** The app generation the heartbeats report (for the portal signal a finding explains). */
  get generation(): AppGeneration {
    return this.memo('generation', () => {
      const beats = this.heartbeats();
      for (let i = beats.length - 1; i >= 0; i -= 1) {
        const v = beats[i]?.appVersion;
        if (v) return generationOf(v);
      }
      return generationOf(null);
    });
  }

  /** Evidence time window across all sources. */
  get window() {
    return this.set.window;
  }
}

/** The interval between the beats of a run of regular heartbeats (null for a single beat). */
function beatStep(h: { time: string; lastTime: string; count?: number }): number | null {
  const count = h.count ?? 1;
  return count < 2 ? null : (Date.parse(h.lastTime) - Date.parse(h.time)) / (count - 1);
}

/** Splits a heartbeat run at `at`: the beats before it, and the rest (at least one beat). */
function splitRun(h: HeartbeatFact, at: string): [HeartbeatFact | null, HeartbeatFact] {
  const step = beatStep(h);
  if (step === null) return [null, h];
  const start = Date.parse(h.time);
  const n = Math.min(h.count - 1, Math.max(0, Math.ceil((Date.parse(at) - start) / step)));
  if (n === 0) return [null, h];
  const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
  return [
    { ...h, lastTime: iso(start + (n - 1) * step), count: n },
    { ...h, time: iso(start + n * step), count: h.count - n },
  ];
}

/** Within a run of regular heartbeats, the first one after `time`. */
function firstBeatAfter(h: { time: string; lastTime: string; count?: number }, time: string): string {
  const step = beatStep(h);
  if (h.time > time || step === null) return h.time;
  const start = Date.parse(h.time);
  const n = Math.floor((Date.parse(time) - start) / step) + 1;
  return new Date(Math.min(start + n * step, Date.parse(h.lastTime))).toISOString();
}

function timeOf(f: Fact): string | null {
  return 'time' in f ? f.time : null;
}

/**
 * Device codes Entra consistently replaced: when every linked attempt the device logged as D has Entra's
 * code E, the heartbeats and Teams lines that echo D (the device's state, not attempts) read as E too.
 */
function relabels(attempts: AttemptRecord[]): Map<string, string> {
  const seen = new Map<string, Set<string>>();
  for (const a of attempts) {
    if (!a.deviceCode || !a.entraFact) continue;
    const set = seen.get(a.deviceCode) ?? new Set<string>();
    set.add(a.code ?? a.deviceCode);
    seen.set(a.deviceCode, set);
  }
  const out = new Map<string, string>();
  for (const [d, codes] of seen) {
    const [only] = [...codes];
    if (codes.size === 1 && only && only !== d) out.set(d, only);
  }
  return out;
}

/** One occurrence per attempt with a code: linked device and Entra views count once. */
function attemptOccurrences(attempts: AttemptRecord[]): CodeOccurrence[] {
  const out: CodeOccurrence[] = [];
  for (const a of attempts) {
    if (!a.code) continue;
    const fact = (a.deviceFact ?? a.entraFact) as Fact;
    out.push({ code: a.code, time: a.attempt.time, via: a.deviceFact ? 'aad-log' : 'sign-in', evidence: a.evidence, fact, attempt: a });
  }
  return out;
}

/** Codes in heartbeats (the state the device reports) and Teams log lines. */
function stateOccurrences(facts: Fact[]): CodeOccurrence[] {
  const out: CodeOccurrence[] = [];
  // Heartbeats repeat a few status texts thousands of times: each is searched once.
  const codes = new Map<string, string | null>();
  const codeIn = (text: string | null | undefined) => {
    if (!text) return null;
    let code = codes.get(text);
    if (code === undefined) {
      code = aadstsIn(text);
      codes.set(text, code);
    }
    return code;
  };
  for (const f of facts) {
    if (f.kind === 'heartbeat') {
      const code = codeIn(f.exchange) ?? codeIn(f.teamsSignin) ?? codeIn(f.signin);
      if (code) out.push({ code, time: f.time, count: f.count, lastTime: f.lastTime, via: 'heartbeat', evidence: f.evidence, fact: f });
    } else if (f.kind === 'teams-log' && f.aadsts) {
      out.push({ code: f.aadsts, time: f.time, via: 'teams-log', evidence: f.evidence, fact: f });
    }
  }
  return out;
}

