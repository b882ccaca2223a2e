// Teams client logs (classic Logs.txt / old_logs_*.txt, new Teams MSTeams_*.log, other *.log):
// the license failure line and other sign-in errors, with file and line number, the account the lines name,
// and the device's UTC offset.
//
// Times: classic lines carry `GMT±hhmm (zone name)`; the zone name is localized, so only GMT±hhmm is read.
// New Teams (5.x) lines carry ISO digits plus an offset, and on real devices the digits appear to be UTC with
// the local offset appended (DOMAIN.md, "What real devices write": a file named 12-24-08 local holds
// 11:24:22.599+01:00). Which reading is right is decided per file by comparing the file name's local time
// with the first line, and the evidence says which reading was used.
import type { Readable } from 'node:stream';
import type { Evidence, EvidenceField } from '../model/analysis';
import type { ClockJumpFact, TeamsLogFact } from '../model/facts';
import { clockField, WriteOrderClock } from './clock';
import { accountsIn } from './account-text';
import { clip, clipAround, ownCopy } from './excerpt';
import { readLineBatches } from './lines';
import type { RawKeeper } from './raw-keeper';

/** Bound what one file can add: a month of per-minute errors is still counted, not all kept. */
export const MAX_FACTS_PER_FILE = 5000;

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
/** MSTeams_2024-04-18_12-24-08.00.log: the local time the file was started. */
const NEW_TEAMS_FILE = /MSTeams_(\d{4})-(\d{2})-(\d{2})_(\d{2})-(\d{2})-(\d{2})/i;

/** A line's time: the instant as written (digits read as local with the offset), the digits as UTC, and the offset. */
export interface LineStamp {
  /** Digits as if they were UTC, in ms. */
  digitsMs: number;
  /** Minutes east of UTC written on the line; null when the line has no zone. */
  offsetMinutes: number | null;
  style: 'classic' | 'iso';
}

/**
 * A line's time, read by hand: it runs for each of millions of lines, and the two patterns below (the
 * definition; tests/evidence/line-stamp.test.ts holds this reader to them) cost most of a scan as regexes:
 *   classic  ^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\w{3}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))? GMT([+-])(\d{2})(\d{2})
 *   ISO      ^\[?(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,7}))?\s*(Z|[+-]\d{2}:?\d{2})?
 * A classic line with an unknown month has no time (it is not read as ISO either).
 */
export function lineStamp(line: string): LineStamp | null {
  const classic = classicStamp(line);
  if (classic !== undefined) return classic;
  return isoStamp(line);
}

/** Three characters as one number, to test words without cutting strings out of every line. */
function word3(s: string, i: number): number {
  return (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8) | s.charCodeAt(i + 2);
}
const WEEKDAYS: ReadonlySet<number> = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((w) => word3(w, 0)));
const MONTH_OF: ReadonlyMap<number, number> = new Map(Object.entries(MONTHS).map(([m, n]) => [word3(m, 0), n]));

/**
 * Date.UTC of a whole day, remembered: a log's lines share their day, and Date.UTC(y, m, d, h, mi, s, ms) is
 * that day's value plus the time's milliseconds (ECMA-262 MakeDate, MakeTime). `sod`: seconds into the day
 * as written (h·3600 + mi·60 + s, each two digits, so possibly past midnight as Date.UTC allows).
 */
let lastDay = -1;
let lastDayMs = NaN;
function utcMs(y: number, month: number, day: number, sod: number, ms: number): number {
  if (month < 0 || month > 11 || day < 1 || day > 31) return Date.UTC(y, month, day, 0, 0, sod, ms);
  const key = (y * 12 + month) * 32 + day;
  if (key !== lastDay) {
    lastDay = key;
    lastDayMs = Date.UTC(y, month, day);
  }
  return lastDayMs + sod * 1000 + ms;
}

