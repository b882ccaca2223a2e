// A bundle → facts: every event log identified by its records (AAD Operational, Skype Room System),
// every Teams log scanned for sign-in and license lines. Damage becomes warnings; the rest goes on.
// A source that is there but yields nothing (cut inside its header, no readable record) counts as missing,
// with the damage named, so no check can pass on it.
import type { Bundle } from '../bundle/open-bundle';
import { describeNothing, isAadEntry, isSrsEntry, isTeamsLog, mayHoldEvidence } from '../bundle/analysable';
import { BundleError } from '../bundle/bundle-error';
import { streamSource, type EvtxSource } from '../evtx/index';
import type { EvtxProblem } from '../evtx/types';
import type { CheckedSource, Warning } from '../model/analysis';
import { formatCount, formatUtc } from '../model/display-format';
import type { AccountSeenFact, Fact, SourcePresence, UnreadableSource } from '../model/facts';
import type { Inventory, InventoryEntry, ProgressEvent } from '../model/inventory';
import { DeviceSpans, mixedDevicesText, overlappingDevices, type DeviceSpan, type MixedDevices } from './device-spans';
import { AccountSightings, Period, readEventLog, type EventLogReading } from './event-log';
import { HeartbeatWindow } from './heartbeat-window';
import { formatOffset, scanTeamsLog, type FactBudget } from './teams-log';
import { RawKeeper } from './raw-keeper';
import { clockJumpWarning } from './clock';
import { deviceKind, noRoomMarkText, notARoomText, type DeviceKindReading } from './device-kind';

/** Teams-log facts kept per bundle: 120 files of errors still count, but only this many are held. */
export const MAX_TEAMS_FACTS_PER_BUNDLE = 20_000;

/** What the inventory refused or found odd: part of the evidence, so every result names it. */
function inventoryWarnings(inv: Inventory): Warning[] {
  return [
    ...inv.rejected.map((r) => ({ source: r.path, message: r.message })),
    // The not-a-bundle reason leads the result's warnings on its own (assemble), not twice.
    ...inv.warnings.filter((w) => w !== inv.notABundle).map((w) => ({ source: inv.name, message: w })),
  ];
}

/** What one side of the reading (event logs, Teams logs) found, kept apart until both are done. */
interface Part {
  facts: Fact[];
  warnings: Warning[];
  checked: CheckedSource[];
  unreadable: UnreadableSource[];
}

/** One event log's part, and its reading when it could be read. */
interface LogPart extends Part {
  reading: EventLogReading | null;
  /** Set when the log is cut short but gave evidence: what the damage means, in plain words. */
  cutShort: string | null;
  /** Its reading said the log is damaged or cannot be read. */
  damageSaid: boolean;
}

/** A log that gave evidence but is cut short: the events after some point are missing, so no pass may rest on it. */
export interface CutShortLog {
  source: string;
  /** The damage in plain words (describeProblems). */
  message: string;
}

export interface BundleEvidence {
  facts: Fact[];
  sources: Pick<SourcePresence, 'aadLog' | 'heartbeats' | 'teamsLog'>;
  warnings: Warning[];
  /** Paths of the logs each source came from, for the summary. */
  files: { aad: string[]; srs: string[]; teams: string[] };
  /** Per source file: what it held (label, count, period). */
  checked: CheckedSource[];
  /** Sources that were present but yielded nothing usable. */
  unreadable: UnreadableSource[];
  /** The device's UTC offset as its Teams logs write it, and which file said so. */
  utcOffset: { minutes: number; source: string } | null;
  /** The newest evidence time in the bundle: it was collected after this. */
  collectedAt: string | null;
  /** Set when the bundle holds nothing to analyse: no event log of interest and no Teams log, or another kind of device's logs. */
  notABundle: string | null;
  /** Which kind of device the logs come from, and what showed it. */
  deviceKind: DeviceKindReading;
  /** The computers the event logs' evidence came from. */
  devices: DeviceSpan[];
  /** Set when the bundle mixes the logs of several devices over the same hours (why no check can pass). */
  mixedDevices: MixedDevices | null;
  /** Logs read only up to a cut: no pass may rest on their evidence (analysis/assemble.ts). */
  cutShort: CutShortLog[];
}

