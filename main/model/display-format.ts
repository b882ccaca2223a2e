// How times and sizes read everywhere: checks' summaries, the CLI, the wizard and the findings sheet.
// Pure functions: the renderer imports this module too.
import type { DeviceInfo } from './analysis';

/** "2024-05-01 10:02 UTC": minutes are what a technician reads aloud. */
export function formatUtc(iso: string | null | undefined, missing = '—'): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : missing;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(v >= 10 ? 0 : 1)} ${units[i]}`;
}

/** "+01:00", "-05:30", "+00:00". */
export function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export type Zone = Pick<DeviceInfo, 'utcOffsetMinutes' | 'utcOffsetSource'> | null | undefined;

function hasOffset(zone: Zone): zone is { utcOffsetMinutes: number; utcOffsetSource?: string | null } {
  return typeof zone?.utcOffsetMinutes === 'number' && Number.isFinite(zone.utcOffsetMinutes);
}

/**
 * "2026-11-18 07:01 (06:01 UTC)" with the device's offset; plain "2026-11-18 06:01 UTC" when the offset is
 * unknown or zero (then local and UTC are the same).
 */
export function formatDeviceTime(iso: string | null | undefined, zone: Zone, missing = '—'): string {
  if (!iso) return missing;
  if (!hasOffset(zone) || zone.utcOffsetMinutes === 0) return formatUtc(iso, missing);
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return formatUtc(iso, missing);
  const local = new Date(t + zone.utcOffsetMinutes * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)} (${iso.slice(11, 16)} UTC)`;
}

/** The sentence that says which zone the times are in. */
export function zoneNote(zone: Zone): string {
  if (!hasOffset(zone)) return 'Times are in UTC: the device\'s time zone is not in the evidence.';
  const from = zone.utcOffsetSource ? `, from ${zone.utcOffsetSource}` : '';
  if (zone.utcOffsetMinutes === 0) return `Times are the device's local time, which is UTC (UTC${offsetLabel(0)}${from}).`;
  return `Times are the device's local time, UTC${offsetLabel(zone.utcOffsetMinutes)}${from}; UTC in brackets.`;
}

/** One number format everywhere: 6,609 (record ids are bigints). */
export function formatCount(n: number | bigint): string {
  return n.toLocaleString('en-US');
}

/** "2026-11-17 07:00 – 2026-11-19 06:55 (UTC+01:00)": a period in one line, the zone said once. */
export function formatDevicePeriod(from: string | null, to: string | null, zone: Zone): string {
  if (!hasOffset(zone) || zone.utcOffsetMinutes === 0) return `${formatUtc(from)} – ${formatUtc(to)}`;
  const local = (iso: string | null) => {
    const t = iso ? Date.parse(iso) : Number.NaN;
    if (Number.isNaN(t)) return '—';
    const s = new Date(t + zone.utcOffsetMinutes * 60_000).toISOString();
    return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
  };
  // UTC beside it, as every time on the sheet has it.
  const utc = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '—');
  return `${local(from)} – ${local(to)} (UTC${offsetLabel(zone.utcOffsetMinutes)}; ${utc(from)} – ${utc(to)} UTC)`;
}
