// Teams client logs (classic Logs.txt / old_logs_*.txt, new Teams MSTeams_*.log, other *.log):
// the license failure line and other sign-in errors, with file and line number.
import type { Readable } from 'node:stream';
import type { TeamsLogFact } from '../model/facts';
import { clip } from './excerpt';
import { readLines } from './lines';

/** Bound what one file can add: a month of per-minute errors is still counted, not all kept. */
export const MAX_FACTS_PER_FILE = 5000;

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const CLASSIC = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\w{3}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))? GMT([+-])(\d{2})(\d{2})/;
const ISO = /^\[?(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,7}))?\s*(Z|[+-]\d{2}:?\d{2})?/;

/** The time at the start of a log line, as ISO UTC; null when the line has none. */
export function lineTime(line: string): string | null {
  const c = CLASSIC.exec(line);
  if (c) {
    const [, mon, d, y, h, mi, s, ms, sign, oh, om] = c;
    const month = MONTHS[mon ?? ''];
    if (month === undefined) return null;
    const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
    const t = Date.UTC(Number(y), month, Number(d), Number(h), Number(mi), Number(s), Number((ms ?? '0').padEnd(3, '0'))) - offset * 60_000;
    return Number.isFinite(t) ? new Date(t).toISOString() : null;
  }
  const i = ISO.exec(line);
  if (i) {
    const [, y, mo, d, h, mi, s, frac, zone] = i;
    let offset = 0;
    if (zone && zone !== 'Z') {
      const z = zone.replace(':', '');
      offset = (z.startsWith('-') ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
    }
    const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number((frac ?? '0').slice(0, 3).padEnd(3, '0'))) - offset * 60_000;
    return Number.isFinite(t) ? new Date(t).toISOString() : null;
  }
  return null;
}

const LICENSE = /get_skype_license[\s\S]*licenseError|licenseError[\s\S]*get_skype_license|You['’]re missing out!?\s*Ask your admin to enable Microsoft Teams/i;
const AADSTS = /AADSTS(\d{5,7})/;

export interface TeamsLogScan {
  facts: TeamsLogFact[];
  lines: number;
  /** Matching lines beyond MAX_FACTS_PER_FILE, counted but not kept. */
  dropped: number;
}

export async function scanTeamsLog(stream: Readable, source: string, signal?: AbortSignal): Promise<TeamsLogScan> {
  const facts: TeamsLogFact[] = [];
  let dropped = 0;
  let lines = 0;
  for await (const { line, number } of readLines(stream)) {
    lines = number;
    if (signal?.aborted) break;
    // Cheap prefilter: most lines mention neither.
    if (!line.includes('license') && !line.includes('AADSTS') && !line.includes('missing out')) continue;
    const license = LICENSE.test(line);
    const code = AADSTS.exec(line)?.[1] ?? null;
    if (!license && !code) continue;
    if (facts.length >= MAX_FACTS_PER_FILE) {
      dropped += 1;
      continue;
    }
    const time = lineTime(line);
    facts.push({
      kind: 'teams-log',
      time,
      topic: license ? 'license' : 'signin-error',
      aadsts: code,
      evidence: { source, locator: `line ${number}`, time, excerpt: clip(line, 400), raw: line.length > 4000 ? `${line.slice(0, 4000)}…` : line },
    });
  }
  return { facts, lines, dropped };
}
