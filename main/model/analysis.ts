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
}

export type TimelineKind = 'healthy' | 'unhealthy' | 'failure' | 'restart' | 'signin-success' | 'signin-failure';

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
}
