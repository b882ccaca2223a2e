// Many rooms at once: one row per room (from a bundle or a tenant's resource account), each with its full
// analysis. Type-only module, like analysis.ts: main, preload and renderer may all import it.
import type { AnalysisResult, CheckId, CheckStatus, DiagnosisAction, DiagnosisState } from './analysis';

/** The room's first action: its Diagnosis' first (main/analysis/diagnosis.ts), as the room's sheet has it. */
export interface FirstToFix {
  check: CheckId;
  title: string;
  status: CheckStatus;
  kind: DiagnosisAction['kind'];
  /** The Diagnosis' sentence for it (a resolved problem in the past tense). */
  action: string;
  /** When the problem began, when known. */
  since: string | null;
  /** Place in the one ranking, comparable across rooms. */
  rank: number;
}

export interface FleetRow {
  /** The bundle file (as given) or, for a tenant, the resource account. */
  source: string;
  room: string | null;
  computer: string | null;
  appVersion: string | null;
  account: string | null;
  /** The seven statuses, keyed by check id. */
  statuses: Record<CheckId, CheckStatus>;
  /** The Diagnosis' first action; null when it has none (all clear, or only undecided checks: see `state`). */
  firstToFix: FirstToFix | null;
  /** The Diagnosis' state and headline, as the room's sheet says them. */
  state: DiagnosisState;
  headline: string;
  /** The Diagnosis' exit code: 0 all clear, 1 failing or undecided, 2 nothing could be evaluated. */
  exitCode: 0 | 1 | 2;
  analysis: AnalysisResult;
}

/** A bundle (or account) that could not be analysed at all, and why. */
export interface FleetRefusal {
  source: string;
  message: string;
}

export interface FleetResult {
  schemaVersion: 1;
  kind: 'fleet';
  generatedAt: string;
  tool: { name: 'MTR Doctor'; version: string };
  /** What the fleet is: "12 bundles" or a tenant name. */
  name: string;
  rows: FleetRow[];
  refused: FleetRefusal[];
  /** For a tenant: the resource accounts found each way and where the two lists disagree. */
  discovery?: RoomDiscovery;
  /** Problems that touch every room (a tenant-wide list that could not be read). */
  warnings?: { source: string; message: string }[];
  /** For a tenant: Microsoft Graph requests spent, in total and per room. */
  requests?: { total: number; perRoom: number };
  /** For a tenant: bookable rooms in /places that are no Teams Rooms account, listed apart and not checked. */
  notChecked?: NotCheckedRoom[];
}

/** A room of the tenant's room list that is no Teams Rooms account (no account, or a disabled unlicensed one). */
export interface NotCheckedRoom {
  account: string;
  displayName: string | null;
  reason: string;
}

export interface RoomDiscovery {
  /** Room mailboxes listed in /places/microsoft.graph.room. */
  places: string[];
  /** Accounts holding a Teams Rooms SKU. */
  licensed: string[];
  /** A room with no Teams Rooms license, and a licensed account that is not a room. */
  placesOnly: string[];
  licensedOnly: string[];
}
