// A long all-rooms run, kept on disk as it goes: a JSON-lines journal (a header naming the tenant and the
// moment the run reads, then a line per finished room, then an end line). A run that stops for any reason
// leaves every finished room in it; `--resume` reads it back, skips those rooms and appends the rest, and the
// outputs are written from it one room at a time, so neither the run nor its output holds the fleet in memory.
import { closeSync, createReadStream, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { FleetResult, FleetRow, NotCheckedRoom, RoomDiscovery } from '../model/fleet-result';
import { csvCell, FLEET_CSV_HEADER, fleetCsvOther, fleetCsvRow } from './fleet-text';
import { jsonPieces, writeDrained } from './json-stream';

export const JOURNAL_KIND = 'mtr-doctor-all-rooms';

export interface JournalHeader {
  kind: typeof JOURNAL_KIND;
  schemaVersion: 1;
  /** The tenant as given (--tenant), and the name shown in the outputs. */
  tenant: string;
  /** The moment the run reads (its sign-in window ends here): a resumed run reads the same window. */
  now: string;
  days: number;
  tool: FleetResult['tool'];
}

export interface JournalEnd {
  kind: 'end';
  discovery: RoomDiscovery;
  warnings: { source: string; message: string }[];
  requests: { total: number; perRoom: number };
}

type JournalLine = JournalHeader | { kind: 'room'; row: FleetRow } | { kind: 'not-checked'; room: NotCheckedRoom } | JournalEnd;

export class JournalError extends Error {}

/** Appends whole lines, each written at once: a run killed mid-way leaves at most one torn last line. */
export class FleetJournal {
  private constructor(
    readonly path: string,
    private fd: number | null,
  ) {}

  /** A new journal; never written over an existing file ('wx'). */
  static create(path: string, header: JournalHeader): FleetJournal {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new JournalError(code === 'EEXIST' ? `${path} already exists: continue that run with --resume ${path}, or choose another --out.` : `${path} cannot be written (${code ?? 'error'}).`);
    }
    const journal = new FleetJournal(path, fd);
    journal.append(header);
    return journal;
  }

  /** Opens an earlier run's journal to add to it: a torn last line (the run was killed while writing it) is cut off. */
  static async reopen(path: string): Promise<{ journal: FleetJournal; index: JournalIndex }> {
    const index = await indexJournal(path);
    let fd: number;
    try {
      fd = openSync(path, 'r+');
    } catch (err) {
      throw new JournalError(`${path} cannot be opened to continue it (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    if (fstatSync(fd).size > index.validBytes) ftruncateSync(fd, index.validBytes);
    const journal = new FleetJournal(path, fd);
    journal.position = index.validBytes;
    return { journal, index };
  }

  private position = 0;

  private append(line: JournalLine): void {
    if (this.fd === null) throw new JournalError(`${this.path} is closed.`);
    const bytes = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
    for (let off = 0; off < bytes.length; ) off += writeSync(this.fd, bytes, off, bytes.length - off, this.position + off);
    this.position += bytes.length;
  }

  row(row: FleetRow): void {
    this.append({ kind: 'room', row });
  }

  notChecked(room: NotCheckedRoom): void {
    this.append({ kind: 'not-checked', room });
  }

  end(end: Omit<JournalEnd, 'kind'>): void {
    this.append({ kind: 'end', ...end });
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** Where each room's line is, so outputs can be written in account order without holding the rows. */
export interface JournalIndex {
  header: JournalHeader;
  rooms: { account: string; offset: number; length: number; exitCode: 0 | 1 | 2 }[];
  notChecked: NotCheckedRoom[];
  end: JournalEnd | null;
  /** Bytes up to the last whole line. */
  validBytes: number;
}

export async function indexJournal(path: string): Promise<JournalIndex> {
  let header: JournalHeader | null = null;
  const rooms = new Map<string, JournalIndex['rooms'][number]>();
  const notChecked = new Map<string, NotCheckedRoom>();
  let end: JournalEnd | null = null;
  let offset = 0;
  let validBytes = 0;
  let pending: Buffer[] = [];
  const take = (line: Buffer, at: number) => {
    let parsed: JournalLine;
    try {
      parsed = JSON.parse(line.toString('utf8')) as JournalLine;
    } catch {
      throw new JournalError(`${path}: line at byte ${at} is not JSON: not an MTR Doctor all-rooms journal, or damaged.`);
    }
    if (!header) {
      if (parsed.kind !== JOURNAL_KIND) throw new JournalError(`${path} is not an MTR Doctor all-rooms journal (its first line is not the run's header).`);
      header = parsed;
    } else if (parsed.kind === 'room') {
      const account = parsed.row.source.toLowerCase();
      rooms.set(account, { account, offset: at, length: line.length, exitCode: parsed.row.exitCode });
    } else if (parsed.kind === 'not-checked') notChecked.set(parsed.room.account, parsed.room);
    else if (parsed.kind === 'end') end = parsed;
  };
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      let start = 0;
      for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
        const line = Buffer.concat([...pending, chunk.subarray(start, nl)]);
        pending = [];
        take(line, offset);
        offset += line.length + 1;
        validBytes = offset;
        start = nl + 1;
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    }
  } catch (err) {
    if (err instanceof JournalError) throw err;
    throw new JournalError(`${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  // A last line without its newline was being written when the run stopped: the room is read again.
  if (!header) throw new JournalError(`${path} is empty: not an MTR Doctor all-rooms journal.`);
  return { header, rooms: [...rooms.values()], notChecked: [...notChecked.values()], end, validBytes };
}

/** Rooms in account order, read one at a time from the journal. */
export function* journalRows(path: string, index: JournalIndex): Generator<FleetRow> {
  const fd = openSync(path, 'r');
  try {
    for (const r of [...index.rooms].sort((a, b) => a.account.localeCompare(b.account))) {
      const buf = Buffer.alloc(r.length);
      for (let got = 0; got < r.length; ) got += readSync(fd, buf, got, r.length - got, r.offset + got);
      yield (JSON.parse(buf.toString('utf8')) as { row: FleetRow }).row;
    }
  } finally {
    closeSync(fd);
  }
}

/** The fleet without its rows, as the end of the journal says (a run that did not end has no discovery). */
export function journalFleet(index: JournalIndex): FleetResult {
  const f: FleetResult = { schemaVersion: 1, kind: 'fleet', generatedAt: index.header.now, tool: index.header.tool, name: index.header.tenant, rows: [], refused: [] };
  if (index.end) {
    f.discovery = index.end.discovery;
    if (index.end.warnings.length) f.warnings = index.end.warnings;
    f.requests = index.end.requests;
  }
  if (index.notChecked.length) f.notChecked = [...index.notChecked].sort((a, b) => a.account.localeCompare(b.account));
  return f;
}

const write = (out: Writable, text: string) => writeDrained(out, text);

/** The fleet CSV (the same lines as renderFleetCsv), one room at a time. */
export async function writeJournalCsv(path: string, index: JournalIndex, out: Writable): Promise<void> {
  await write(out, `${FLEET_CSV_HEADER.map(csvCell).join(',')}\r\n`);
  for (const row of journalRows(path, index)) await write(out, `${fleetCsvRow(row)}\r\n`);
  for (const n of journalFleet(index).notChecked ?? []) await write(out, `${fleetCsvOther(n.account, n.displayName, 'not-checked', n.reason)}\r\n`);
}

/** The fleet JSON (fleet-schema.ts), rows streamed: never one string of the whole fleet. */
export async function writeJournalJson(path: string, index: JournalIndex, out: Writable): Promise<void> {
  const { rows: _rows, ...rest } = journalFleet(index);
  const entries = Object.entries(rest);
  let block = '{\n';
  const flush = async () => {
    await write(out, block);
    block = '';
  };
  for (const [k, v] of entries.slice(0, 5)) block += `  ${JSON.stringify(k)}: ${[...jsonPieces(v, '  ', 1, k)].join('')},\n`;
  block += '  "rows": [';
  let first = true;
  for (const row of journalRows(path, index)) {
    block += `${first ? '' : ','}\n    `;
    first = false;
    for (const piece of jsonPieces(row, '  ', 2)) {
      block += piece;
      if (block.length > 1 << 16) await flush();
    }
  }
  block += first ? ']' : '\n  ]';
  for (const [k, v] of entries.slice(5)) block += `,\n  ${JSON.stringify(k)}: ${[...jsonPieces(v, '  ', 1, k)].join('')}`;
  block += '\n}\n';
  await flush();
}

/**
 * The fleet for the human views (text table, summary grid), which show none of a room's analysis: each row keeps
 * only its checks' ids and statuses, so 5,000 rooms fit in memory.
 */
export function journalFleetForViews(path: string, index: JournalIndex): FleetResult {
  const f = journalFleet(index);
  for (const row of journalRows(path, index)) f.rows.push({ ...row, analysis: { checks: row.analysis.checks.map((c) => ({ id: c.id, status: c.status })) } as unknown as FleetRow['analysis'] });
  return f;
}

/**
 * What the fleet's exit rule (fleetExitCode) reads, without the rows: whether there is a room, and one that is
 * not all clear. The rule itself stays where it is.
 */
export function journalExitInput(index: JournalIndex): Pick<FleetResult, 'rows' | 'refused'> {
  const sample = [index.rooms[0], index.rooms.find((r) => r.exitCode !== 0)].filter((r): r is JournalIndex['rooms'][number] => !!r);
  return { rows: sample.map((r) => ({ exitCode: r.exitCode }) as FleetRow), refused: [] };
}
