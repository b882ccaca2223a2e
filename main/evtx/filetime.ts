// FILETIME / SYSTEMTIME conversions. FILETIME stays a bigint so 100 ns ticks are never rounded.
import { FILETIME_UNIX_EPOCH_SECONDS } from './binary-format';

const TICKS_PER_SECOND = 10_000_000n;
const EPOCH_TICKS = FILETIME_UNIX_EPOCH_SECONDS * TICKS_PER_SECOND;
/** Date's range is ±8.64e15 ms around 1970. */
const MAX_DATE_MS = 8.64e15;

const EPOCH_SECONDS = Number(FILETIME_UNIX_EPOCH_SECONDS);
/** 2^32 = 429 * 10^7 + 4967296: lets the 64-bit division by 10^7 run on exact doubles. */
export const TWO32_SECONDS = 429;
export const TWO32_REMAINDER = 4_967_296;
/** Above this high word the intermediate product would pass 2^53 (year ~26000): use BigInt. */
export const MAX_FAST_HIGH = 1_800_000_000;

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** "YYYY-MM-DDThh:mm:ss" of seconds since 1970 (proleptic Gregorian, UTC; H. Hinnant's civil_from_days). */
function secondsToIsoPrefix(unixSeconds: number): string {
  const days = Math.floor(unixSeconds / 86400);
  const sod = unixSeconds - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(sod / 3600);
  const minute = Math.floor((sod % 3600) / 60);
  const d2 = (n: number): string => TWO_DIGITS[n] ?? String(n);
  // Date's own format for the expanded years (+YYYYYY) that Date's range allows.
  if (year < 0 || year > 9999) return new Date(unixSeconds * 1000).toISOString().slice(0, -5);
  return `${String(year).padStart(4, '0')}-${d2(month)}-${d2(day)}T${d2(hour)}:${d2(minute)}:${d2(sod % 60)}`;
}

// Consecutive records mostly share a second, and a record's time is formatted twice (field and
// XML): remember the last second's prefix and the last full result.
let cachedSecond = -1;
let cachedPrefix = '';
// Records of a log mostly share a day: its "YYYY-MM-DDT" is formatted once.
let cachedDay = Number.NaN;
let cachedDayText = '';
let lastHigh = -1;
let lastLow = -1;
let lastIso = '';

/** ISO text of a FILETIME given as its two 32-bit halves; '' if out of Date's range. */
export function fileTimePartsToIso(high: number, low: number): string {
  if (high === lastHigh && low === lastLow) return lastIso;
  if (high > MAX_FAST_HIGH) return fileTimeToIso((BigInt(high) << 32n) | BigInt(low));
  const r = high * TWO32_REMAINDER + low;
  const fraction = r % 1e7;
  const second = high * TWO32_SECONDS + (r - fraction) / 1e7;
  if (second !== cachedSecond) {
    const unix = second - EPOCH_SECONDS;
    if (Math.abs(unix * 1000) > MAX_DATE_MS) return '';
    const day = Math.floor(unix / 86400);
    // The prefix ends in "hh:mm:ss" whatever the year's form.
    if (day !== cachedDay) {
      cachedDayText = secondsToIsoPrefix(day * 86400).slice(0, -8);
      cachedDay = day;
    }
    const sod = unix - day * 86400;
    const minutes = Math.floor(sod / 60);
    cachedPrefix = `${cachedDayText}${TWO_DIGITS[Math.floor(minutes / 60)] ?? ''}:${TWO_DIGITS[minutes % 60] ?? ''}:${TWO_DIGITS[sod - minutes * 60] ?? ''}`;
    cachedSecond = second;
  }
  lastHigh = high;
  lastLow = low;
  lastIso = `${cachedPrefix}.${fraction < 1e6 ? String(fraction).padStart(7, '0') : fraction}Z`;
  return lastIso;
}

/** ISO 8601 with 7 fractional digits (100 ns), e.g. 2024-05-01T10:11:12.1234567Z; '' if out of range. */
export function fileTimeToIso(ticks: bigint): string {
  if (ticks < 0n || ticks > 0xffffffffffffffffn) return '';
  const high = Number(ticks >> 32n);
  if (high <= MAX_FAST_HIGH) return fileTimePartsToIso(high, Number(ticks & 0xffffffffn));
  const second = ticks / TICKS_PER_SECOND;
  const ms = Number(second - FILETIME_UNIX_EPOCH_SECONDS) * 1000;
  if (Math.abs(ms) > MAX_DATE_MS) return '';
  const fraction = Number(ticks - second * TICKS_PER_SECOND);
  return `${new Date(ms).toISOString().slice(0, -5)}.${String(fraction).padStart(7, '0')}Z`;
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
