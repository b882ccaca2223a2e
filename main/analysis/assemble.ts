// Builds the AnalysisResult from facts (from a bundle, from Graph, or both) and the checks' verdicts.
import { runChecks } from '../checks/run-checks';
import { diagnose } from './diagnosis';
import type { MixedDevices } from '../evidence/device-spans';
import type { CutShortLog } from '../evidence/from-bundle';
import { formatCount, formatUtc } from '../model/display-format';
import type { AnalysisResult, CheckedSource, CheckResult, InputSummary, Warning } from '../model/analysis';
import type { Fact, FactSet, LiveNetworkFact, SourcePresence, UnreadableSource } from '../model/facts';
import { version } from '../../package.json';

/** The version in every result: package.json's, so a release bump changes it in one place. */
export const TOOL_VERSION: string = version;

export const NO_SOURCES: SourcePresence = {
  aadLog: false,
  heartbeats: false,
  teamsLog: false,
  graphSignIns: false,
  graphAccount: false,
  graphLicenses: false,
  graphMailbox: false,
  graphPolicies: false,
};

export interface AssembleInput {
  input: InputSummary;
  facts: Fact[];
  sources: Partial<SourcePresence>;
  warnings: Warning[];
  account?: string | null;
  now?: Date;
  checked?: CheckedSource[];
  unreadable?: UnreadableSource[];
  utcOffset?: { minutes: number; source: string } | null;
  collectedAt?: string | null;
  graphReadAt?: string | null;
  signInLogDelayMinutes?: number;
  /** Set when the input holds nothing to analyse (the reason, naming what was found). */
  nothingToAnalyse?: string | null;
  /** Set when the bundle mixes several devices' logs: no pass may rest on its evidence. */
  mixedDevices?: MixedDevices | null;
  /** Logs read only up to a cut: no pass may rest on their evidence. */
  cutShort?: CutShortLog[];
  /** A live network test from the technician's laptop, and whether it was run on the room's network. */
  liveNetwork?: LiveNetworkInput | null;
}

/** The live test as the analysis takes it: the probe's fact and the technician's confirmation. */
export interface LiveNetworkInput {
  fact: LiveNetworkFact;
  onRoomNetwork: boolean;
}

/**
 * A pass that rests on a bundle mixing several devices is unknown: the health may be another room's. A pass
 * on Entra's evidence alone (graph:) is about the account, whatever the bundle holds, and stands.
 */
function withoutMixedPasses(checks: CheckResult[], mixed: MixedDevices): CheckResult[] {
  const names = mixed.computers.join(', ');
  return checks.map((c) => {
    if (c.status !== 'pass' || c.evidence.every((e) => e.source.startsWith('graph:'))) return c;
    const { action: _action, ...rest } = c;
    return {
      ...rest,
      status: 'unknown',
      // What was seen stays in the evidence; the summary says first why it is not a pass.
      summary: `Not judged: the bundle mixes ${mixed.computers.length} devices' logs (${names}), and the health seen may be another device's. Seen: ${c.summary}`,
      reason: { code: 'several-devices', text: mixed.text },
      remedy: ["Analyse each device's logs on its own: put each device's logs in a folder of its own (or keep each device's zip), and open the folder that holds them as a fleet.", ...c.remedy],
    };
  });
}

/**
 * A pass resting on a log cut short is unknown: the events after the cut could not be read, and a later failure may
 * be among them (what was read is health before the cut, not after the last failure). A pass on other evidence stands.
 */
function withoutPassesOnCutLogs(checks: CheckResult[], cut: CutShortLog[]): CheckResult[] {
  if (cut.length === 0) return checks;
  return checks.map((c) => {
    const log = c.status === 'pass' ? cut.find((l) => c.evidence.some((e) => e.source === l.source)) : undefined;
    if (!log) return c;
    const { action: _action, ...rest } = c;
    return {
      ...rest,
      status: 'unknown',
      summary: `Not judged: the health seen comes from ${log.source}, and ${log.message}; a later failure may be among the events missing. Seen: ${c.summary}`,
      reason: { code: 'source-unreadable', text: `${log.source} is cut short (${log.message}): what was read cannot show health after the events that are missing.` },
      remedy: [`Collect the device's logs again: ${log.source} in this bundle is cut short.`, ...c.remedy],
      missingSource: `From the device, a complete copy of ${log.source}.`,
    };
  });
}

/** Nothing is judged on input that is not a Teams Rooms bundle (another kind of device's logs): every check says why. */
function notJudged(checks: CheckResult[], why: string): CheckResult[] {
  return checks.map((c) => {
    const { action: _action, portalSignal: _signal, recoveredAt: _recovered, firstSeen: _first, lastSeen: _last, occurrences: _n, lastHealthy: _healthy, attemptIds: _ids, attemptCounts: _counts, ...rest } = c;
    return { ...rest, status: 'unknown', summary: `Not judged: ${why}`, reason: { code: 'no-source', text: why }, evidence: [], remedy: [] };
  });
}

/** Every time a fact covers, including the end of a heartbeat run. */
function timesOf(f: Fact): string[] {
  if (!('time' in f) || !f.time) return [];
  return 'lastTime' in f && typeof f.lastTime === 'string' && f.lastTime !== f.time ? [f.time, f.lastTime] : [f.time];
}

