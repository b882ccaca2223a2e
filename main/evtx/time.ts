// FILETIME / SYSTEMTIME conversions. FILETIME stays a bigint so 100 ns ticks are never rounded.
import { FILETIME_UNIX_EPOCH_SECONDS } from './format';

const TICKS_PER_SECOND = 10_000_000n;
const EPOCH_TICKS = FILETIME_UNIX_EPOCH_SECONDS * TICKS_PER_SECOND;
/** Date's range is ±8.64e15 ms around 1970. */
const MAX_DATE_MS = 8.64e15;

// Most records in a chunk share a second: reuse that second's formatted prefix.
let cachedSecond = -1n;
let cachedPrefix = '';

/** ISO 8601 with 7 fractional digits (100 ns), e.g. 2024-05-01T10:11:12.1234567Z; '' if out of range. */
export function fileTimeToIso(ticks: bigint): string {
  if (ticks < 0n) return '';
  const second = ticks / TICKS_PER_SECOND;
  if (second !== cachedSecond) {
    const ms = Number(second - FILETIME_UNIX_EPOCH_SECONDS) * 1000;
    if (Math.abs(ms) > MAX_DATE_MS) return '';
    cachedPrefix = new Date(ms).toISOString().slice(0, -5);
    cachedSecond = second;
  }
  const fraction = Number(ticks - second * TICKS_PER_SECOND);
  return `${cachedPrefix}.${String(fraction).padStart(7, '0')}Z`;
}

/** SYSTEMTIME fields (year, month, day-of-week, day, hour, minute, second, ms) to FILETIME, or null if invalid. */
export function systemTimeToFileTime(f: readonly number[]): bigint | null {
  const [year = 0, month = 0, , day = 0, hour = 0, minute = 0, second = 0, ms = 0] = f;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59 || ms > 999) return null;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  const t = d.getTime();
  if (!Number.isFinite(t)) return null;
  const ticks = BigInt(t) * 10_000n + EPOCH_TICKS;
  return ticks < 0n ? null : ticks;
}

const ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?Z$/;

/** Parses the ISO text that flat (forwarded) records carry, back to FILETIME; null if not ISO. */
export function isoToFileTime(text: string): bigint | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const n = (i: number): number => Number(m[i] ?? 0);
  const base = systemTimeToFileTime([n(1), n(2), 0, n(3), n(4), n(5), n(6), 0]);
  if (base === null) return null;
  const fraction = (m[7] ?? '').padEnd(7, '0').slice(0, 7);
  return base + BigInt(fraction);
}
