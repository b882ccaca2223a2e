// One event log → its facts: AAD Operational errors and network failures, Skype Room System heartbeats and
// device events, and the accounts the records name.
import type { EvtxSource } from '../evtx/index';
import { readEvtxBatches } from '../evtx/index';
import type { EvtxProblem, EvtxRecord } from '../evtx/types';
import type { AccountSeenFact, ClockJumpFact, Fact, HeartbeatFact } from '../model/facts';
import { clockField, WriteOrderClock } from './clock';
import { AAD_EVENT_IDS, AAD_PROVIDER, aadAccount, aadBody, aadFact } from './aad-events';
import { DeviceSpans } from './device-spans';
import { ownCopy, recordLocator } from './excerpt';
import type { HeartbeatWindow } from './heartbeat-window';
import { RawKeeper } from './raw-keeper';
import { SRS_EVENT_IDS, SRS_PROVIDER, srsAccount, srsFact, srsPayload } from './srs-events';

const AAD_PROVIDER_LOWER = AAD_PROVIDER.toLowerCase();
/** Provider names compare case-insensitively; the usual spellings cost no new string per record. */
function isAadProvider(provider: string): boolean {
  return provider === AAD_PROVIDER || (provider !== SRS_PROVIDER && provider.toLowerCase() === AAD_PROVIDER_LOWER);
}

export class Period {
  from: string | null = null;
  to: string | null = null;
  add(t: string | null): void {
    if (!t) return;
    if (!this.from || t < this.from) this.from = t;
    if (!this.to || t > this.to) this.to = t;
  }
}

/** Collapses consecutive sightings of one account from one source into one fact. */
export class AccountSightings {
  readonly facts: AccountSeenFact[] = [];
  private last = new Map<string, AccountSeenFact>();

  /** `evidence` (from `source`) may be a function: most sightings only extend a run, and need none. */
  see(account: string | null, time: string, via: AccountSeenFact['via'], source: string, evidence: AccountSeenFact['evidence'] | (() => AccountSeenFact['evidence'])): void {
    if (!account) return;
    const key = `${via}|${source}`;
    const run = this.last.get(key);
    if (run && run.account === account && time >= run.lastTime) {
      run.count += 1;
      run.lastTime = time;
      return;
    }
    // A sighting needs no raw event: it only says who the device was.
    const { raw: _raw, ...bare } = typeof evidence === 'function' ? evidence() : evidence;
    const f: AccountSeenFact = { kind: 'account-seen', account, time, lastTime: time, count: 1, via, evidence: bare };
    this.facts.push(f);
    this.last.set(key, f);
  }
}

/**
 * The last record of each event id with what was worked out from its data. A room writes the same cache, API
 * and heartbeat events tens of thousands of times, differing only in time and record id: when a record's data
 * has the same bytes as the last one's (EvtxRecord.sameData), it is not decoded again.
 */
class LastOfEvent<V> {
  private readonly last = new Map<number, { rec: EvtxRecord; value: V }>();

  get(rec: EvtxRecord): V | undefined {
    const l = this.last.get(rec.eventId);
    return l && rec.sameData?.(l.rec) ? l.value : undefined;
  }

  set(rec: EvtxRecord, value: V): void {
    if (rec.sameData) this.last.set(rec.eventId, { rec, value });
  }
}

export interface EventLogReading {
  /** AAD and device-event facts, in record order (heartbeats go to the window). */
  facts: Fact[];
  /** Account sightings of this log, in order. */
  sightings: AccountSeenFact[];
  aad: { n: number; from: string | null; to: string | null };
  srs: { n: number; beats: number; from: string | null; to: string | null };
  /** First and last record time. */
  all: { from: string | null; to: string | null };
  /** The computers the evidence came from, and when (a bundle of one device has one). */
  devices: DeviceSpans;
  problems: EvtxProblem[];
  /** Where the device clock went back in this log's write order (times after it are placed, evidence/clock.ts). */
  clockJumps: ClockJumpFact[];
}

/** A fact made from a record the clock placed elsewhere than it was written: placed time, written evidence time. */
function placeFact(f: Fact & { time: string; evidence: { time: string | null; fields?: { label: string; value: string }[] } }, written: string, placed: string): void {
  f.time = placed;
  if ('lastTime' in f) f.lastTime = placed;
  f.evidence.time = written;
  f.evidence.fields = [...(f.evidence.fields ?? []), clockField(written, placed)];
}

/**
 * Reads one event log. Heartbeats go to `beats`; the raw XML of the evidence worth showing is rendered before
 * this returns. Damage becomes problems and reading goes on; an abort (signal) throws.
 */
