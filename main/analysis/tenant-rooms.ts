// Every Teams Room in a tenant → one fleet row per resource account, through the same seven checks as a
// single account (predictive findings included: password expiry, licences, Conditional Access, security
// defaults come from the same facts). Rows are handed over as each room's reads complete.
import { DEFAULT_SIGNIN_LOG_DELAY_MINUTES } from '../checks/attempts';
import mtrSkus from '../checks/data/mtr-skus.json';
import { collectTenantRooms } from '../graph/tenant-rooms';
import type { GraphProgress } from '../graph/graph-run';
import type { FleetResult, FleetRow } from '../model/fleet';
import { assemble } from './assemble';
import { graphWindow, type TenantInput } from './tenant';
import { fleetResult, fleetRow } from './fleet-rows';

export interface TenantRoomsAnalysisOptions {
  concurrency?: number;
  signal?: AbortSignal;
  now?: Date;
  onProgress?: (p: GraphProgress) => void;
  /** A room's row as soon as its reads are in (partial results). */
  onRow?: (row: FleetRow) => void;
}

export async function analyseTenantRooms(input: TenantInput, opts: TenantRoomsAnalysisOptions = {}): Promise<FleetResult> {
  const now = opts.now ?? new Date();
  const rows: FleetRow[] = [];
  const collected = await collectTenantRooms({
    auth: input.auth,
    ...(input.graphUrl ? { graphUrl: input.graphUrl } : { cloud: input.cloud ?? 'global' }),
    window: graphWindow(now, null, input.days),
    roomSkuIds: mtrSkus.roomSkus.map((s) => s.skuId),
    concurrency: opts.concurrency,
    signal: opts.signal,
    onProgress: opts.onProgress,
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
      const row = fleetRow(room.account, result);
      rows.push(row);
      opts.onRow?.(row);
    },
  });
  rows.sort((a, b) => a.source.localeCompare(b.source));
  const fleet = fleetResult(input.tenantName, rows, [], now);
  const placesSet = new Set(collected.places);
  const licensedSet = new Set(collected.licensed);
  fleet.discovery = {
    places: collected.places,
    licensed: collected.licensed,
    placesOnly: collected.places.filter((a) => !licensedSet.has(a)),
    licensedOnly: collected.licensed.filter((a) => !placesSet.has(a)),
  };
  fleet.requests = { total: collected.requests, perRoom: rows.length ? collected.requests / rows.length : collected.requests };
  if (collected.warnings.length) fleet.warnings = collected.warnings;
  return fleet;
}