/** "hh:mm:ss" at `i` as seconds into the day, or -1. */
function clockSeconds(s: string, i: number): number {
  const h = digits(s, i, 2);
  const mi = digits(s, i + 3, 2);
  const sec = digits(s, i + 6, 2);
  if (h < 0 || mi < 0 || sec < 0 || s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return -1;
  return h * 3600 + mi * 60 + sec;
}

/** The digit at `i` (0-9), or -1. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** The number written by `n` digits at `i`, or -1 when any is not a digit. */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k += 1) {
    const d = digit(s, i + k);
    if (d < 0) return -1;
    v = v * 10 + d;
  }
  return v;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** JavaScript's \s. */
function isSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** "Thu Oct 01 2026 00:00:00 GMT+0000 (…)": a stamp, null (classic with an unknown month), or undefined (not classic). */
function classicStamp(s: string): LineStamp | null | undefined {
  if (s.charCodeAt(3) !== 32 || !WEEKDAYS.has(word3(s, 0))) return undefined;
  if (!isWordChar(s.charCodeAt(4)) || !isWordChar(s.charCodeAt(5)) || !isWordChar(s.charCodeAt(6)) || s.charCodeAt(7) !== 32) return undefined;
  let i = 8;
  let day = digit(s, i);
  if (day < 0) return undefined;
  i += 1;
  const d2 = digit(s, i);
  if (d2 >= 0) {
    day = day * 10 + d2;
    i += 1;
  }
  if (s.charCodeAt(i) !== 32) return undefined;
  const y = digits(s, i + 1, 4);
  if (y < 0 || s.charCodeAt(i + 5) !== 32) return undefined;
  i += 6;
  const sod = clockSeconds(s, i);
  if (sod < 0) return undefined;
  i += 8;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    let n = 0;
    while (n < 3 && digit(s, i + 1 + n) >= 0) n += 1;
    if (n === 0) return undefined;
    ms = digits(s, i + 1, n) * (n === 1 ? 100 : n === 2 ? 10 : 1);
    i += 1 + n;
  }
  if (!s.startsWith(' GMT', i)) return undefined;
  const sign = s.charCodeAt(i + 4);
  const oh = digits(s, i + 5, 2);
  const om = digits(s, i + 7, 2);
  if ((sign !== 43 && sign !== 45) || oh < 0 || om < 0) return undefined;
  const month = MONTH_OF.get(word3(s, 4));
  if (month === undefined) return null;
  const digitsMs = utcMs(y, month, day, sod, ms);
  if (!Number.isFinite(digitsMs)) return null;
  return { digitsMs, offsetMinutes: (sign === 45 ? -1 : 1) * (oh * 60 + om), style: 'classic' };
}

/** "2024-04-18T11:24:22.599+01:00", optionally in brackets, zone optional. */
function isoStamp(s: string): LineStamp | null {
  let i = s.charCodeAt(0) === 91 ? 1 : 0;
  const y = digits(s, i, 4);
  const mo = digits(s, i + 5, 2);
  const d = digits(s, i + 8, 2);
  const sep = s.charCodeAt(i + 10);
  if (y < 0 || mo < 0 || d < 0 || s.charCodeAt(i + 4) !== 45 || s.charCodeAt(i + 7) !== 45 || (sep !== 84 && sep !== 32)) return null;
  i += 11;
  const sod = clockSeconds(s, i);
  if (sod < 0) return null;
  i += 8;
  let ms = 0;
  const dot = s.charCodeAt(i);
  if ((dot === 46 || dot === 44) && digit(s, i + 1) >= 0) {
    let n = 0;
    while (n < 7 && digit(s, i + 1 + n) >= 0) n += 1;
    // Milliseconds are the first three digits of the fraction.
    ms = digits(s, i + 1, Math.min(n, 3)) * (n === 1 ? 100 : n === 2 ? 10 : 1);
    i += 1 + n;
  }
  while (i < s.length && isSpace(s.charCodeAt(i))) i += 1;
  let offset: number | null = null;
  const z = s.charCodeAt(i);
  if (z === 90) offset = 0;
  else if (z === 43 || z === 45) {
    const oh = digits(s, i + 1, 2);
    // "+01:00" and "+0100" are zones; "+01:0" is none.
    const om = digits(s, i + 3 + (s.charCodeAt(i + 3) === 58 ? 1 : 0), 2);
    if (oh >= 0 && om >= 0) offset = (z === 45 ? -1 : 1) * (oh * 60 + om);
  }
  const digitsMs = utcMs(y, mo - 1, d, sod, ms);
  if (!Number.isFinite(digitsMs)) return null;
  return { digitsMs, offsetMinutes: offset, style: 'iso' };
}

