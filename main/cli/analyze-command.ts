// `mtr-doctor analyze [bundle] [--format text|json|html|pdf] [--out FILE]`: the seven checks, headless.
// parse (argv → AnalyzeOptions) → run (main/analysis/analyse.ts, the same use case as the app) → render.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyse, type AnalysisRequest } from '../analysis/analyse';
import { MissingAccountError } from '../analysis/tenant';
import { assetsDir } from '../fs/app-paths';
import { CLOUD_IDS } from '../auth/cloud';
import { AuthProblemError } from '../auth/access-problems';
import { BundleError } from '../bundle/bundle-error';
import { readSampleCatalog } from '../bundle/samples';
import { AppTemp, defaultTempRoot } from '../fs/app-temp';
import type { AnalysisResult } from '../model/analysis';
import { renderReportHtml, sheetPageHeader } from '../report/html';
import { renderPdf, type Paper } from '../report/pdf';
import { writeJson } from '../report/json-stream';
import { renderReportText } from '../report/text';
import { UsageError, type CliCommand } from './command';
import { printable } from '../model/printable';
import { EXIT_BAD_INPUT, saveOutput, writeLine, type CliIo } from './io';
import { expandFleetInputs } from '../analysis/fleet-inputs';
import { runFleetCommand, runTenantRoomsCommand } from './fleet-command';
import { readLiveNetworkFile } from './live-network-file';
import { CliInputError, signInWithDeviceCode, tenantSettings, type TenantCliOptions } from './tenant-sign-in';

export const ANALYZE_USAGE = `mtr-doctor analyze [bundle.zip|folder ...] [--format text|json|csv|html|pdf] [--out FILE] [--paper a4|letter] [--notes TEXT] [--full]
      [--workers N] [--memory-mb N]   (several bundles or a folder of zips: one row per room)
      [--tenant ID|DOMAIN --account UPN [--client-id GUID] [--cloud ${CLOUD_IDS.join('|')}] [--days N] [--per-user-mfa]]
      [--tenant ID|DOMAIN --all-rooms [--resume JOURNAL]]   (every Teams Room in the tenant: one row per resource account;
                                  finished rooms are saved as they finish, --resume continues a run that stopped)
      [--live-network FILE [--on-room-network]]   (a test saved by \`mtr-doctor network --format json\`: its own
      section; it changes the network verdict only when the laptop was on the room's network)`;