/** Event logs read in full per bundle: a device writes one AAD Operational and one Skype Room System log (plus a few archived ones). */
export const MAX_LOGS_READ = 32;

/**
 * Damage in plain words for the customer's sheet (what it means: part of the log could not be read), the
 * readers' technical findings (offsets, CRCs, zlib's words) kept as the detail for the technician.
 */
function describeProblems(problems: EvtxProblem[]): { plain: string; detail: string; cut: boolean; noneRead: boolean } {
  const shown = problems.slice(0, 3).map((p) => p.message.replace(/[.;]\s*$/, ''));
  const more = problems.length > 3 ? ` (and ${formatCount(problems.length - 3)} more)` : '';
  const noneRead = problems.some((p) => p.kind === 'missing-records' && p.chunkIndex === undefined && p.records?.read === 0);
  return { ...plainDamage(problems), detail: `${shown.join('; ')}${more}`, noneRead };
}

/**
 * The damage in the customer's words, with how many events could not be read when the file header tells it (the
 * records it declares against those read, main/evtx/reader.ts declaredVsRead). `cut`: the events after some point
 * are gone (a file cut short, a stream that stopped), so nothing read can show health after them.
 */
function plainDamage(problems: EvtxProblem[]): { plain: string; cut: boolean } {
  // The file header's account of the file (chunkIndex unset) rather than a chunk's.
  const declared = problems.find((p) => p.kind === 'missing-records' && p.chunkIndex === undefined)?.records;
  const stopped = problems.some((p) => p.kind === 'truncated-file' || p.kind === 'io-error');
  const cut = stopped || declared?.cutShort === true;
  const about = (unread: number | null | undefined, which: string) => `so ${unread ? `about ${formatCount(unread)} events` : which} could not be read${unread ? '' : ' (how many is not known)'}`;
  if (declared && declared.declaredLast !== null && declared.read !== null) {
    const what = cut ? 'the file is cut short' : 'the file is damaged';
    const read = declared.read === 0 ? 'none' : formatCount(declared.read);
    const claims = `${what}: its header declares records up to ${formatCount(declared.declaredLast)} and ${read} could be read`;
    return { plain: declared.read === 0 ? claims : `${claims}, ${about(declared.unread, cut ? 'the events after them' : 'some of its events')}`, cut };
  }
  if (cut) return { plain: `the file is damaged or cut short from some point on, ${about(declared?.unread, 'the events after that point')}`, cut };
  // Only the header itself is damaged: every chunk was read.
  if (problems.every((p) => p.kind === 'bad-file-header')) return { plain: 'its file header is damaged, but the events in it could be read', cut };
  const places = problems.length === 1 ? 'one place' : `${formatCount(problems.length)} places`;
  // Chunks that say how many of their records could not be read: their sum, when every problem is one of them.
  const counts = problems.map((p) => p.records?.unread ?? null);
  const unread = counts.every((c) => c !== null) ? counts.reduce<number>((a, c) => a + (c ?? 0), 0) : null;
  return { plain: `the file is damaged in ${places}, ${about(unread, 'the events there')}`, cut };
}

/** A read error (a zip entry that fails to inflate, an I/O error) in plain words, with the error as the detail. */
function cannotRead(err: unknown): { message: string; detail: string } {
  return { message: 'cannot be read: the file is damaged (inside the zip, or on disk)', detail: (err as Error).message };
}

