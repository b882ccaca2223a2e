// Converts the writer's time inputs to FILETIME (exact 100 ns ticks) and back to the text forms Windows uses.
import { FILETIME_UNIX_EPOCH_SECONDS } from '../../main/evtx/binary-format';
import type { EvtxTime } from './types';

const TICKS_PER_MS = 10_000n;
const EPOCH_TICKS = FILETIME_UNIX_EPOCH_SECONDS * 10_000_000n;
const MAX_FILETIME = (1n << 64n) - 1n;
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

export function toFileTime(t: EvtxTime, what = 'time'): bigint {
  let ft: bigint;
  if (typeof t === 'bigint') ft = t;
  else if (t instanceof Date) {
    const ms = t.getTime();
    if (Number.isNaN(ms)) throw new RangeError(`${what}: invalid Date`);
    ft = BigInt(ms) * TICKS_PER_MS + EPOCH_TICKS;
  } else ft = parseIso(t, what);
  if (ft < 0n || ft > MAX_FILETIME) throw new RangeError(`${what}: ${String(t)} is outside the FILETIME range`);
  return ft;
}

function parseIso(s: string, what: string): bigint {
  const m = ISO.exec(s);
  if (!m) throw new RangeError(`${what}: "${s}" is not ISO 8601 (YYYY-MM-DDTHH:MM:SS[.fffffff]Z)`);
  const [, y, mo, d, h, mi, sec, frac = '', zone = 'Z'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  // Date.UTC silently rolls 2024-02-31 over to March; a fixture with such a date is a mistake.
  const check = new Date(ms);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23 || Number(sec) > 59)
    throw new RangeError(`${what}: "${s}" is not a valid date`);
  const digits = frac.padEnd(9, '0');
  // FILETIME has 100 ns resolution: digits 8-9 must be zero or they would be silently lost.
  if (digits.slice(7) !== '00') throw new RangeError(`${what}: "${s}" is more precise than 100 ns`);
  let offsetMs = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMs = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  return BigInt(ms - offsetMs) * TICKS_PER_MS + BigInt(digits.slice(0, 7)) + EPOCH_TICKS;
}

/** ISO 8601 UTC with `fractionDigits` (7 = exact, 9 = how Windows renders SystemTime). */
export function fileTimeToWindowsIso(ft: bigint, fractionDigits: 7 | 9 = 7): string {
  const sinceEpoch = ft - EPOCH_TICKS;
  let ms = sinceEpoch / TICKS_PER_MS;
  let rest = sinceEpoch % TICKS_PER_MS;
  if (rest < 0n) {
    rest += TICKS_PER_MS;
    ms -= 1n;
  }
  const date = new Date(Number(ms)).toISOString(); // 2024-05-01T10:00:00.123Z
  const ticks = (BigInt(date.slice(20, 23)) * TICKS_PER_MS + rest).toString().padStart(7, '0');
  return `${date.slice(0, 19)}.${ticks}${fractionDigits === 9 ? '00' : ''}Z`;
}

/** SYSTEMTIME (8 little-endian UInt16: year, month, day of week, day, hour, minute, second, milliseconds). */
export function fileTimeToSystemTime(ft: bigint): Buffer {
  const ms = Number((ft - EPOCH_TICKS) / TICKS_PER_MS);
  const d = new Date(ms);
  const out = Buffer.alloc(16);
  const fields = [
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDay(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  ];
  fields.forEach((v, i) => out.writeUInt16LE(v, i * 2));
  return out;
}