const FORMATS = ['text', 'json', 'csv', 'html', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

export interface AnalyzeOptions {
  /** The bundle given on the command line; none means the sample (or Graph alone with --tenant). */
  bundle: string | null;
  /** Every bundle or folder given (a fleet when they expand to more than one bundle or a folder of zips). */
  bundles: string[];
  /** Fleet runs: worker threads (default one per core) and the heap budget for the whole run. */
  workers: number | null;
  memoryMb: number | null;
  /** With --tenant: every resource account in the tenant, as a fleet. */
  allRooms: boolean;
  /** With --all-rooms: the journal of a run that stopped, to continue. */
  resume: string | null;
  format: Format;
  out: string | null;
  paper: Paper;
  notes: string;
  /** html/pdf: the full report, every evidence item uncut, instead of the one-to-two page sheet. */
  full: boolean;
  tenant: (TenantCliOptions & { account: string | null; days: number }) | null;
  /** A saved live network test, and whether it was run on the room's network. */
  liveNetwork: { file: string; onRoomNetwork: boolean } | null;
}

export interface AnalyzeDeps {
  tempRoot?: string;
  now?: Date;
  /** Where the embedded sample bundles are (the default input). */
  samplesDir?: string;
}

export function parseAnalyzeArgs(argv: string[]): AnalyzeOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      out: { type: 'string' },
      paper: { type: 'string', default: 'a4' },
      notes: { type: 'string', default: '' },
      full: { type: 'boolean', default: false },
      tenant: { type: 'string' },
      account: { type: 'string' },
      'client-id': { type: 'string' },
      cloud: { type: 'string', default: 'global' },
      days: { type: 'string', default: '7' },
      'per-user-mfa': { type: 'boolean', default: false },
      // Custom endpoints (a test tenant, a private cloud): https origins.
      'login-url': { type: 'string' },
      'graph-url': { type: 'string' },
      workers: { type: 'string' },
      'memory-mb': { type: 'string' },
      'all-rooms': { type: 'boolean', default: false },
      'live-network': { type: 'string' },
      'on-room-network': { type: 'boolean', default: false },
      resume: { type: 'string' },
    },
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}".`);
  if (positionals.length > 1 && values.tenant !== undefined) throw new UsageError('--tenant goes with one bundle; for many rooms give the bundles without --tenant.');
  const count = (name: string, v: string | undefined, min: number) => {
    if (v === undefined) return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number of at least ${min}, not "${v}".`);
    return n;
  };
  if (values.resume !== undefined && !values['all-rooms']) throw new UsageError('--resume continues an --all-rooms run: give --tenant … --all-rooms --resume JOURNAL.');
  if (values['all-rooms'] && values.tenant === undefined) throw new UsageError('--all-rooms needs --tenant (the rooms are found in that tenant).');
  if (values['all-rooms'] && (values.account || positionals.length > 0)) throw new UsageError('--all-rooms finds the accounts itself: give neither --account nor bundles.');
  if (values['on-room-network'] && values['live-network'] === undefined) throw new UsageError('--on-room-network says where the --live-network test was run: give the test too.');
  if (values['live-network'] !== undefined && (positionals.length > 1 || values['all-rooms'])) throw new UsageError('--live-network goes with one room: a test says nothing about the other rooms\' networks.');
  if (values.tenant === undefined && values.account) throw new UsageError('--account needs --tenant (the account is looked up in that tenant).');
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 30) {
    throw new UsageError(`--days must be a whole number from 1 to 30 (Entra keeps sign-ins 30 days), not "${values.days}".`);
  }
  return {
    bundle: positionals[0] ?? null,
    bundles: positionals,
    workers: count('workers', values.workers, 1),
    memoryMb: count('memory-mb', values['memory-mb'], 64),
    allRooms: values['all-rooms'] ?? false,
    resume: values.resume ?? null,
    format,
    out: values.out ?? null,
    paper: values.paper?.toLowerCase() === 'letter' ? 'Letter' : 'A4',
    notes: values.notes ?? '',
    full: values.full ?? false,
    liveNetwork: values['live-network'] === undefined ? null : { file: values['live-network'], onRoomNetwork: values['on-room-network'] ?? false },
    tenant:
      values.tenant === undefined
        ? null
        : {
            tenant: values.tenant,
            clientId: values['client-id'],
            cloud: values.cloud ?? 'global',
            loginUrl: values['login-url'],
            graphUrl: values['graph-url'],
            perUserMfa: values['per-user-mfa'] ?? false,
            account: values.account ?? null,
            days,
          },
  };
}

async function defaultBundle(samplesDir: string): Promise<string> {
  const catalog = await readSampleCatalog(samplesDir);
  const s = catalog.samples.find((x) => x.id === catalog.default);
  if (!s) throw new BundleError('not-found', 'catalog.json', `The sample catalog names "${catalog.default}" as default, but it is not listed.`);
  return path.join(samplesDir, s.file);
}

/** Run: what to analyse → the one analysis use case. Sign-in prompts and Graph waits go to stderr. */
export async function runAnalysis(o: AnalyzeOptions, io: CliIo, deps: AnalyzeDeps = {}): Promise<AnalysisResult> {
  const temp = new AppTemp(deps.tempRoot ?? defaultTempRoot());
  // With --tenant and no bundle, Graph alone is analysed; otherwise the bundle (given or the sample).
  const input = o.bundle ?? (o.tenant ? null : await defaultBundle(deps.samplesDir ?? path.join(assetsDir(), 'samples')));
  if (!o.bundle && input) writeLine(io.stderr, `mtr-doctor: no bundle given, analysing the sample ${path.relative(process.cwd(), input) || input}`);
  const request: AnalysisRequest = { bundle: input ? { path: input, temp } : undefined };
  if (o.liveNetwork) request.liveNetwork = { fact: await readLiveNetworkFile(o.liveNetwork.file), onRoomNetwork: o.liveNetwork.onRoomNetwork };
  if (o.tenant) {
    const settings = tenantSettings(o.tenant);
    const auth = await signInWithDeviceCode(settings, io);
    request.tenant = {
      auth,
      cloud: settings.cloud,
      graphUrl: settings.endpoints?.graphUrl,
      tenantName: settings.tenant,
      account: o.tenant.account,
      days: o.tenant.days,
      perUserMfa: o.tenant.perUserMfa,
    };
  }
  const result = await analyse(request, {
    now: deps.now,
    signal: io.signal,
    onProgress: (p) => {
      if (p.waitingSeconds) writeLine(io.stderr, `mtr-doctor: Graph asked to wait ${p.waitingSeconds} s (throttled)…`);
    },
  });
  if (o.tenant) for (const w of result.warnings.filter((x) => x.source.startsWith('graph:'))) writeLine(io.stderr, `mtr-doctor: ${w.source}: ${w.message}`);
  return result;
}

/** Render: the result in the asked format (PDF through an installed Chromium). */
export async function renderAnalysis(
  result: AnalysisResult,
  o: { format: Exclude<Format, 'json' | 'csv'> } & Pick<AnalyzeOptions, 'notes' | 'paper'> & { full?: boolean },
): Promise<string | Buffer> {
  if (o.format === 'text') return renderReportText(result);
  const html = renderReportHtml(result, { notes: o.notes, full: o.full });
  return o.format === 'html' ? html : renderPdf(html, { paper: o.paper, header: sheetPageHeader(result) });
}

/** The Diagnosis' exit code (main/analysis/diagnosis.ts): 0 all-clear, 1 failing or undecided, 2 not analysable. */
export function exitCodeFor(result: AnalysisResult): number {
  return result.diagnosis.exitCode;
}

/** Errors about the input (a bad bundle, a failed sign-in, no account): one line on stderr, exit 2. */
function inputProblem(err: unknown): string | null {
  if (err instanceof BundleError || err instanceof CliInputError || err instanceof MissingAccountError) return err.message;
  // The fix in command-line words (--tenant, --client-id), not the app's Settings.
  if (err instanceof AuthProblemError) return `${err.problem.title}: ${err.problem.message} ${err.problem.cliAction}${err.problem.detail ? ` (${err.problem.detail})` : ''}`;
  return null;
}

/** Runs a command body; input problems (sign-in, bad tenant) become one line on stderr and exit 2. */
async function guardInput(io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    const problem = inputProblem(err);
    if (problem === null) throw err;
    writeLine(io.stderr, `mtr-doctor: ${problem}`);
    return EXIT_BAD_INPUT;
  }
}

export function analyzeCommand(deps: AnalyzeDeps = {}): CliCommand<AnalyzeOptions> {
  return {
    name: 'analyze',
    usage: ANALYZE_USAGE,
    parse: parseAnalyzeArgs,
    async run(o, io) {
      if (o.allRooms && o.tenant) return guardInput(io, () => runTenantRoomsCommand(o, o.tenant as NonNullable<AnalyzeOptions['tenant']>, io, deps));
      if (o.bundles.length > 0) {
        const inputs = await expandFleetInputs(o.bundles);
        if (o.tenant && inputs.fleet) {
          // One folder can still hold many rooms: the tenant is read for one account, so it goes with one bundle.
          writeLine(io.stderr, `mtr-doctor: --tenant goes with one bundle, and ${o.bundles[0] ?? 'the input'} holds ${inputs.bundles.length} (${inputs.bundles.slice(0, 3).map((b) => path.basename(b)).join(', ')}${inputs.bundles.length > 3 ? ', …' : ''}); give one room's bundle, or the bundles without --tenant.`);
          return EXIT_BAD_INPUT;
        }
        if (o.liveNetwork && inputs.fleet) {
          writeLine(io.stderr, `mtr-doctor: --live-network goes with one room, and ${o.bundles[0] ?? 'the input'} holds ${inputs.bundles.length}: give that room's bundle.`);
          return EXIT_BAD_INPUT;
        }
        if (!o.tenant && (inputs.fleet || o.format === 'csv')) return runFleetCommand(inputs.bundles, o, io, deps);
      }
      if (o.format === 'csv') {
        writeLine(io.stderr, 'mtr-doctor: --format csv is the fleet table: give bundles (or a folder of zips).');
        return EXIT_BAD_INPUT;
      }
      let result: AnalysisResult;
      try {
        result = await runAnalysis(o, io, deps);
      } catch (err) {
        const problem = inputProblem(err);
        if (problem === null) throw err;
        writeLine(io.stderr, `mtr-doctor: ${problem}`);
        return EXIT_BAD_INPUT;
      }
      if (result.nothingEvaluated) {
        writeLine(io.stderr, `mtr-doctor: nothing could be analysed: ${printable(result.warnings[0]?.message ?? 'no source held evidence for any check.')}`);
      }
      const out = o.out ?? (o.format === 'pdf' ? `${path.basename(result.input.name).replace(/\.zip$/i, '')}-findings.pdf` : null);
      if (o.format === 'json') {
        // Streamed: a week of logs makes a result too large to hold as one string.
        if (out) {
          if (!(await saveOutput(io, out, (file) => writeJson(result, file)))) return EXIT_BAD_INPUT;
        } else await writeJson(result, io.stdout);
        return exitCodeFor(result);
      }
      let output: string | Buffer;
      try {
        output = await renderAnalysis(result, { ...o, format: o.format });
      } catch (err) {
        // PDF needs an installed Chromium/Chrome/Edge; renderPdf says which is missing and what to do instead.
        if (o.format !== 'pdf') throw err;
        writeLine(io.stderr, `mtr-doctor: ${(err as Error).message}`);
        return EXIT_BAD_INPUT;
      }
      if (out) {
        if (!(await saveOutput(io, out, output))) return EXIT_BAD_INPUT;
      } else io.stdout.write(output);
      return exitCodeFor(result);
    },
  };
}