export async function collectBundleFacts(
  bundle: Bundle,
  opts: { onProgress?: (p: Omit<ProgressEvent, 'jobId'>) => void; signal?: AbortSignal; maxHeartbeatBytes?: number } = {},
): Promise<BundleEvidence> {
  const facts: Fact[] = [];
  let warnings: Warning[] = inventoryWarnings(bundle.inventory);
  const cancelled = () => new BundleError('cancelled', bundle.inventory.name, 'Reading the bundle was cancelled.');
  const files = { aad: [] as string[], srs: [] as string[], teams: [] as string[] };
  const checked: CheckedSource[] = [];
  const unreadable: UnreadableSource[] = [];
  const entries = bundle.inventory.entries;
  // The logs the checks use, read in full up to a cap: the ones identified by their records first.
  const candidates = entries.filter(mayHoldEvidence);
  const chosen = new Set([...candidates.filter((e) => e.identifiedBy === 'content'), ...candidates.filter((e) => e.identifiedBy !== 'content')].slice(0, MAX_LOGS_READ));
  const evtx = candidates.filter((e) => chosen.has(e));
  const notRead = candidates.filter((e) => !chosen.has(e));
  // Only Teams logs are evidence: a readme or another text file is not a log of the room app.
  const texts = entries.filter((e) => e.kind === 'text-log' && isTeamsLog(e.path));
  const total = evtx.length + texts.length;
  let done = 0;
  const beats = new HeartbeatWindow(opts.maxHeartbeatBytes);
  const sightings: AccountSeenFact[] = [];
  // Teams logs: their account sightings and raw lines (event logs keep their own, per log).
  const accounts = new AccountSightings();
  const raws = new RawKeeper();
  const all = new Period();
  const devices = new DeviceSpans();
  let utcOffset: BundleEvidence['utcOffset'] = null;
  let utcOffsetTime: string | null = null;

  const budget: FactBudget = { left: MAX_TEAMS_FACTS_PER_BUNDLE };
  let teamsLines = 0;
  let roomAgent: string | null = null;
  // Event logs (two at a time) and Teams logs are read side by side on this thread: inflating a zip's event log
  // can be slower than reading it (a heartbeat log inflates at about 100 MB/s here), and the other reads fill
  // those waits. Each log keeps its own lists, joined in the order of a one-after-the-other read.
  const tx: Part = { facts: [], warnings: [], checked: [], unreadable: [] };
  const inner = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, inner.signal]) : inner.signal;
  /** One event log: what it adds, kept apart so logs read at the same time join in file order. */
  const readOne = async (e: InventoryEntry): Promise<LogPart> => {
    const part: LogPart = { facts: [], warnings: [], checked: [], unreadable: [], reading: null, cutShort: null, damageSaid: false };
    if (signal.aborted) throw cancelled();
    opts.onProgress?.({ phase: 'reading-logs', message: `Reading ${e.path}`, done: done++, total });
    const expectAad = isAadEntry(e);
    const expectSrs = isSrsEntry(e);
    // A log inside a zip is read in place, inflated as it is read: nothing is copied to disk.
    let file: EvtxSource;
    try {
      file = bundle.pathOnDisk(e.path) ?? streamSource(await bundle.openEntry(e.path), e.size);
    } catch (err) {
      const { message, detail } = cannotRead(err);
      part.warnings.push({ source: e.path, message, detail });
      part.damageSaid = true;
      if (expectAad) part.unreadable.push({ kind: 'aad', source: e.path, message });
      if (expectSrs) part.unreadable.push({ kind: 'srs', source: e.path, message });
      return part;
    }
    let r: EventLogReading;
    try {
      r = await readEventLog(file, e.path, beats, signal);
    } catch (err) {
      if (signal.aborted) throw cancelled();
      throw err;
    }
    part.reading = r;
    part.facts = r.clockJumps.length ? [...r.facts, ...r.clockJumps] : r.facts;
    if (r.clockJumps.length) part.warnings.push(clockJumpWarning(e.path, r.clockJumps));
    const { aad, srs, problems } = r;
    if (aad.n > 0) part.checked.push({ label: 'AAD Operational log', source: e.path, count: aad.n, unit: 'events', from: aad.from, to: aad.to });
    if (srs.n > 0) part.checked.push({ label: 'Skype Room System log', source: e.path, count: srs.beats, unit: 'heartbeats', from: srs.from, to: srs.to });
    const damage = problems.length > 0 ? describeProblems(problems) : null;
    if (damage) part.warnings.push({ source: e.path, message: `damaged event log: ${damage.plain}.${damage.noneRead ? '' : ' The events that could be read were used.'}`, detail: damage.detail });
    if (damage?.cut && (aad.n > 0 || srs.beats > 0)) part.cutShort = damage.plain;
    part.damageSaid = damage !== null;
    if (expectAad && aad.n === 0) {
      part.unreadable.push({ kind: 'aad', source: e.path, message: `no readable AAD event${damage ? ` (${damage.plain})` : ''}` });
    }
    if (expectSrs && srs.beats === 0) {
      part.unreadable.push({ kind: 'srs', source: e.path, message: `no readable heartbeat${damage ? ` (${damage.plain})` : ''}` });
    }
    return part;
  };
  const logs: LogPart[] = [];
  const readEventLogs = async (): Promise<void> => {
    // Two at a time: one log's inflating overlaps another's reading; more would only add buffers.
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < evtx.length) {
        const i = next++;
        logs[i] = await readOne(evtx[i] as InventoryEntry);
      }
    };
    await Promise.all([lane(), lane()]);
  };
  const scanTeamsLogs = async (): Promise<void> => {
    for (const e of texts) {
      if (signal.aborted) throw cancelled();
      opts.onProgress?.({ phase: 'reading-logs', message: `Scanning ${e.path}`, done: done++, total });
      try {
        const scan = await scanTeamsLog(await bundle.openEntry(e.path), e.path, signal, budget, raws);
        tx.facts.push(...scan.facts, ...scan.clockJumps);
        if (scan.clockJumps.length) tx.warnings.push(clockJumpWarning(e.path, scan.clockJumps));
        if (scan.dropped > 0) tx.warnings.push({ source: e.path, message: `${formatCount(scan.dropped)} more matching lines were counted but not kept as evidence.` });
        files.teams.push(e.path);
        if (!scan.timeReading.confirmed && scan.timeReading.mode === 'utc-digits') tx.warnings.push({ source: e.path, message: scan.timeReading.note });
        if (scan.from || scan.lines > 0) {
          tx.checked.push({ label: 'Teams log', source: e.path, count: scan.lines, unit: 'lines', from: scan.from, to: scan.to });
        }
        teamsLines += scan.lines;
        if (scan.roomAgentLine !== null) roomAgent ??= `${e.path} line ${scan.roomAgentLine}`;
        all.add(scan.from);
        all.add(scan.to);
        for (const a of scan.accounts) {
          accounts.see(a.account, a.time ?? scan.to ?? scan.from ?? '', 'teams-log', e.path, { source: e.path, locator: `line ${a.line}`, time: a.time, excerpt: `account ${a.account}` });
        }
        if (scan.utcOffsetMinutes !== null && (!utcOffset || (scan.to ?? '') >= (utcOffsetTime ?? ''))) {
          utcOffset = { minutes: scan.utcOffsetMinutes, source: `${e.path} (${formatOffset(scan.utcOffsetMinutes)})` };
          utcOffsetTime = scan.to;
        }
        if (scan.lines === 0) tx.unreadable.push({ kind: 'teams', source: e.path, message: 'empty Teams log' });
      } catch (err) {
        if (signal.aborted) throw cancelled();
        const { message, detail } = cannotRead(err);
        tx.warnings.push({ source: e.path, message, detail });
        tx.unreadable.push({ kind: 'teams', source: e.path, message });
      }
    }
  };
  // The first failure stops the other side; a cancel stops both.
  let failure: unknown = null;
  const settle = (p: Promise<void>) =>
    p.catch((err: unknown) => {
      failure ??= err;
      inner.abort();
    });
  await Promise.all([settle(readEventLogs()), settle(scanTeamsLogs())]);
  if (failure !== null) throw failure;
  // The event logs' parts in file order, then the Teams logs'.
  const join = (part: Part): void => {
    facts.push(...part.facts);
    warnings.push(...part.warnings);
    checked.push(...part.checked);
    unreadable.push(...part.unreadable);
  };
  const cutShort: CutShortLog[] = [];
  // The damage the inventory saw in a log's first bytes is said again, with what could not be read, by its reading.
  const saidByReading = new Set<string>();
  for (const [i, part] of logs.entries()) {
    join(part);
    const e = evtx[i] as InventoryEntry;
    if (e.damaged && part.damageSaid) saidByReading.add(e.damaged);
    if (part.cutShort) cutShort.push({ source: e.path, message: part.cutShort });
    const r = part.reading;
    if (!r) continue;
    sightings.push(...r.sightings);
    devices.merge(r.devices);
    all.add(r.all.from);
    all.add(r.all.to);
    if (r.aad.n > 0) files.aad.push(e.path);
    if (r.srs.n > 0) files.srs.push(e.path);
  }
  join(tx);
  if (saidByReading.size > 0) warnings = warnings.filter((w) => !(w.source === bundle.inventory.name && saidByReading.has(w.message)));
  if (notRead.length > 0) warnings.push(...notReadWarnings(notRead, unreadable));

  raws.finish();
  // Heartbeats of logs read at the same time arrive interleaved: in log order, as a one-after-the-other read adds them.
  const logRank = new Map(evtx.map((e, i) => [e.path, i]));
  const kept = beats.done().sort((a, b) => (logRank.get(a.evidence.source) ?? 0) - (logRank.get(b.evidence.source) ?? 0));
  for (const f of kept) facts.push(f);
  if (beats.dropped.facts > 0) {
    warnings.push({
      source: files.srs.join(', ') || 'Skype Room System log',
      message: `${formatCount(beats.dropped.beats)} older heartbeats (${formatCount(beats.dropped.facts)} distinct, ${formatUtc(beats.dropped.from, '?')} to ${formatUtc(beats.dropped.to, '?')}) were counted but not kept: the verdicts rest on the newest ${formatCount(kept.length)} distinct heartbeats, from ${formatUtc(kept[0]?.time, '?')} on.`,
    });
  }
  facts.push(...sightings, ...accounts.facts);
  const heartbeats = facts.some((f) => f.kind === 'heartbeat');
  const aadLog = checked.some((c) => c.label === 'AAD Operational log');
  const teamsLog = teamsLines > 0;
  const kind = deviceKind(bundle.inventory, facts, { heartbeats, roomAgent });
  const nothing = !aadLog && !heartbeats && !teamsLog && unreadable.length === 0 && files.aad.length === 0;
  // Not a bundle (bundle/analysable.ts, as inventory says it); another kind of device's logs are named and not
  // judged (evidence/device-kind.ts); no marks either way is analysed.
  const notABundle = notARoomText(bundle.inventory.name, kind) ?? bundle.inventory.notABundle ?? (nothing ? describeNothing(bundle.inventory) : null);
  if (!notABundle && kind.kind === 'unknown') warnings.push({ source: bundle.inventory.name, message: noRoomMarkText(bundle.inventory.name) });
  for (const u of unreadable) {
    if (!warnings.some((w) => w.source === u.source && w.message.includes(u.message))) warnings.push({ source: u.source, message: `${u.message}: counted as missing` });
  }
  const mixed = overlappingDevices(devices.spans);
  const mixedDevices = mixed.length > 1 ? { computers: mixed.map((d) => d.computer), text: mixedDevicesText(mixed) } : null;
  if (mixedDevices) warnings.unshift({ source: bundle.inventory.name, message: mixedDevices.text });

  return {
    facts,
    sources: { aadLog, heartbeats, teamsLog },
    warnings,
    files,
    checked,
    unreadable,
    utcOffset,
    collectedAt: all.to,
    notABundle,
    deviceKind: kind,
    devices: devices.spans,
    mixedDevices,
    cutShort,
  };
}

/**
 * Logs past the cap on full reads: said once, and each kind they may hold counts as partly unread, so no check
 * passes as if they had been read.
 */
function notReadWarnings(notRead: InventoryEntry[], unreadable: UnreadableSource[]): Warning[] {
  const names = (of: InventoryEntry[]) => `${of[0]?.path ?? ''}${of.length > 1 ? ` and ${formatCount(of.length - 1)} more` : ''}`;
  const message = `not read: the bundle holds more than ${MAX_LOGS_READ} event logs that may hold evidence, and MTR Doctor reads the first ${MAX_LOGS_READ} (a device writes a few)`;
  // AAD and heartbeat logs count as missing (the generic "counted as missing" warning says so); others are named here.
  for (const [kind, is] of [['aad', isAadEntry], ['srs', isSrsEntry]] as const) {
    const of = notRead.filter(is);
    if (of.length > 0) unreadable.push({ kind, source: names(of), message });
  }
  const rest = notRead.filter((e) => !isAadEntry(e) && !isSrsEntry(e));
  return rest.length > 0 ? [{ source: names(rest), message: `${message}.` }] : [];
}
