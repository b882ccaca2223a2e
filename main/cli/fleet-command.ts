// `mtr-doctor analyze a.zip b.zip logs/`: many bundles → one row per room. Run through analyseFleet (worker
// threads under one memory budget), progress per bundle on stderr, Ctrl-C stops every worker.
import path from 'node:path';
import { analyseFleet, FleetCancelledError } from '../analysis/analyse-fleet';
import { analyseTenantRooms } from '../analysis/analyse-tenant-rooms';
import { fleetExitCode } from '../analysis/fleet-rows';
import type { FleetResult } from '../model/fleet';
import { renderFleetHtml } from '../report/fleet-html';
import { renderFleetCsv, renderFleetText } from '../report/fleet-text';
import { renderPdf } from '../report/pdf';
import type { AnalyzeDeps, AnalyzeOptions } from './analyze-command';
import { emitOutput, EXIT_BAD_INPUT, writeLine, type CliIo } from './io';
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

/** `--tenant … --all-rooms`: sign in once, then every resource account; a line per room as it is done. */
export async function runTenantRoomsCommand(o: AnalyzeOptions, t: NonNullable<AnalyzeOptions['tenant']>, io: CliIo, deps: AnalyzeDeps): Promise<number> {
  const settings = tenantSettings(t);
  const auth = await signInWithDeviceCode(settings, io);
  let done = 0;
  const fleet = await analyseTenantRooms(
    { auth, cloud: settings.cloud, graphUrl: settings.endpoints?.graphUrl, tenantName: settings.tenant, days: t.days },
    {
      now: deps.now,
      onProgress: (p) => {
        if (p.waitingSeconds) writeLine(io.stderr, `mtr-doctor: Graph asked to wait ${p.waitingSeconds} s (throttled)…`);
      },
      onRow: (row) => {
        done += 1;
        writeLine(io.stderr, `mtr-doctor: [${done}] ${row.source}: ${row.firstToFix ? `${row.firstToFix.title} (${row.firstToFix.status})` : row.exitCode === 0 ? 'all clear' : 'no failure, some checks without data'}`);
      },
    },
  );
  return writeFleet(fleet, o, io);
}
