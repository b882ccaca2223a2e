// Every Teams Room in a tenant → one fleet row per resource account, through the same seven checks as a
// single account (predictive findings included: password expiry, licences, Conditional Access, security
// defaults come from the same facts). Rows are handed over as each room's reads complete and are not kept
// here: a caller streams them (the CLI to its journal), so memory does not grow with the tenant.
import { DEFAULT_SIGNIN_LOG_DELAY_MINUTES } from '../checks/attempts';
import mtrSkus from '../checks/data/mtr-skus.json';
import { collectTenantRooms, type SignInMode } from '../graph/collect-tenant-rooms';
import type { GraphPhase } from '../graph/graph-run';
import type { FleetResult, FleetRow, NotCheckedRoom, RoomDiscovery } from '../model/fleet-result';
import { assemble } from './assemble';
import { graphWindow, type TenantInput } from './tenant';
import { fleetResult, fleetRow } from './fleet-rows';

/** Where a long run is: what the CLI's stderr and the app show. Computed here once; views only render it. */
export interface TenantRoomsProgress {
  phase: GraphPhase;
  /** Rooms finished, this run and earlier ones (a resumed run counts what it found done). */
  roomsDone: number;
  /** Rooms to check in all; null until the room list and licence holders are read. */
  roomsTotal: number | null;
  /** Reads that waited before going again (a 429, also inside a $batch, or no answer at all). */
  throttled: number;
  /** Set while the run waits out a Retry-After. */
  waitingSeconds: number | null;
  /** Seconds left at this run's pace; null until rooms have started to finish. */
  etaSeconds: number | null;
}

export interface TenantRoomsAnalysisOptions {
  concurrency?: number;
  signal?: AbortSignal;
  now?: Date;
  onProgress?: (p: TenantRoomsProgress) => void;
  /** A room's row as soon as its reads are in (partial results). */
  onRow?: (row: FleetRow) => void;
  onNotChecked?: (room: NotCheckedRoom) => void;
  /** Accounts finished by an earlier run of the same tenant and window: not read again. */
  skip?: ReadonlySet<string>;
}

/** What a run knows at its end, besides the rows it handed over. */
export interface TenantRoomsSummary {
  discovery: RoomDiscovery;
  warnings: { source: string; message: string }[];
  /** Graph requests this run sent, and per room it finished. */
  requests: { total: number; perRoom: number };
  signInMode: SignInMode;
  /** Rooms this run finished (not counting skipped ones). */
  rooms: number;
}

/** The rows go to onRow as they finish; the summary comes back at the end. */
export async function runTenantRooms(input: TenantInput, opts: TenantRoomsAnalysisOptions = {}): Promise<TenantRoomsSummary> {
  const now = opts.now ?? new Date();
  const progress: TenantRoomsProgress = { phase: 'mailbox', roomsDone: 0, roomsTotal: null, throttled: 0, waitingSeconds: null, etaSeconds: null };
  let skipped = 0;
  let rooms = 0;
  let firstRoomAt: number | null = null;
  const report = () => {
    const left = progress.roomsTotal === null ? null : progress.roomsTotal - progress.roomsDone;
    const pace = firstRoomAt !== null && rooms > 1 ? (Date.now() - firstRoomAt) / (rooms - 1) : null;
    progress.etaSeconds = left === null || pace === null ? null : Math.round((left * pace) / 1000);
    opts.onProgress?.({ ...progress });
  };
  const collected = await collectTenantRooms({
    auth: input.auth,
    ...(input.graphUrl ? { graphUrl: input.graphUrl } : { cloud: input.cloud ?? 'global' }),
    window: graphWindow(now, null, input.days),
    roomSkuIds: mtrSkus.roomSkus.map((s) => s.skuId),
    concurrency: opts.concurrency,
    signal: opts.signal,
    skip: opts.skip,
    onPlan: (plan) => {
      skipped = plan.total - plan.toDo;
      progress.roomsTotal = plan.total;
      progress.roomsDone = skipped;
      report();
    },
    onProgress: (p) => {
      progress.phase = p.phase;
      if (p.waitingSeconds) progress.throttled++;
      progress.waitingSeconds = p.waitingSeconds ?? null;
      report();
    },
    onNotChecked: (room) => {
      // Found not to be a Teams Room only once its account was read: no longer counted as a room to check.
      if (progress.roomsTotal !== null) progress.roomsTotal--;
      opts.onNotChecked?.(room);
      report();
    },
    onRoom: (room) => {
      const result = assemble({
        input: { kind: 'tenant', name: `${room.account} in ${input.tenantName}`, sources: [`Microsoft Graph for ${room.account} in ${input.tenantName}`] },
        facts: room.facts,
        sources: room.sources,
        warnings: room.warnings,
        account: room.account,
        now,
        graphReadAt: now.toISOString(),
        signInLogDelayMinutes: DEFAULT_SIGNIN_LOG_DELAY_MINUTES,
        nothingToAnalyse: null,
      });
      // The room list's name for the room, when the device has not told us one.
      if (!result.device.displayName && room.displayName) result.device.displayName = room.displayName;
      rooms++;
      firstRoomAt ??= Date.now();
      progress.roomsDone++;
      progress.waitingSeconds = null;
      opts.onRow?.(fleetRow(room.account, result));
      report();
    },
  });
  const placesSet = new Set(collected.places);
  const licensedSet = new Set(collected.licensed);
  return {
    discovery: {
      places: collected.places,
      licensed: collected.licensed,
      placesOnly: collected.places.filter((a) => !licensedSet.has(a)),
      licensedOnly: collected.licensed.filter((a) => !placesSet.has(a)),
    },
    warnings: collected.warnings,
    requests: { total: collected.requests, perRoom: rooms ? collected.requests / rooms : collected.requests },
    signInMode: collected.signInMode,
    rooms,
  };
}

/** The whole fleet in memory, rows sorted by account: for a few hundred rooms (tests, the bench's comparison). */
export async function analyseTenantRooms(input: TenantInput, opts: TenantRoomsAnalysisOptions = {}): Promise<FleetResult> {
  const now = opts.now ?? new Date();
  const rows: FleetRow[] = [];
  const notChecked: NotCheckedRoom[] = [];
  const summary = await runTenantRooms(input, {
    ...opts,
    now,
    onRow: (row) => {
      rows.push(row);
      opts.onRow?.(row);
    },
    onNotChecked: (room) => {
      notChecked.push(room);
      opts.onNotChecked?.(room);
    },
  });
  return tenantFleet(input.tenantName, now, rows, notChecked, summary);
}

/** A tenant's FleetResult from its parts (rows in account order), as every output shows it. */
export function tenantFleet(tenantName: string, now: Date, rows: FleetRow[], notChecked: NotCheckedRoom[], summary: Omit<TenantRoomsSummary, 'signInMode' | 'rooms'>): FleetResult {
  rows.sort((a, b) => a.source.localeCompare(b.source));
  const fleet = fleetResult(tenantName, rows, [], now);
  fleet.discovery = summary.discovery;
  fleet.requests = summary.requests;
  if (notChecked.length) fleet.notChecked = [...notChecked].sort((a, b) => a.account.localeCompare(b.account));
  if (summary.warnings.length) fleet.warnings = summary.warnings;
  return fleet;
}