/** Evidence placed after the bundle was collected: a time-zone misreading, flagged rather than trusted. */
const AFTER_COLLECTION_SLACK_MS = 5 * 60_000;

export function assemble(a: AssembleInput): AnalysisResult {
  const now = a.now ?? new Date();
  // The period spans all evidence: heartbeat runs to their last beat, and every checked source's span.
  let from: string | null = null;
  let to: string | null = null;
  const see = (t: string | null | undefined) => {
    if (!t) return;
    if (!from || t < from) from = t;
    if (!to || t > to) to = t;
  };
  for (const f of a.facts) for (const t of timesOf(f)) see(t);
  for (const c of a.checked ?? []) {
    see(c.from);
    see(c.to);
  }
  // The live test joins the facts after the period is taken: it is the laptop's time, not the room's evidence.
  const live = a.liveNetwork ? { ...a.liveNetwork.fact, onRoomNetwork: a.liveNetwork.onRoomNetwork } : null;
  const set: FactSet = {
    facts: live ? [...a.facts, live] : a.facts,
    sources: { ...NO_SOURCES, ...a.sources },
    window: { from, to },
    checked: a.checked ?? [],
    unreadable: a.unreadable ?? [],
    requestedAccount: a.account ?? null,
    collectedAt: a.collectedAt ?? null,
    utcOffset: a.utcOffset ?? null,
    graphReadAt: a.graphReadAt ?? null,
    signInLogDelayMinutes: a.signInLogDelayMinutes,
  };
  const run = runChecks(set, { now, account: a.account ?? null });
  const warnings = [...a.warnings, ...accountWarnings(run.device.account, a.account ?? null, run.device.previousAccounts ?? [])];
  if (run.codesLeftOut > 0) {
    warnings.push({ source: a.input.name, message: `${formatCount(run.codesLeftOut)} more distinct AADSTS codes were seen than the ${run.codes.length} listed (the most frequent are shown).` });
  }
  const late = lateEvidence(a.facts, a.collectedAt ?? null);
  if (late) warnings.push(late);
  const evaluated = run.checks.some((c) => c.status !== 'unknown' || !['no-source', 'source-unreadable'].includes(c.reason.code));
  const judged = a.nothingToAnalyse ? notJudged(run.checks, a.nothingToAnalyse) : a.mixedDevices ? withoutMixedPasses(run.checks, a.mixedDevices) : run.checks;
  const checks = withoutPassesOnCutLogs(judged, a.cutShort ?? []);
  // A mix names all its devices, not the first one found.
  const device = a.mixedDevices ? { ...run.device, computer: a.mixedDevices.computers.join(' + ') } : run.device;
  const nothing = a.nothingToAnalyse || !evaluated ? (a.nothingToAnalyse ?? 'no source held evidence for any check.') : null;
  const result: AnalysisResult = {
    schemaVersion: 1,
    generatedAt: now.toISOString(),
    tool: { name: 'MTR Doctor', version: TOOL_VERSION },
    input: a.input,
    device,
    period: set.window,
    checks,
    codes: run.codes,
    warnings,
    timeline: run.timeline,
    diagnosis: diagnose({ checks, device, input: a.input, nothingEvaluated: nothing }),
  };
  if (run.attempts.length) result.attempts = run.attempts;
  if (run.liveTest) result.liveTest = run.liveTest;
  if (nothing !== null) {
    result.nothingEvaluated = true;
    if (a.nothingToAnalyse) result.warnings.unshift({ source: a.input.name, message: a.nothingToAnalyse });
  }
  return result;
}

/** The device's account and the requested one differ, or the device changed accounts: say so plainly. */
function accountWarnings(deviceAccount: string | null, requested: string | null, previous: string[]): { source: string; message: string }[] {
  const out: { source: string; message: string }[] = [];
  if (requested && deviceAccount && requested.toLowerCase() !== deviceAccount.toLowerCase() && !deviceAccount.toLowerCase().startsWith(`${requested.toLowerCase()}@`) && !requested.toLowerCase().startsWith(`${deviceAccount.toLowerCase()}@`)) {
    out.push({
      source: 'account',
      message: `The bundle is from a device signed in as ${deviceAccount}, but the tenant was read for ${requested}. Entra's evidence for ${requested} was kept out of the checks; analyse again with the device's account (--account ${deviceAccount}).`,
    });
  }
  if (previous.length) {
    out.push({ source: 'account', message: `The device changed resource account: it used ${previous.join(', ')} before ${deviceAccount ?? 'the current one'}. Failures of earlier accounts are shown as history, not as today's verdict.` });
  }
  return out;
}

function lateEvidence(facts: Fact[], collectedAt: string | null): { source: string; message: string } | null {
  if (!collectedAt) return null;
  const limit = Date.parse(collectedAt) + AFTER_COLLECTION_SLACK_MS;
  const late = facts.filter((f) => f.kind === 'teams-log' && f.time && Date.parse(f.time) > limit);
  if (late.length === 0) return null;
  const first = late[0] as Extract<Fact, { kind: 'teams-log' }>;
  return {
    source: first.evidence.source,
    message: `${formatCount(late.length)} Teams log line(s) are dated after the bundle's newest event (${formatUtc(collectedAt)}): their time zone may be misread. Treat their times with care.`,
  };
}
