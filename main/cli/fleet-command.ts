// `mtr-doctor analyze a.zip b.zip logs/`: many bundles → one row per room. Run through analyseFleet (worker
// threads under one memory budget), progress per bundle on stderr, Ctrl-C stops every worker.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { CancelledError } from '../model/cancellation';
import { defaultTempRoot } from '../fs/app-temp';
import { GraphUnreachableError } from '../graph/graph-run';
import { TOOL_VERSION } from '../analysis/assemble';
import { FleetJournal, indexJournal, JOURNAL_KIND, JournalError, journalExitInput, journalFleetForViews, writeJournalCsv, writeJournalJson, type JournalIndex } from '../report/fleet-journal';
import { analyseFleet, FleetCancelledError } from '../analysis/fleet';
import { runTenantRooms, type TenantRoomsProgress } from '../analysis/tenant-rooms';
import { fleetExitCode } from '../analysis/fleet-rows';
import type { FleetResult } from '../model/fleet-result';
import { renderFleetHtml } from '../report/fleet-html';
import { fixText, renderFleetCsv, renderFleetText } from '../report/fleet-text';
import { renderPdf } from '../report/pdf';
import type { AnalyzeDeps, AnalyzeOptions } from './analyze-command';
import { emitOutput, EXIT_BAD_INPUT, saveOutput, writeLine, type CliIo } from './io';
import { signInWithDeviceCode, tenantSettings } from './tenant-sign-in';

/** 128 + SIGINT, as shells report an interrupted command. */
export const EXIT_CANCELLED = 130;

export async function renderFleet(fleet: FleetResult, o: Pick<AnalyzeOptions, 'format' | 'paper'>): Promise<string | Buffer> {
  if (o.format === 'json') return `${JSON.stringify(fleet, null, 2)}\n`;
  if (o.format === 'csv') return renderFleetCsv(fleet);
  if (o.format === 'text') return renderFleetText(fleet);
  const html = renderFleetHtml(fleet);
  return o.format === 'html' ? html : renderPdf(html, { paper: o.paper });
}

/** Writes the fleet where asked (PDF defaults to fleet-summary.pdf) and returns the exit code. */
export async function writeFleet(fleet: FleetResult, o: Pick<AnalyzeOptions, 'format' | 'paper' | 'out'>, io: CliIo): Promise<number> {
  if (!(await emitOutput(io, o, 'fleet-summary.pdf', () => renderFleet(fleet, o)))) return EXIT_BAD_INPUT;
  if (fleet.rows.length === 0) writeLine(io.stderr, 'mtr-doctor: no bundle could be analysed.');
  return fleetExitCode(fleet);
}

export async function runFleetCommand(bundles: string[], o: AnalyzeOptions, io: CliIo, deps: AnalyzeDeps): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  // Every Ctrl-C while running asks for the same stop: a second one must not skip removing the session folders.
  process.on('SIGINT', onSigint);
  let fleet: FleetResult;
  try {
    fleet = await analyseFleet(bundles, {
      concurrency: o.workers ?? undefined,
      memoryBudgetMb: o.memoryMb ?? undefined,
      tempRoot: deps.tempRoot,
      now: deps.now,
      // SIGTERM (and the signal handler's SIGINT) come through io.signal; the listener above keeps every Ctrl-C a stop.
      signal: io.signal ? AbortSignal.any([controller.signal, io.signal]) : controller.signal,
      onProgress: (p) => {
        if (p.state === 'done' || p.state === 'refused') {
          writeLine(io.stderr, `mtr-doctor: [${p.finished}/${p.total}] ${p.state === 'done' ? 'analysed' : 'refused'} ${path.basename(p.source)}`);
        }
      },
    });
  } catch (err) {
    if (!(err instanceof FleetCancelledError)) throw err;
    writeLine(io.stderr, `mtr-doctor: ${err.message}`);
    return EXIT_CANCELLED;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  for (const r of fleet.refused) writeLine(io.stderr, `mtr-doctor: refused ${r.source}: ${r.message}`);
  return writeFleet(fleet, o, io);
}

