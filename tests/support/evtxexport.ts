// Runs libevtx's evtxinfo / evtxexport (Debian libevtx-utils) on a file and parses what they print, so tests can
// check EVTX files against an implementation nobody on this project wrote. Test-only.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface LibevtxTools {
  evtxinfo: string;
  evtxexport: string;
}

function locate(tool: string): string | null {
  const which = spawnSync('which', [tool], { encoding: 'utf8' });
  const found = which.status === 0 ? which.stdout.trim() : '';
  if (found) return found;
  return existsSync(`/usr/bin/${tool}`) ? `/usr/bin/${tool}` : null;
}

/** Throws (so the calling test fails, rather than skips) when the tools are not installed. */
export function requireLibevtx(): LibevtxTools {
  const evtxinfo = locate('evtxinfo');
  const evtxexport = locate('evtxexport');
  if (!evtxinfo || !evtxexport)
    throw new Error(
      'evtxinfo/evtxexport not found: these tests check written EVTX files against libevtx. ' +
        'Install it with `apt-get install libevtx-utils` (CI does).',
    );
  return { evtxinfo, evtxexport };
}

export interface EvtxInfo {
  version: string;
  records: number;
  recovered: number;
  corrupted: boolean;
  dirty: boolean;
  stdout: string;
  stderr: string;
  status: number | null;
}

export function runEvtxinfo(file: string): EvtxInfo {
  const { evtxinfo } = requireLibevtx();
  const r = spawnSync(evtxinfo, [file], { encoding: 'utf8' });
  const field = (label: string): string => new RegExp(`^\\s*${label}\\s*:\\s*(.*)$`, 'm').exec(r.stdout)?.[1]?.trim() ?? '';
  return {
    version: field('Version'),
    records: Number(field('Number of records')),
    recovered: Number(field('Number of recovered records')),
    corrupted: /^\s*Is corrupted\s*$/m.test(r.stdout),
    dirty: /^\s*Is dirty\s*$/m.test(r.stdout),
    stdout: r.stdout,
    stderr: r.stderr,
    status: r.status,
  };
}

/** One `<Event>` as evtxexport -f xml prints it. Values are the printed text, entities decoded. */
export interface ExportedEvent {
  provider: Record<string, string>;
  eventId: number;
  qualifiers?: string;
  version?: string;
  level?: string;
  task?: string;
  opcode?: string;
  keywords?: string;
  /** As printed: libevtx gives 9 fraction digits. */
  systemTime?: string;
  recordId: string;
  correlation: Record<string, string>;
  execution: Record<string, string>;
  channel?: string;
  computer?: string;
  security: Record<string, string>;
  /** EventData/Data in order; `name` undefined for unnamed Data. Array values appear as repeated Data elements. */
  data: { name?: string; value: string }[];
  /** EventData/Binary, hex. */
  binary?: string;
  userData?: { element: string; attributes: Record<string, string>; fields: { name: string; value: string }[] };
  raw: string;
}

export function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? '');
}

function attrs(s: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (s ?? '').matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1] ?? ''] = decodeEntities(m[2] ?? '');
  return out;
}

function leaf(block: string, name: string): string | undefined {
  const m = new RegExp(`^    <${name}(?:/>|>(.*)</${name}>)$`, 'm').exec(block);
  return m ? decodeEntities(m[1] ?? '') : undefined;
}

function parseEvent(raw: string): ExportedEvent {
  const system = /^ {2}<System>\n([\s\S]*?)^ {2}<\/System>$/m.exec(raw)?.[1] ?? '';
  const eventIdMatch = /^ {4}<EventID(?: Qualifiers="(\d+)")?>(\d+)<\/EventID>$/m.exec(system);
  const ev: ExportedEvent = {
    provider: attrs(/^ {4}<Provider ([^\n]*?)\/>$/m.exec(system)?.[1]),
    eventId: Number(eventIdMatch?.[2] ?? NaN),
    qualifiers: eventIdMatch?.[1],
    version: leaf(system, 'Version'),
    level: leaf(system, 'Level'),
    task: leaf(system, 'Task'),
    opcode: leaf(system, 'Opcode'),
    keywords: leaf(system, 'Keywords'),
    systemTime: /^ {4}<TimeCreated SystemTime="([^"]*)"\/>$/m.exec(system)?.[1],
    recordId: leaf(system, 'EventRecordID') ?? '',
    correlation: attrs(/^ {4}<Correlation([^\n]*?)\/>$/m.exec(system)?.[1]),
    execution: attrs(/^ {4}<Execution([^\n]*?)\/>$/m.exec(system)?.[1]),
    channel: leaf(system, 'Channel'),
    computer: leaf(system, 'Computer'),
    security: attrs(/^ {4}<Security([^\n]*?)\/>$/m.exec(system)?.[1]),
    data: [],
    raw,
  };
  const eventData = /^ {2}<EventData>\n([\s\S]*?)^ {2}<\/EventData>$/m.exec(raw)?.[1] ?? '';
  // A value may span lines (newlines in strings, embedded XML); libevtx escapes <, > and &, so `</Data>` ends it.
  for (const m of eventData.matchAll(/^ {4}<Data(?: Name="([^"]*)")?(?:\/>|>([\s\S]*?)<\/Data>)$/gm))
    ev.data.push({ ...(m[1] === undefined ? {} : { name: decodeEntities(m[1]) }), value: decodeEntities(m[2] ?? '') });
  ev.binary = /^ {4}<Binary>(.*)<\/Binary>$/m.exec(eventData)?.[1];
  const userData = /^ {2}<UserData>\n {4}<([\w:]+)([^\n]*)>\n([\s\S]*?)^ {4}<\/\1>\n {2}<\/UserData>$/m.exec(raw);
  if (userData) {
    ev.userData = {
      element: userData[1] ?? '',
      attributes: attrs(userData[2]),
      fields: [...(userData[3] ?? '').matchAll(/^ {6}<([\w:]+)(?:\/>|>(.*)<\/\1>)$/gm)].map((m) => ({
        name: m[1] ?? '',
        value: decodeEntities(m[2] ?? ''),
      })),
    };
  }
  return ev;
}

export interface EvtxExport {
  events: ExportedEvent[];
  stdout: string;
  stderr: string;
  status: number | null;
}

/** `evtxexport -f xml FILE`, parsed. Check `status`/`stderr`: libevtx stops at the first record it cannot read. */
export function runEvtxexport(file: string): EvtxExport {
  const { evtxexport } = requireLibevtx();
  const r = spawnSync(evtxexport, ['-f', 'xml', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const events = [...r.stdout.matchAll(/^<Event xmlns="[^"]*">\n[\s\S]*?^<\/Event>$/gm)].map((m) => parseEvent(m[0]));
  return { events, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** libevtx prints SystemTime with 9 fraction digits; FILETIME has 7. Drops the last two after checking they are 0. */
export function libevtxTimeTo100ns(s: string): string {
  const m = /^(.*\.\d{7})(\d{2})Z$/.exec(s);
  if (!m) return s;
  if (m[2] !== '00') throw new Error(`libevtx time ${s} has sub-100ns digits`);
  return `${m[1]}Z`;
}
