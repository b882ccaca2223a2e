// Record filter, checked from the few System values it needs before anything else is decoded.
import type { Instance } from './binxml';
import { asNumber, asText, SystemField, systemValue } from './fields';
import type { ChunkContext } from './template';
import type { EvtxFilter } from './types';

export interface CompiledFilter {
  eventIds: ReadonlySet<number> | null;
  channels: ReadonlySet<string> | null;
  providers: ReadonlySet<string> | null;
}

/** Null when the filter lets everything through. */
export function compileFilter(filter: EvtxFilter | undefined): CompiledFilter | null {
  if (!filter) return null;
  const lower = (xs: readonly string[] | undefined): ReadonlySet<string> | null => (xs ? new Set(xs.map((x) => x.toLowerCase())) : null);
  const compiled: CompiledFilter = {
    eventIds: filter.eventIds ? new Set(filter.eventIds) : null,
    channels: lower(filter.channels),
    providers: lower(filter.providers),
  };
  return compiled.eventIds || compiled.channels || compiled.providers ? compiled : null;
}

export function matchesFilter(cc: ChunkContext, inst: Instance, f: CompiledFilter): boolean {
  if (f.eventIds && !f.eventIds.has(asNumber(systemValue(cc, inst, SystemField.EventId)))) return false;
  if (f.channels && !f.channels.has(asText(systemValue(cc, inst, SystemField.Channel)).toLowerCase())) return false;
  if (f.providers) {
    const name = asText(systemValue(cc, inst, SystemField.Provider)) || asText(systemValue(cc, inst, SystemField.EventSourceName));
    if (!f.providers.has(name.toLowerCase())) return false;
  }
  return true;
}
