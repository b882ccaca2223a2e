// Shared pieces for composing a check result: time spans, evidence selection, status wording.
import type { CheckedSource, CheckId, CheckResult, CheckStatus, Evidence, Reason } from '../model/analysis';
import { evidenceShape } from '../evidence/raw-keeper';
import { formatCount, formatUtc } from '../model/display-format';
import type { CheckContext } from './context';
import { compareText } from '../model/order';

export interface Sighting {
  time: string | null;
  evidence: Evidence;
  /** A run of identical heartbeats counts as many sightings, up to its last time. */
  count?: number;
  lastTime?: string;
}

/** How many sightings a list stands for (runs count fully). */
export function weight(sightings: readonly Sighting[]): number {
  return sightings.reduce((n, s) => n + (s.count ?? 1), 0);
}

function lastTimeOf(s: Sighting): string | null {
  return s.lastTime ?? s.time;
}

export function when(iso: string | null | undefined): string {
  return formatUtc(iso, 'an unknown time');
}

export function span(first: string | null, last: string | null): string {
  if (!first) return '';
  if (!last || first.slice(0, 16) === last.slice(0, 16)) return `at ${when(first)}`;
  return `from ${when(first)} to ${when(last)}`;
}

export function times(n: number): string {
  return n === 1 ? 'once' : `${formatCount(n)} times`;
}

/**
 * Keeps evidence readable: the first and last sighting plus distinct excerpts, at most `max`,
 * in time order. The count of all sightings is reported separately.
 */
export function selectEvidence(sightings: readonly Sighting[], max = 6): Evidence[] {
  if (sightings.length <= max) return dedupe(sightings.map((s) => s.evidence));
  const chosen: Evidence[] = [];
  const seen = new Set<string>();
  const add = (e: Evidence | undefined) => {
    if (!e) return;
    const key = `${e.source}|${e.locator}`;
    if (seen.has(key) || chosen.length >= max) return;
    seen.add(key);
    chosen.push(e);
  };
  add(sightings[0]?.evidence);
  add(sightings.at(-1)?.evidence);
  const distinct = new Set<string>();
  for (const s of sightings) {
    if (chosen.length >= max) break;
    const shape = evidenceShape(s.evidence);
    if (!distinct.has(shape)) {
      distinct.add(shape);
      add(s.evidence);
    }
  }
  return chosen.sort((a, b) => compareText(a.time, b.time));
}

function dedupe(list: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.source}|${e.locator}|${e.excerpt}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The list itself when already in time order (usually: thousands of sightings), else a sorted copy. */
function inTimeOrder(sightings: readonly Sighting[]): readonly Sighting[] {
  for (let i = 1; i < sightings.length; i += 1) {
    if (compareText(sightings[i - 1]?.time, sightings[i]?.time) > 0) return [...sightings].sort((a, b) => compareText(a.time, b.time));
  }
  return sightings;
}

export interface Outcome {
  status: CheckStatus;
  summary: string;
  evidence?: Evidence[];
  /** Steps specific to what was found, shown before the article's generic steps. */
  remedy?: string[];
  /** Replace the generic steps entirely (e.g. for pass). */
  replaceRemedy?: boolean;
  firstSeen?: string | null;
  lastSeen?: string | null;
  occurrences?: number;
  recoveredAt?: string | null;
  reason?: Reason;
  checked?: CheckedSource[];
  lastHealthy?: string | null;
  unexplained?: CheckResult['unexplained'];
  action?: string;
  /** For unknown: the sources this input lacks that would settle it (verdict.ts `settledBy`). */
  missingSource?: string | null;
}

const DEFAULT_REASON: Record<CheckStatus, Reason['code']> = { fail: 'failing', warn: 'risk', pass: 'healthy', unknown: 'no-source' };

export function result(ctx: CheckContext, id: CheckId, o: Outcome): CheckResult {
  const meta = ctx.tables.meta[id];
  const specific = o.remedy ?? [];
  const generic = specific.length > 0 && meta.remedyWithCodes ? meta.remedyWithCodes : meta.remedy;
  const steps =
    o.status === 'pass' || o.status === 'unknown' ? specific : o.replaceRemedy ? specific : [...specific, ...generic.filter((s) => !specific.includes(s))];
  // Steps name this room's account where the tables say <account>; without one, the words say whose.
  const account = ctx.account.current ?? ctx.account.requested;
  const remedy = steps.map((s) => s.replaceAll('<account>', account ?? "the room's account"));
  const r: CheckResult = {
    id,
    title: meta.title,
    status: o.status,
    summary: o.summary,
    evidence: o.evidence ?? [],
    remedy,
    links: meta.links,
    reason: o.reason ?? { code: o.recoveredAt ? 'resolved' : DEFAULT_REASON[o.status], text: o.summary },
    checked: o.checked ?? [],
  };
  if (o.lastHealthy) r.lastHealthy = o.lastHealthy;
  if (o.unexplained) r.unexplained = o.unexplained;
  // A resolved finding's past-tense sentence is the Diagnosis' (main/analysis/diagnosis.ts), never worded here.
  if (o.action) r.action = o.action;
  if (o.status === 'fail' || o.status === 'warn') r.portalSignal = meta.portalSignal[ctx.generation];
  if (o.firstSeen) r.firstSeen = o.firstSeen;
  if (o.lastSeen) r.lastSeen = o.lastSeen;
  if (o.occurrences !== undefined) r.occurrences = o.occurrences;
  if (o.recoveredAt) r.recoveredAt = o.recoveredAt;
  if (o.status === 'unknown' && o.missingSource) r.missingSource = o.missingSource;
  return r;
}

/**
 * The shared description of "failures were seen": first and last sighting, count, evidence. The status is
 * `fail`; verdict.ts decides whether positive evidence after the last one makes it `warn` (resolved).
 */
export function failureOutcome(
  sightings: Sighting[],
  describe: (s: { count: string; span: string; first: string | null; last: string | null }) => string,
  remedy: string[],
  /** What to report as the number of occurrences (e.g. sign-in attempts, not every heartbeat). */
  count: number = weight(sightings),
): Outcome {
  // Usually in time order already (a check's list of thousands): then it is not copied and sorted again.
  const sorted = inTimeOrder(sightings);
  const first = sorted[0]?.time ?? null;
  let last: string | null = null;
  for (const s of sorted) {
    const t = lastTimeOf(s);
    if (t && (!last || t > last)) last = t;
  }
  return {
    status: 'fail',
    summary: describe({ count: times(count), span: span(first, last), first, last }),
    evidence: selectEvidence(sorted),
    remedy,
    firstSeen: first,
    lastSeen: last,
    occurrences: count,
  };
}
