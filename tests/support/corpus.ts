// The shared real-world EVTX corpus (../shared/evtx-corpus beside the checkout, or $MTR_EVTX_CORPUS),
// its ORACLE.tsv, and libevtx's evtxexport as an independent reference. Test-only.
// The corpus lives outside the repo. Where it is required (CI=true, as in .ci/run and the release
// workflow, or MTR_REQUIRE_CORPUS=1) a missing corpus fails the tests; elsewhere (a bare clone) the
// tests that need it are skipped with the reason in their title, and the corpus lane's setup
// (corpus-setup.ts) prints one line saying so. Missing tools make the calling test fail with a
// message saying what to install.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import { CORPUS_DIR, corpusAbsence, corpusRequired } from './corpus-location';

export { corpusAbsence, corpusRequired };

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The corpus folder; throws saying how to get it when it is missing. */
export function corpusDir(): string {
  const absent = corpusAbsence();
  if (absent) throw new Error(`EVTX corpus missing: ${absent}`);
  return CORPUS_DIR;
}

/** With no corpus here (and none required): the reason its tests are skipped; otherwise null. */
export const CORPUS_SKIPPED: string | null = corpusRequired() ? null : corpusAbsence();

/**
 * A suite that needs the real-world corpus: skipped, with the reason in its title, where the corpus
 * is absent and not required; where it is required and absent, its rows throw (loadOracle).
 */
export function corpusSuite(name: string, body: () => void): void {
  if (CORPUS_SKIPPED) describe.skip(`${name} [skipped: no real-world EVTX corpus here; see the corpus lane's note]`, body);
  else describe(name, body);
}

/** One row of ORACLE.tsv: what libevtx (and an independent structural walk) found in a file. */
export interface OracleRow {
  /** Path relative to the corpus folder. */
  file: string;
  /** Absolute path. */
  path: string;
  bytes: number;
  format: string;
  records: number;
  recoveredFromSlack: number;
  templatedRecords: number;
  flatRecords: number;
  chunksInHeader: number;
  chunksInFile: number;
  badChunkMagic: number;
  badHeaderCrc: number;
  badDataCrc: number;
}

/** The oracle's rows; none where the corpus is absent and not required (see corpusSuite). */
export function loadOracle(): OracleRow[] {
  if (CORPUS_SKIPPED) return [];
  const dir = corpusDir();
  const [head, ...lines] = readFileSync(path.join(dir, 'ORACLE.tsv'), 'utf8').trim().split('\n');
  const cols = (head ?? '').split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    const get = (name: string): string => {
      const i = cols.indexOf(name);
      const v = i >= 0 ? cells[i] : undefined;
      if (v === undefined) throw new Error(`ORACLE.tsv has no column ${name}`);
      return v;
    };
    const num = (name: string): number => Number(get(name));
    return {
      file: get('file'),
      path: path.join(dir, get('file')),
      bytes: num('bytes'),
      format: get('format'),
      records: num('records'),
      recoveredFromSlack: num('recovered_from_slack'),
      templatedRecords: num('templated_records'),
      flatRecords: num('flat_records'),
      chunksInHeader: num('chunks_in_header'),
      chunksInFile: num('chunks_in_file'),
      badChunkMagic: num('bad_chunk_magic'),
      badHeaderCrc: num('bad_header_crc'),
      badDataCrc: num('bad_data_crc'),
    };
  });
}

export function evtxexportPath(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat('/usr/bin')) {
    const p = path.join(dir, 'evtxexport');
    if (dir && existsSync(p)) return p;
  }
  throw new Error('evtxexport not found: install Debian package libevtx-utils (apt-get install libevtx-utils); the EVTX tests compare against it.');
}

/** One event as `evtxexport -f xml` prints it. Text is as printed: libevtx does not escape values. */
export interface ExportedEvent {
  recordId: string;
  eventId: number;
  provider: string;
  /** TimeCreated/@SystemTime as printed (9 fraction digits). */
  systemTime: string;
  channel: string;
  computer: string;
  /** EventData/Data in order (arrays appear as repeated elements), or the UserData leaves. */
  data: { name: string | null; value: string }[];
}

export interface ExportResult {
  status: number | null;
  stderr: string;
  events: ExportedEvent[];
}

export function runEvtxexport(file: string): ExportResult {
  const r = spawnSync(evtxexportPath(), ['-f', 'xml', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return { status: r.status, stderr: r.stderr, events: parseExport(r.stdout) };
}

const FIELD = (tag: string): RegExp => new RegExp(`^    <${tag}(?: [^>]*)?(?:/>|>([\\s\\S]*?)</${tag}>)$`, 'm');
const DATA = /^ {4}<Data(?: Name="([^"]*)")?(?:\/>|>([\s\S]*?)<\/Data>)$/gm;
/** A leaf element (text on the start tag's line) or an empty element, at any depth. */
const LEAF = /^ *<([^\s/>!?]+)(?: [^=\s]+="[^"]*")*(?:\/>|>(?!\n)([\s\S]*?)<\/\1>)$/gm;

/**
 * Parses evtxexport's XML output. It is not well-formed XML (values are not escaped), so this
 * relies on its layout instead: one element per line, two spaces of indentation per level.
 */
export function parseExport(text: string): ExportedEvent[] {
  const events: ExportedEvent[] = [];
  const blocks = text.split(/^<Event xmlns="[^"]*">$/m).slice(1);
  for (const block of blocks) {
    const end = block.lastIndexOf('\n</Event>');
    const body = end >= 0 ? block.slice(0, end) : block;
    const sysEnd = body.indexOf('\n  </System>');
    const system = sysEnd >= 0 ? body.slice(0, sysEnd) : body;
    const rest = sysEnd >= 0 ? body.slice(sysEnd) : '';
    const field = (tag: string): string => FIELD(tag).exec(system)?.[1] ?? '';
    const data: ExportedEvent['data'] = [];
    const eventData = /^ {2}<EventData(?: [^>]*)?>\n([\s\S]*?)^ {2}<\/EventData>$/m.exec(rest);
    const userData = /^ {2}<UserData>\n([\s\S]*?)^ {2}<\/UserData>$/m.exec(rest);
    if (eventData?.[1]) {
      for (const m of eventData[1].matchAll(DATA)) data.push({ name: m[1] ?? null, value: m[2] ?? '' });
    } else if (userData?.[1]) {
      for (const m of userData[1].matchAll(LEAF)) data.push({ name: m[1] ?? '', value: m[2] ?? '' });
    }
    events.push({
      recordId: field('EventRecordID'),
      eventId: Number(field('EventID')),
      provider: /^ {4}<Provider Name="([^"]*)"/m.exec(system)?.[1] ?? '',
      systemTime: /^ {4}<TimeCreated SystemTime="([^"]*)"/m.exec(system)?.[1] ?? '',
      channel: field('Channel'),
      computer: field('Computer'),
      data,
    });
  }
  return events;
}
