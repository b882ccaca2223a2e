// The analysis result: what the engine produces and every front end (wizard, CLI, findings sheet) shows.
// Type-only module: imported by main, preload and renderer alike, so it must not import Node modules.

/** The seven checks, in the order of Microsoft's troubleshooting article. */
export const CHECK_IDS = [
  'mfa',
  'conditional-access',
  'password',
  'credentials',
  'network',
  'mailbox',
  'license',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * fail: the evidence shows this problem. warn: a risk or a past/partial failure.
 * pass: the relevant source was present and shows health for the period. unknown: no source for it.
 */
export type CheckStatus = 'fail' | 'warn' | 'pass' | 'unknown';

/** One piece of evidence, with enough provenance to find it again. */
export interface Evidence {
  /** Where it came from: a path inside the bundle (forward slashes) or `graph:` + resource + id. */
  source: string;
  /** Where inside the source: `record 4711`, `line 12`, a sign-in id… */
  locator: string;
  /** When it happened (ISO 8601, UTC), or null when the source has no time. */
  time: string | null;
  /** The exact text this finding rests on, trimmed to a readable length. */
  excerpt: string;
  /** The whole raw item (event XML, log line, JSON), shown when expanded. Optional: may be large. */
  raw?: string;
  /**
   * Identifiers and values a technician copies or searches for, as their own fields, never cut off:
   * Correlation ID, Request ID, Sign-in error code, Failure reason, IP address… Labels use the vocabulary of
   * the portal the value comes from (Entra's sign-in detail pane for Graph rows).
   */
  fields?: EvidenceField[];
}

export interface EvidenceField {
  label: string;
  value: string;
  /** An identifier worth a copy button (GUIDs, codes). */
  copy?: boolean;
}

/**
 * Why a check has the status it has, from a small fixed vocabulary (docs/ARCHITECTURE.md, "Verdicts"):
 * - failing: current failure evidence for the current account
 * - resolved: failures, then positive evidence of health (status warn)
 * - risk: a configuration that will break sign-in, not yet seen failing (status warn)
 * - healthy: positive evidence of health for the current account after its last failure (status pass)
 * - no-source: nothing that could settle it was in the input
 * - source-unreadable: the source was there but damaged or empty (the text names the file and what was read)
 * - not-reached: an earlier blocking failure (offline, account not found, disabled, locked) hides it
 * - no-premium: the tenant lacks Entra ID P1/P2, so sign-in logs cannot be read
 * - history-only: failures belong to a previous account or ended before the window, and nothing shows health now
 * - no-positive-evidence: the source was read and shows no failure, but nothing in it shows health either
 * - several-devices: the health seen is in a bundle that mixes the logs of several devices over the same hours
 */
export const REASON_CODES = [
  'failing',
  'resolved',
  'risk',
  'healthy',
  'no-source',
  'source-unreadable',
  'not-reached',
  'no-premium',
  'history-only',
  'no-positive-evidence',
  'several-devices',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: ReasonCode;
  text: string;
}

/** One source a check read, so a verdict can say what was checked ("AAD Operational log, 373 events, …"). */
export interface CheckedSource {
  /** Human label: "AAD Operational log", "Skype Room System heartbeats", "Entra sign-in logs". */
  label: string;
  /** The file inside the bundle or the Graph resource. */
  source: string;
  /** How many items were read, and what they are ("events", "heartbeats", "lines", "sign-ins"). */
  count: number;
  unit: string;
  from: string | null;
  to: string | null;
}

export interface DocLink {
  title: string;
  url: string;
}

export interface CheckResult {
  id: CheckId;
  /** Human title, e.g. "Multifactor authentication". */
  title: string;
  status: CheckStatus;
  /** One line a technician can read aloud to a customer. */
  summary: string;
  evidence: Evidence[];
  /** The fix as numbered steps, specific to what was found. */
  remedy: string[];
  links: DocLink[];
  /** First and last time the failure was seen (ISO), when it was seen at all. */
  firstSeen?: string;
  lastSeen?: string;
  occurrences?: number;
  /** A healthy signal after the last failure: the problem looks resolved. */
  recoveredAt?: string;
  /** For `unknown`: which source would settle it. */
  missingSource?: string;
  /** Why this status: code from a fixed vocabulary plus one sentence. Present on every check. */
  reason: Reason;
  /** The sources this check read (on every pass and unknown, and on failures too). */
  checked: CheckedSource[];
  /** Time of the last positive evidence of health this check relied on, when there was any. */
  lastHealthy?: string;
  /**
   * One plain sentence of consequence and action for the customer ("The room cannot sign in because …
   * Ask your identity team to …"), for fail and warn. Codes and counts stay in `summary`.
   */
  action?: string;
  /** The Teams Rooms Pro portal signal this finding explains ("Sign in (Teams)", "Calendar sync" …). */
  portalSignal?: string;
  /** The sign-in attempts (ids in AnalysisResult.attempts) this verdict rests on. */
  attemptIds?: string[];
  /** Attempts counted once across device log, heartbeat and Entra row; confirmed = matched to an Entra sign-in. */
  attemptCounts?: { total: number; confirmedInEntra: number };
  /**
   * Set when this check's aspect turned unhealthy after its last health and nothing in the evidence names the
   * cause: when the trouble began (ISO) and what the device reported (the Diagnosis makes it the first action).
   */
  unexplained?: { since: string; aspect: string };
}

/**
 * The story every view tells, computed once by the engine next to the verdicts (main/analysis/diagnosis.ts):
 * the sheet's headline and "Do this first", the app's stepper, overview and check banners, the fleet row and
 * the exit code all render this and never re-derive it.
 * - all-clear: every check passes or warns (resolved or a risk); the only state that may say "no problem".
 * - failing: at least one check fails now.
 * - undecided: nothing fails, but a check could not be decided, or the room is unhealthy and nothing names why.
 * - not-analysable: nothing in the input could be evaluated (not a device bundle, nothing readable).
 */
export type DiagnosisState = 'all-clear' | 'failing' | 'undecided' | 'not-analysable';

/** How a check's banner reads: a resolved problem is never worded as current. */
export type BannerState = 'current' | 'resolved' | 'risk' | 'undecided' | 'healthy';

export interface CheckBanner {
  state: BannerState;
  /** The sentence at the top of the check (the customer's action, in the right tense). */
  text: string;
}

export interface DiagnosisAction {
  /** The check this action is about (for unexplained trouble, the check whose aspect turned unhealthy). */
  check: CheckId;
  title: string;
  /** current: failing now; resolved: failed, healthy since; risk: will break sign-in; unexplained: unhealthy now, cause not in the evidence. */
  kind: 'current' | 'resolved' | 'risk' | 'unexplained';
  status: CheckStatus;
  /** When the problem began (ISO), when known. */
  since: string | null;
  /** For resolved: when health came back. */
  resolvedAt: string | null;
  /** One plain sentence, specific to the cause in the evidence. */
  sentence: string;
  /** The evidence it rests on (at most two items). */
  evidence: Evidence[];
  /** Its place in the one ranking (lower first), comparable across rooms: the fleet sorts by it. */
  rank: number;
}

export interface UndecidedCheck {
  check: CheckId;
  title: string;
  reason: ReasonCode;
  /** What would settle it: which log, which collection category, which Graph permission. */
  settle: string;
}

export interface Diagnosis {
  state: DiagnosisState;
  /** One sentence from the state: "No problem found" only for all-clear. */
  headline: string;
  /** Ranked by one rule (docs/ARCHITECTURE.md, "Diagnosis"): the first is "Do this first". */
  actions: DiagnosisAction[];
  undecided: UndecidedCheck[];
  banners: Record<CheckId, CheckBanner>;
  /** The CLI's exit code for this result: 0 all-clear, 1 failing or undecided, 2 not analysable. */
  exitCode: 0 | 1 | 2;
}

/**
 * One sign-in attempt, seen by the device (AAD log), by Entra (a sign-in row) or both, linked by Correlation ID.
 * Counted once whichever views saw it.
 */
export interface Attempt {
  id: string;
  time: string;
  /** The account the attempt was for, when a view says so. */
  account: string | null;
  correlationId: string | null;
  device: { source: string; locator: string; hresult: string | null; aadsts: string | null } | null;
  entra: {
    id: string;
    errorCode: number;
    failureReason: string | null;
    conditionalAccessStatus: string | null;
    ipAddress: string | null;
    location: string | null;
  } | null;
  /** The code the verdict used: Entra's when it is more specific than the device's (docs/ARCHITECTURE.md). */
  code: string | null;
  /** The check this attempt counts for. */
  check: CheckId | null;
  /** Device attempt with no Entra row: too recent for the sign-in log delay, or never reached Entra. */
  entraState: 'matched' | 'not-yet-in-entra' | 'not-in-entra' | 'entra-only' | 'not-looked-up';
}

/** An AADSTS code seen in the evidence, with its meaning from the code table. */
export interface CodeSighting {
  code: string;
  name: string;
  meaning: string;
  /** The check that claims it, or null when no check does. */
  check: CheckId | null;
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
  evidence: Evidence[];
}

export interface Warning {
  /** The file (inside the bundle) or Graph resource the warning is about. */
  source: string;
  message: string;
  /** Technical detail behind a plain message (damage found by the readers): the technician's full report shows it. */
  detail?: string;
}

export type AppGeneration = '4.x' | '5.x' | 'unknown';

export interface DeviceInfo {
  computer: string | null;
  displayName: string | null;
  /** Resource account (heartbeat Alias or the account typed in). */
  account: string | null;
  appVersion: string | null;
  generation: AppGeneration;
  /** One sentence: what the generation means for Exchange/calendar sign-in. */
  generationNote: string;
  os: string | null;
  ipv4: string | null;
  /** The device's UTC offset in minutes (east positive) and where it was read, for showing local times. */
  utcOffsetMinutes?: number | null;
  utcOffsetSource?: string | null;
  /** Earlier resource accounts seen in the evidence (their failures are history, not today's verdict). */
  previousAccounts?: string[];
}

export type TimelineKind = 'healthy' | 'unhealthy' | 'failure' | 'restart' | 'clock-jump' | 'signin-success' | 'signin-failure';

export interface TimelineEntry {
  time: string;
  kind: TimelineKind;
  /** Short label, e.g. "AADSTS50076" or "Exchange: GeneralError". */
  label: string;
  check: CheckId | null;
  /** How many events this point stands for, when a long period was condensed. */
  count?: number;
}

export interface InputSummary {
  /** What was analysed: a bundle, a tenant, or both. */
  kind: 'bundle' | 'tenant' | 'bundle+tenant';
  /** Bundle file name and/or tenant. */
  name: string;
  /** Which evidence sources were present (AAD log, heartbeats, Teams logs, Graph sign-ins…). */
  sources: string[];
}

export interface AnalysisResult {
  schemaVersion: 1;
  generatedAt: string;
  tool: { name: 'MTR Doctor'; version: string };
  input: InputSummary;
  device: DeviceInfo;
  /** Earliest and latest evidence time. */
  period: { from: string | null; to: string | null };
  checks: CheckResult[];
  /** Every AADSTS code seen, including those no check claims. */
  codes: CodeSighting[];
  warnings: Warning[];
  timeline: TimelineEntry[];
  /** Sign-in attempts, each counted once across device and Entra views (present when there were any). */
  attempts?: Attempt[];
  /** True when nothing in the input could be evaluated (exit 2). */
  nothingEvaluated?: boolean;
  /** The story every view tells: headline, ranked actions, banners, exit code. */
  diagnosis: Diagnosis;
  /** A live network test run from the technician's laptop during this session, with its provenance. */
  liveTest?: LiveTestSection;
}

/** The live test as its own section of the sheet: when, from where, what it found, and whether it was used. */
export interface LiveTestSection {
  time: string;
  machine: string;
  /** The laptop's non-internal addresses at the time ("Ethernet 10.1.2.3"). */
  interfaces: string[];
  proxy: string;
  verdict: CheckStatus;
  summary: string;
  /** The technician confirmed the laptop was on the room's network: only then does it change the network verdict. */
  onRoomNetwork: boolean;
  /** One sentence: which is newer, the device's evidence or the test, and what each shows. */
  comparison: string;
  remedy: string[];
}
