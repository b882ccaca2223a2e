// A bundle → facts: every event log identified by its records (AAD Operational, Skype Room System),
// every text log scanned for Teams sign-in and license lines. Damage becomes warnings; the rest goes on.
import type { Bundle } from '../bundle/bundle';
import { BundleError } from '../bundle/errors';
import { readEvtx } from '../evtx/index';
import type { EvtxProblem } from '../evtx/types';
import type { Warning } from '../model/analysis';
import type { Fact, SourcePresence } from '../model/facts';
import type { Inventory, InventoryEntry, ProgressEvent } from '../model/inventory';
import { AAD_EVENT_IDS, AAD_PROVIDER, aadFact } from './aad-events';
import { SRS_CHANNEL, SRS_EVENT_IDS, SRS_PROVIDER, srsFact, srsPayload } from './srs-events';
import type { HeartbeatFact } from '../model/facts';
import { RawKeeper } from './raw-keeper';
import { scanTeamsLog } from './teams-log';

export const AAD_CHANNEL = 'Microsoft-Windows-AAD/Operational';

/** What the inventory refused or found odd: part of the evidence, so every result names it. */
function inventoryWarnings(inv: Inventory): Warning[] {
  return [
    ...inv.rejected.map((r) => ({ source: r.path, message: r.message })),
    ...inv.warnings.map((w) => ({ source: inv.name, message: w })),
  ];
}

export interface BundleEvidence {
  facts: Fact[];
  sources: Pick<SourcePresence, 'aadLog' | 'heartbeats' | 'teamsLog'>;
  warnings: Warning[];
  /** Paths of the logs each source came from, for the summary. */
  files: { aad: string[]; srs: string[]; teams: string[] };
}

/** Classic Logs.txt, rotated old_logs_*.txt, new Teams MSTeams_*.log — anywhere in the tree, any case. */
export function isTeamsLog(path: string): boolean {
  const base = path.split('/').pop()?.toLowerCase() ?? '';
  return base === 'logs.txt' || /^old_logs_.*\.txt$/.test(base) || /^msteams.*\.log$/.test(base);
}

const RELEVANT_CHANNELS = new Set([AAD_CHANNEL.toLowerCase(), SRS_CHANNEL.toLowerCase(), 'forwardedevents']);
const RELEVANT_PROVIDERS = new Set([AAD_PROVIDER.toLowerCase(), SRS_PROVIDER.toLowerCase()]);

/** Skip logs whose records say they are something else (System, Application …); read anything unidentified. */
function mayHoldEvidence(e: InventoryEntry): boolean {
  if (e.identifiedBy !== 'content') return true;
  return RELEVANT_CHANNELS.has((e.channel ?? '').toLowerCase()) || RELEVANT_PROVIDERS.has((e.provider ?? '').toLowerCase());
}

function describeProblems(problems: EvtxProblem[]): string {
  const shown = problems.slice(0, 3).map((p) => p.message.replace(/[.;]\s*$/, ''));
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
  return `damaged event log: ${shown.join('; ')}${more}. The readable records were used.`;
}

export async function collectBundleFacts(
  bundle: Bundle,
  opts: { onProgress?: (p: Omit<ProgressEvent, 'jobId'>) => void; signal?: AbortSignal } = {},
): Promise<BundleEvidence> {
  const facts: Fact[] = [];
  const warnings: Warning[] = inventoryWarnings(bundle.inventory);
  const cancelled = () => new BundleError('cancelled', bundle.inventory.name, 'Reading the bundle was cancelled.');
  const files = { aad: [] as string[], srs: [] as string[], teams: [] as string[] };
  const entries = bundle.inventory.entries;
  const evtx = entries.filter((e) => e.kind === 'evtx' && mayHoldEvidence(e));
  const texts = entries.filter((e) => e.kind === 'text-log');
  const total = evtx.length + texts.length;
  let done = 0;
  let aadLog = false;
  const raws = new RawKeeper();

  for (const e of evtx) {
    if (opts.signal?.aborted) throw cancelled();
    opts.onProgress?.({ phase: 'reading-logs', message: `Reading ${e.path}`, done: done++, total });
    if ((e.channel ?? '').toLowerCase() === AAD_CHANNEL.toLowerCase() || (e.provider ?? '').toLowerCase() === AAD_PROVIDER.toLowerCase()) aadLog = true;
    const problems: EvtxProblem[] = [];
    let file: string;
    try {
      file = await bundle.fileFor(e.path);
    } catch (err) {
      warnings.push({ source: e.path, message: `cannot be read: ${(err as Error).message}` });
      continue;
    }
    let sawAad = false;
    let sawSrs = false;
    // Heartbeats repeat every five minutes: an identical one extends the current run instead of adding a fact.
    let run: { fact: HeartbeatFact; payload: string } | null = null;
    for await (const rec of readEvtx(file, {
      name: e.path,
      filter: { providers: [AAD_PROVIDER, SRS_PROVIDER], eventIds: [...AAD_EVENT_IDS, ...SRS_EVENT_IDS] },
      onProblem: (p) => problems.push(p),
      signal: opts.signal,
    })) {
      if (rec.provider.toLowerCase() === AAD_PROVIDER.toLowerCase()) {
        sawAad = true;
        const f = aadFact(rec, e.path);
        if (f) {
          raws.keep(e.path, f.evidence);
          facts.push(f);
        }
      } else {
        sawSrs = true;
        const payload = srsPayload(rec);
        if (run && run.fact.eventId === rec.eventId && run.payload === payload && rec.time >= run.fact.lastTime) {
          run.fact.count += 1;
          run.fact.lastTime = rec.time;
          continue;
        }
        const f = srsFact(rec, e.path, payload);
        if (f?.kind === 'heartbeat') run = { fact: f, payload };
        if (f) {
          raws.keep(e.path, f.evidence);
          facts.push(f);
        }
      }
    }
    if (sawAad) aadLog = true;
    if (sawAad || (e.channel ?? '').toLowerCase() === AAD_CHANNEL.toLowerCase()) files.aad.push(e.path);
    if (sawSrs) files.srs.push(e.path);
    if (problems.length > 0) warnings.push({ source: e.path, message: describeProblems(problems) });
  }

  let teamsLog = false;
  for (const e of texts) {
    if (opts.signal?.aborted) throw cancelled();
    opts.onProgress?.({ phase: 'reading-logs', message: `Scanning ${e.path}`, done: done++, total });
    const teams = isTeamsLog(e.path);
    try {
      const scan = await scanTeamsLog(await bundle.openEntry(e.path), e.path, opts.signal);
      facts.push(...scan.facts);
      if (scan.dropped > 0) warnings.push({ source: e.path, message: `${scan.dropped} more matching lines were counted but not kept as evidence.` });
      if (teams) {
        teamsLog = true;
        files.teams.push(e.path);
      }
    } catch (err) {
      warnings.push({ source: e.path, message: `cannot be read: ${(err as Error).message}` });
    }
  }

  return {
    facts,
    sources: { aadLog, heartbeats: facts.some((f) => f.kind === 'heartbeat'), teamsLog },
    warnings,
    files,
  };
}
