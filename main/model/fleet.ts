// Many rooms at once: one row per room (from a bundle or a tenant's resource account), each with its full
// analysis. Type-only module, like analysis.ts: main, preload and renderer may all import it.
import type { AnalysisResult, CheckId, CheckStatus, ReasonCode } from './analysis';

/** The check to fix first in a room, and since when it has been failing. */
export interface FirstToFix {
  check: CheckId;
  title: string;
  status: CheckStatus;
  reason: ReasonCode;
  /** One plain sentence of consequence and action (the check's `action`, or its summary when it has none). */
  action: string;
  /** The check's firstSeen: when the failure was first seen, when it was seen at all. */
  since: string | null;
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
  /** Null when no check fails or warns (unknown checks are not something to fix, and not a pass either). */
  firstToFix: FirstToFix | null;
  /** 0 all clear, 1 a check fails, warns or is unknown, 2 nothing could be evaluated (as `mtr-doctor analyze`). */
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
