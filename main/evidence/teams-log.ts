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
import type { TeamsLogFact } from '../model/facts';
import { accountsIn } from './account-text';
import { clip, clipAround, ownCopy } from './excerpt';
import { readLineBatches } from './lines';
import type { RawKeeper } from './raw-keeper';

/** Bound what one file can add: a month of per-minute errors is still counted, not all kept. */
export const MAX_FACTS_PER_FILE = 5000;

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const CLASSIC = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\w{3}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))? GMT([+-])(\d{2})(\d{2})/;
const ISO = /^\[?(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,7}))?\s*(Z|[+-]\d{2}:?\d{2})?/;
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

export function lineStamp(line: string): LineStamp | null {
  const c = CLASSIC.exec(line);
  if (c) {
    const [, mon, d, y, h, mi, s, ms, sign, oh, om] = c;
    const month = MONTHS[mon ?? ''];
    if (month === undefined) return null;
    const digitsMs = Date.UTC(Number(y), month, Number(d), Number(h), Number(mi), Number(s), Number((ms ?? '0').padEnd(3, '0')));
    if (!Number.isFinite(digitsMs)) return null;
    return { digitsMs, offsetMinutes: (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)), style: 'classic' };
  }
  const i = ISO.exec(line);
  if (i) {
    const [, y, mo, d, h, mi, s, frac, zone] = i;
    let offset: number | null = null;
    if (zone === 'Z') offset = 0;
    else if (zone) {
      const z = zone.replace(':', '');
      offset = (z.startsWith('-') ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
    }
    const digitsMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number((frac ?? '0').slice(0, 3).padEnd(3, '0')));
    if (!Number.isFinite(digitsMs)) return null;
    return { digitsMs, offsetMinutes: offset, style: 'iso' };
  }
  return null;
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
      if (st) {
        ms = msOf(st);
        if (ms < fromMs) fromMs = ms;
        if (ms > toMs) toMs = ms;
        if (st.offsetMinutes !== null) offset = st.offsetMinutes;
      }
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
      const evidence: Evidence = {
        source,
        locator: `line ${number}`,
        time,
        // Its own copy: a slice of the line would keep the whole block it was read from alive.
        excerpt: ownCopy(code ? clipAround(line, `AADSTS${code}`, 400) : clipAround(line, 'licenseError', 400)),
        raw: undefined,
        ...(fields.length ? { fields } : {}),
      };
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
  };
}