/**
 * How a file's ISO digits are read. `local`: digits are local time at the written offset (ISO's meaning).
 * `utc-digits`: the digits are UTC and the offset only names the device's zone.
 */
export interface TimeReading {
  mode: 'local' | 'utc-digits';
  /** Whether the file name confirmed the reading (else it is the documented default for new Teams). */
  confirmed: boolean;
  note: string;
}

/** Within this of the file name's local time, the first line confirms a reading. */
const FILE_NAME_TOLERANCE_MS = 15 * 60_000;

export function decideTimeReading(fileName: string, first: LineStamp | null): TimeReading {
  const m = NEW_TEAMS_FILE.exec(fileName);
  if (!m || !first || first.style !== 'iso' || first.offsetMinutes === null || first.offsetMinutes === 0) {
    if (m && first?.style === 'iso' && first.offsetMinutes === null) {
      return { mode: 'utc-digits', confirmed: false, note: 'times read as UTC: the lines carry no offset' };
    }
    return { mode: 'local', confirmed: true, note: 'times read as written' };
  }
  const [, y, mo, d, h, mi, s] = m;
  const fileLocal = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offMs = first.offsetMinutes * 60_000;
  const asLocal = Math.abs(first.digitsMs - fileLocal) <= FILE_NAME_TOLERANCE_MS;
  const asUtc = Math.abs(first.digitsMs + offMs - fileLocal) <= FILE_NAME_TOLERANCE_MS;
  const zone = formatOffset(first.offsetMinutes);
  if (asUtc && !asLocal) return { mode: 'utc-digits', confirmed: true, note: `times read as UTC digits; ${zone} is the device's zone (the file name's local time confirms it)` };
  if (asLocal && !asUtc) return { mode: 'local', confirmed: true, note: `times read as local time at ${zone} (the file name's local time confirms it)` };
  return { mode: 'utc-digits', confirmed: false, note: `times read as UTC digits with ${zone} as the device's zone, as new Teams on rooms writes them; the file name could not confirm it` };
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const a = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

const LICENSE = /get_skype_license[\s\S]*licenseError|licenseError[\s\S]*get_skype_license|You['’]re missing out!?\s*Ask your admin to enable Microsoft Teams/i;
const AADSTS = /AADSTS(\d{5,7})/;

export interface TeamsLogAccount {
  account: string;
  time: string | null;
  line: number;
}

export interface TeamsLogScan {
  facts: TeamsLogFact[];
  lines: number;
  /** Matching lines beyond MAX_FACTS_PER_FILE, counted but not kept. */
  dropped: number;
  /** First and last line time (ISO UTC). */
  from: string | null;
  to: string | null;
  /** Accounts the lines name, first and last sighting of each. */
  accounts: TeamsLogAccount[];
  /** The device's UTC offset as the latest timed line writes it, when any line has one. */
  utcOffsetMinutes: number | null;
  timeReading: TimeReading;
  /** Where the device clock went back in the file's line order (evidence/clock.ts). */
  clockJumps: ClockJumpFact[];
  /** The first line naming the MicrosoftTeamsRoom user agent (a mark of a Teams Room, evidence/device-kind.ts). */
  roomAgentLine: number | null;
}

/** The cap is per bundle as well as per file: shared between the files of one bundle. */
export interface FactBudget {
  left: number;
}

/**
 * Scans one Teams log. Most lines only move the period, so their time is kept as a number; text is built only
 * for the lines kept as evidence. With a RawKeeper, only the lines it keeps carry their raw text.
 */
export async function scanTeamsLog(stream: Readable, source: string, signal?: AbortSignal, budget?: FactBudget, raws?: RawKeeper): Promise<TeamsLogScan> {
  const facts: TeamsLogFact[] = [];
  let dropped = 0;
  let lines = 0;
  let reading: TimeReading | null = null;
  let fromMs = Infinity;
  let toMs = -Infinity;
  let offset: number | null = null;
  const accounts = new Map<string, TeamsLogAccount[]>();
  const fileName = source.split('/').pop() ?? source;
  const clock = new WriteOrderClock(source);
  let roomAgentLine: number | null = null;

  const msOf = (st: LineStamp): number => {
    if (!reading) reading = decideTimeReading(fileName, st);
    return reading.mode === 'utc-digits' ? st.digitsMs : st.digitsMs - (st.offsetMinutes ?? 0) * 60_000;
  };
  const iso = (ms: number): string | null => (Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : null);

  for await (const batch of readLineBatches(stream)) {
    if (signal?.aborted) break;
    for (let i = 0; i < batch.lines.length; i += 1) {
      const line = batch.lines[i] as string;
      const number = batch.first + i;
      lines = number;
      // Only lines that start with a time move the period.
      const st = line.length > 18 ? lineStamp(line) : null;
      let ms = NaN;
      let writtenMs = NaN;
      if (st) {
        writtenMs = msOf(st);
        // In line order. A line without a UTC offset could be a daylight saving change in local digits: as written.
        ms = st.offsetMinutes === null ? writtenMs : clock.placeLine(writtenMs, number);
        if (ms < fromMs) fromMs = ms;
        if (ms > toMs) toMs = ms;
        if (st.offsetMinutes !== null) offset = st.offsetMinutes;
      }
      if (roomAgentLine === null && line.includes('MicrosoftTeamsRoom')) roomAgentLine = number;
      const hasAt = line.includes('@');
      if (hasAt) {
        for (const account of accountsIn(line)) {
          const seen = accounts.get(account);
          // Up to 50 accounts per file: a log naming thousands is not one room's.
          if (!seen && accounts.size >= 50) continue;
          const sighting = { account, time: iso(ms), line: number };
          if (!seen) accounts.set(account, [sighting]);
          else if (seen.length < 2) seen.push(sighting);
          else seen[1] = sighting;
        }
      }
      // Cheap prefilter: most lines mention neither.
      if (!line.includes('license') && !line.includes('AADSTS') && !line.includes('missing out')) continue;
      const license = LICENSE.test(line);
      const code = AADSTS.exec(line)?.[1] ?? null;
      if (!license && !code) continue;
      if (facts.length >= MAX_FACTS_PER_FILE || (budget && budget.left <= 0)) {
        dropped += 1;
        continue;
      }
      if (budget) budget.left -= 1;
      const time = iso(ms);
      const fields: EvidenceField[] = [];
      if (code) fields.push({ label: 'Error code', value: `AADSTS${code}`, copy: true });
      const r = reading as TimeReading | null;
      if (r && r.mode === 'utc-digits') fields.push({ label: 'Time reading', value: r.note });
      const written = ms === writtenMs ? time : iso(writtenMs);
      if (written !== time && written && time) fields.push(clockField(written, time));
      // Its own copy: a slice of the line would keep the whole block it was read from alive.
      const excerpt = ownCopy(code ? clipAround(line, `AADSTS${code}`, 400) : clipAround(line, 'licenseError', 400));
      const locator = `line ${number}`;
      // Literals, not a spread: thousands of lines make one each.
      const evidence: Evidence = fields.length ? { source, locator, time: written, excerpt, raw: undefined, fields } : { source, locator, time, excerpt, raw: undefined };
      const raw = (): string => ownCopy(line.length > 4000 ? `${line.slice(0, 4000)}…` : clip(line, 4000));
      if (raws) raws.keep(source, evidence, raw);
      else evidence.raw = raw();
      facts.push({
        kind: 'teams-log',
        time,
        topic: license ? 'license' : 'signin-error',
        aadsts: code,
        account: hasAt ? (accountsIn(line)[0] ?? null) : null,
        evidence,
      });
    }
  }
  return {
    facts,
    lines,
    dropped,
    from: iso(fromMs),
    to: iso(toMs),
    accounts: [...accounts.values()].flat(),
    utcOffsetMinutes: offset,
    timeReading: reading ?? { mode: 'local', confirmed: true, note: 'no timed lines' },
    clockJumps: clock.jumps,
    roomAgentLine,
  };
}