/** The journal beside --out, or under the app's temp folder when the output goes to stdout. */
function journalPathFor(o: Pick<AnalyzeOptions, 'out'>, tenant: string, now: Date): string {
  if (o.out) return `${o.out}.rooms.jsonl`;
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const dir = path.join(defaultTempRoot(), 'runs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return path.join(dir, `all-rooms-${tenant.replace(/[^A-Za-z0-9.-]/g, '_')}-${stamp}.jsonl`);
}

const minutes = (s: number) => (s < 90 ? `${s} s` : `${Math.round(s / 60)} min`);

/** One progress line: rooms done of all, requests that waited on a 429, and the time left at this pace. */
export function progressLine(p: TenantRoomsProgress): string {
  const rooms = p.roomsTotal === null ? 'finding the rooms' : `${p.roomsDone}/${p.roomsTotal} rooms done`;
  const waits = p.throttled ? `, ${p.throttled} request${p.throttled === 1 ? '' : 's'} waited (429 or no answer)${p.waitingSeconds ? ` (waiting ${p.waitingSeconds} s)` : ''}` : '';
  const eta = p.etaSeconds !== null && p.roomsTotal !== null && p.roomsDone < p.roomsTotal ? `, about ${minutes(p.etaSeconds)} left` : '';
  return `mtr-doctor: ${rooms}${waits}${eta} (reading ${p.phase})`;
}

/**
 * `--tenant … --all-rooms`: sign in once, then every resource account. Each finished room goes to the journal at
 * once (and a line to stderr); the outputs are written from the journal at the end. If the run stops (Ctrl-C,
 * lost network, an internal error), what finished is in the journal and `--resume JOURNAL` continues it.
 */
export async function runTenantRoomsCommand(o: AnalyzeOptions, t: NonNullable<AnalyzeOptions['tenant']>, io: CliIo, deps: AnalyzeDeps): Promise<number> {
  const settings = tenantSettings(t);
  let earlier: Awaited<ReturnType<typeof FleetJournal.reopen>> | null = null;
  try {
    if (o.resume) earlier = await FleetJournal.reopen(o.resume);
  } catch (err) {
    if (!(err instanceof JournalError)) throw err;
    writeLine(io.stderr, `mtr-doctor: ${err.message}`);
    return EXIT_BAD_INPUT;
  }
  if (earlier && earlier.index.header.tenant !== settings.tenant) {
    earlier.journal.close();
    writeLine(io.stderr, `mtr-doctor: ${o.resume} is a run of ${earlier.index.header.tenant}, not ${settings.tenant}.`);
    return EXIT_BAD_INPUT;
  }
  if (earlier?.index.end) {
    // Already finished: only the outputs are written again.
    earlier.journal.close();
    return writeFleetFromJournal(earlier.journal.path, earlier.index, o, io);
  }
  const auth = await signInWithDeviceCode(settings, io);
  const now = earlier ? new Date(earlier.index.header.now) : (deps.now ?? new Date());
  const days = earlier ? earlier.index.header.days : t.days;
  let journal: FleetJournal;
  if (earlier) journal = earlier.journal;
  else {
    try {
      journal = FleetJournal.create(journalPathFor(o, settings.tenant, now), { kind: JOURNAL_KIND, schemaVersion: 1, tenant: settings.tenant, now: now.toISOString(), days, tool: { name: 'MTR Doctor', version: TOOL_VERSION } });
    } catch (err) {
      if (!(err instanceof JournalError)) throw err;
      writeLine(io.stderr, `mtr-doctor: ${err.message}`);
      return EXIT_BAD_INPUT;
    }
  }
  const done = new Set(earlier?.index.rooms.map((r) => r.account) ?? []);
  const notChecked = new Set(earlier?.index.notChecked.map((n) => n.account) ?? []);
  writeLine(io.stderr, `mtr-doctor: ${earlier ? `continuing ${journal.path}: ${done.size} rooms were finished` : `rooms are saved in ${journal.path} as they finish`}; if the run stops, add --resume ${journal.path} to continue it.`);
  let last: TenantRoomsProgress | null = null;
  let shownAt = 0;
  let shownWaits = 0;
  const stopped = (why: string) =>
    writeLine(io.stderr, `mtr-doctor: stopped (${why}) after ${last?.roomsDone ?? done.size}${last?.roomsTotal ? ` of ${last.roomsTotal}` : ''} rooms; the finished rooms are in ${journal.path}. Run the same command with --resume ${journal.path} to finish.`);
  try {
    const summary = await runTenantRooms(
      { auth, cloud: settings.cloud, graphUrl: settings.endpoints?.graphUrl, tenantName: settings.tenant, days },
      {
        now,
        signal: io.signal,
        skip: new Set([...done, ...notChecked]),
        onProgress: (p) => {
          last = p;
          // A line every few seconds, and at once when Graph starts throttling: never a frozen-looking run.
          if (Date.now() - shownAt >= 5000 || (p.throttled > shownWaits && p.waitingSeconds)) {
            shownAt = Date.now();
            shownWaits = p.throttled;
            writeLine(io.stderr, progressLine(p));
          }
        },
        onNotChecked: (room) => journal.notChecked(room),
        onRow: (row) => {
          journal.row(row);
          const n = (last?.roomsDone ?? 0) + 1;
          writeLine(io.stderr, `mtr-doctor: [${n}${last?.roomsTotal ? `/${last.roomsTotal}` : ''}] ${row.source}: ${fixText(row)}`);
        },
      },
    );
    journal.end({ discovery: summary.discovery, warnings: summary.warnings, requests: summary.requests });
  } catch (err) {
    if (err instanceof CancelledError || io.signal?.aborted) {
      stopped('interrupted');
      return EXIT_CANCELLED;
    }
    if (err instanceof GraphUnreachableError) {
      stopped(err.message);
      return EXIT_BAD_INPUT;
    }
    stopped('internal error');
    throw err;
  } finally {
    journal.close();
  }
  return writeFleetFromJournal(journal.path, await indexJournal(journal.path), o, io);
}

/** The outputs of an all-rooms run, from its journal: CSV and JSON a room at a time, the views from light rows. */
async function writeFleetFromJournal(journalPath: string, index: JournalIndex, o: AnalyzeOptions, io: CliIo): Promise<number> {
  const exit = fleetExitCode(journalExitInput(index));
  const streamed = o.format === 'csv' ? writeJournalCsv : o.format === 'json' ? writeJournalJson : null;
  if (streamed) {
    const content = (out: Writable) => streamed(journalPath, index, out);
    if (o.out) {
      if (!(await saveOutput(io, o.out, content))) return EXIT_BAD_INPUT;
    } else await content(io.stdout as Writable);
  } else if (!(await emitOutput(io, o, 'fleet-summary.pdf', () => renderFleet(journalFleetForViews(journalPath, index), o)))) return EXIT_BAD_INPUT;
  if (index.rooms.length === 0) writeLine(io.stderr, 'mtr-doctor: no room could be analysed.');
  return exit;
}
