// Which entries of a bundle can hold evidence, and whether a bundle holds any: the one rule that `inventory`,
// the wizard's Inventory step and the analysis all use, so the same input is analysable or not whoever reads it.
import { formatCount } from '../model/display-format';
import type { Inventory, InventoryEntry, InventoryRejection } from '../model/inventory';

export const AAD_CHANNEL = 'Microsoft-Windows-AAD/Operational';
export const AAD_PROVIDER = 'Microsoft-Windows-AAD';
export const SRS_CHANNEL = 'Skype Room System';
export const SRS_PROVIDER = 'SRS-App';

/** Classic Logs.txt, rotated old_logs_*.txt, new Teams MSTeams_*.log — anywhere in the tree, any case. */
export function isTeamsLog(path: string): boolean {
  const base = path.split('/').pop()?.toLowerCase() ?? '';
  return base === 'logs.txt' || /^old_logs_.*\.txt$/.test(base) || /^msteams.*\.log$/.test(base);
}

const RELEVANT_CHANNELS = new Set([AAD_CHANNEL.toLowerCase(), SRS_CHANNEL.toLowerCase(), 'forwardedevents']);
const RELEVANT_PROVIDERS = new Set([AAD_PROVIDER.toLowerCase(), SRS_PROVIDER.toLowerCase()]);

const baseName = (e: InventoryEntry): string => e.path.split('/').pop() ?? '';

export function isAadEntry(e: InventoryEntry): boolean {
  if ((e.channel ?? '').toLowerCase() === AAD_CHANNEL.toLowerCase() || (e.provider ?? '').toLowerCase() === AAD_PROVIDER.toLowerCase()) return true;
  return e.identifiedBy !== 'content' && /aad[_%]4?operational|aad_operational/i.test(baseName(e));
}

export function isSrsEntry(e: InventoryEntry): boolean {
  if ((e.channel ?? '').toLowerCase() === SRS_CHANNEL.toLowerCase() || (e.provider ?? '').toLowerCase() === SRS_PROVIDER.toLowerCase()) return true;
  return e.identifiedBy !== 'content' && /skype room system/i.test(baseName(e));
}

/**
 * An event log worth reading: its records say AAD Operational or Skype Room System; or it could not be
 * identified from its first chunk (damaged: it may be either). A log left unopened (past the cap on
 * identification) counts only when its name says it is one of the two.
 */
export function mayHoldEvidence(e: InventoryEntry): boolean {
  if (e.kind !== 'evtx') return false;
  if (e.unopened) return isAadEntry(e) || isSrsEntry(e);
  if (e.identifiedBy !== 'content') return true;
  return RELEVANT_CHANNELS.has((e.channel ?? '').toLowerCase()) || RELEVANT_PROVIDERS.has((e.provider ?? '').toLowerCase());
}

/** An entry the analysis reads: an event log that may hold evidence, or a Teams log (a readme is not one). */
export function isEvidenceEntry(e: InventoryEntry): boolean {
  return mayHoldEvidence(e) || (e.kind === 'text-log' && isTeamsLog(e.path));
}

/**
 * Why this input is not a Teams Rooms device log bundle (nothing in it the analysis reads), or null. Both
 * `inventory` and `analyze` exit 2 on it, and the Inventory step shows it.
 */
export function notABundleReason(inv: Pick<Inventory, 'name'> & { entries: InventoryEntry[]; rejected: InventoryRejection[] }): string | null {
  if (inv.entries.some(isEvidenceEntry)) return null;
  return describeNothing(inv);
}

/** "3 entries, none of them an event log or a Teams log" — what a not-a-bundle input held. */
export function describeNothing(inv: Pick<Inventory, 'name'> & { entries: InventoryEntry[]; rejected: InventoryRejection[] }): string {
  const n = inv.entries.length;
  const evtx = inv.entries.filter((e) => e.kind === 'evtx').length;
  const refused = inv.rejected.length;
  const parts = [`${formatCount(n)} ${n === 1 ? 'entry' : 'entries'}`];
  if (refused) parts.push(`${formatCount(refused)} refused`);
  const what =
    evtx > 0
      ? `${evtx === 1 ? 'an event log' : `${formatCount(evtx)} event logs`}, but no AAD Operational or Skype Room System log and no Teams log`
      : n === 0
        ? 'nothing to analyse'
        : 'none of them an event log or a Teams log';
  return `${inv.name} is not a Teams Rooms device log bundle: ${parts.join(', ')}, ${what}. Download the logs again from the Teams admin center (Teams devices › the room › Download device logs).`;
}