export async function readEventLog(file: EvtxSource, path: string, beats: HeartbeatWindow, signal?: AbortSignal): Promise<EventLogReading> {
  const facts: Fact[] = [];
  const problems: EvtxProblem[] = [];
  const raws = new RawKeeper();
  const accounts = new AccountSightings();
  const all = new Period();
  const aad = { n: 0, period: new Period() };
  const srs = { n: 0, beats: 0, period: new Period() };
  // Read from the records that make evidence (a repeat of the last one adds nothing), and from heartbeat runs' ends.
  const devices = new DeviceSpans();
  // Heartbeats repeat every five minutes: an identical one extends the current run instead of adding a fact.
  let run: { fact: HeartbeatFact; payload: string } | null = null;
  /** AAD records that made no fact, and the account they name; heartbeat and device event payloads. */
  const quietAad = new LastOfEvent<{ account: string | null }>();
  const payloads = new LastOfEvent<string>();
  const clock = new WriteOrderClock(path);
  const handle = (rec: EvtxRecord): void => {
    // The record's time in write order: as written unless the device clock jumped back before it.
    const time = clock.place(rec.time, rec.recordId, rec.eventId);
    const moved = time !== rec.time;
    all.add(time);
    if (isAadProvider(rec.provider)) {
      aad.n += 1;
      aad.period.add(time);
      const quiet = quietAad.get(rec);
      if (quiet) {
        const account = quiet.account;
        if (account) accounts.see(account, time, 'aad-log', path, () => ({ source: path, locator: recordLocator(rec.recordId, rec.eventId), time, excerpt: `account ${account}` }));
        return;
      }
      const body = aadBody(rec);
      const f = aadFact(rec, path, body);
      if (f && moved) placeFact(f, rec.time, time);
      devices.see(rec.computer, time, path);
      if (f) {
        raws.keep(path, f.evidence, () => rec.xml());
        facts.push(f);
      }
      const account = f?.kind === 'aad-error' ? f.account : aadAccount(rec, body);
      // Whether a record makes a fact depends on its event id and data only: the same data makes none again.
      if (!f) quietAad.set(rec, { account });
      if (account) accounts.see(account, time, 'aad-log', path, () => f?.evidence ?? { source: path, locator: recordLocator(rec.recordId, rec.eventId), time, excerpt: `account ${account}` });
    } else {
      srs.n += 1;
      srs.period.add(time);
      let payload = payloads.get(rec);
      if (payload === undefined) {
        payload = srsPayload(rec);
        payloads.set(rec, payload);
      }
      if (rec.eventId === 2000 || rec.eventId === 2001) srs.beats += 1;
      else {
        const account = srsAccount(payload);
        if (account) accounts.see(account, time, 'device-event', path, { source: path, locator: recordLocator(rec.recordId, rec.eventId), time, excerpt: ownCopy(payload.slice(0, 300)) });
      }
      if (run && run.fact.eventId === rec.eventId && run.payload === payload && time >= run.fact.lastTime) {
        run.fact.count += 1;
        run.fact.lastTime = time;
        if (run.fact.alias) accounts.see(run.fact.alias, time, 'heartbeat', path, run.fact.evidence);
        return;
      }
      const f = srsFact(rec, path, payload);
      if (!f) return;
      if (moved) placeFact(f, rec.time, time);
      devices.see(rec.computer, time, path);
      raws.keep(path, f.evidence, () => rec.xml());
      if (f.kind === 'heartbeat') {
        if (run) devices.see(run.fact.computer, run.fact.lastTime, path);
        run = { fact: f, payload };
        if (f.alias) accounts.see(f.alias, time, 'heartbeat', path, f.evidence);
        beats.add(f);
      } else facts.push(f);
    }
  };

  try {
    for await (const batch of readEvtxBatches(file, {
      name: path,
      filter: { providers: [AAD_PROVIDER, SRS_PROVIDER], eventIds: [...AAD_EVENT_IDS, ...SRS_EVENT_IDS] },
      onProblem: (p) => problems.push(p),
      signal,
    })) {
      for (const rec of batch) handle(rec);
    }
  } catch (err) {
    if (signal?.aborted) throw err;
    problems.push({ kind: 'io-error', file: path, message: `reading stopped: ${(err as Error).message}` });
  } finally {
    // The records' chunks are released here, whatever happened.
    raws.finish();
  }
  // (Set inside handle(), which TypeScript's narrowing does not follow.)
  const lastRun = run as { fact: HeartbeatFact } | null;
  if (lastRun) devices.see(lastRun.fact.computer, lastRun.fact.lastTime, path);
  return {
    facts,
    sightings: accounts.facts,
    aad: { n: aad.n, from: aad.period.from, to: aad.period.to },
    srs: { n: srs.n, beats: srs.beats, from: srs.period.from, to: srs.period.to },
    all: { from: all.from, to: all.to },
    devices,
    problems,
    clockJumps: clock.jumps,
  };
}
