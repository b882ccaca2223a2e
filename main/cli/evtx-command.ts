// `mtr-doctor evtx`: dumps an event log as JSON lines or XML, or prints its statistics.
// parse → run (refuse an unreadable file before printing anything) → render (records streamed out).
import { writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readEvtx, readEvtxStats, whyUnreadable, type EvtxProblem, type EvtxRecord, type EvtxValue } from '../evtx/index';
import { readEvtxParallel, readEvtxXml, writeEvtxXml } from '../evtx-dump/index';
import { runCommand, UsageError, type CliCommand } from './command';
import { EXIT_BAD_INPUT, EXIT_OK, type CliIo } from './io';
import { escapeJsonControls } from '../report/json-stream';

export const EVTX_USAGE = 'mtr-doctor evtx <file.evtx> [--format jsonl|xml] [--stats] [--workers N]';

/** Output is written in blocks of about this many characters. */
const WRITE_BLOCK = 1 << 16;

function fail(io: CliIo, message: string): number {
  io.stderr.write(`mtr-doctor evtx: ${message}\nusage: ${EVTX_USAGE}\n`);
  return EXIT_BAD_INPUT;
}

function jsonValue(v: EvtxValue): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
  if (Array.isArray(v)) return v.map(jsonValue);
  return v;
}

/** One record as a JSON line: bigints as decimal strings, binary as hex, controls and bidi as `\u` escapes. */
export function recordJson(r: EvtxRecord): string {
  const named: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r.data.named)) named[k] = jsonValue(v);
  return escapeJsonControls(JSON.stringify({
    recordId: r.recordId.toString(),
    time: r.time,
    fileTime: r.fileTime.toString(),
    eventId: r.eventId,
    level: r.level,
    provider: r.provider,
    providerGuid: r.providerGuid,
    channel: r.channel,
    computer: r.computer,
    activityId: r.activityId,
    relatedActivityId: r.relatedActivityId,
    chunkIndex: r.chunkIndex,
    data: { named, positional: r.data.positional.map(jsonValue) },
  }));
}

function problemJson(p: EvtxProblem): unknown {
  return { ...p, recordId: p.recordId?.toString() };
}

/** Writes with backpressure. Resolves false once the reader has gone (EPIPE, e.g. `| head`). */
async function write(stream: NodeJS.WritableStream, text: string | Uint8Array, out: OutputState): Promise<boolean> {
  if (out.closed) return false;
  if (!stream.write(text)) {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        stream.off('drain', done);
        stream.off('error', done);
        resolve();
      };
      stream.once('drain', done);
      stream.once('error', done);
    });
  }
  return !out.closed;
}

interface OutputState {
  closed: boolean;
}

/**
 * Writes `bytes` straight to the stream's file descriptor when it has one and nothing is queued on
 * it (a dump writes ~100 MB: the stream's per-write bookkeeping and copies showed in profiles).
 * A pipe that is full (EAGAIN: Node makes pipes non-blocking) takes the rest through the stream,
 * with backpressure. The bytes may be reused once this settles. Resolves false once the reader has gone.
 */
async function writeBytes(stream: NodeJS.WritableStream, bytes: Buffer, out: OutputState): Promise<boolean> {
  if (out.closed) return false;
  const fd = (stream as { fd?: unknown }).fd;
  let at = 0;
  if (typeof fd === 'number' && ((stream as { writableLength?: number }).writableLength ?? 0) === 0) {
    try {
      while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        out.closed = true;
        return false;
      }
      if (code !== 'EAGAIN') throw err;
    }
  }
  // The stream may hold on to what it is given: a copy.
  return write(stream, Buffer.from(bytes.subarray(at)), out);
}

export interface EvtxOptions {
  file: string;
  format: 'jsonl' | 'xml';
  stats: boolean;
  /**
   * 0 (default): read on this thread. Worker threads are opt-in: on a busy two-core machine they cost
   * more CPU (a JIT and heap per thread, a message per 512 KiB) than they save (see `npm run bench`).
   */
  workers: number;
}

export function parseEvtxArgs(argv: string[]): EvtxOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'jsonl' },
      stats: { type: 'boolean', default: false },
      workers: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'no file given' : 'give exactly one file');
  const format = values.format;
  if (format !== 'jsonl' && format !== 'xml') throw new UsageError(`unknown --format "${format}" (jsonl or xml)`);
  let workers = 0;
  if (values.workers !== undefined) {
    workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new UsageError(`--workers must be a whole number from 0 (this thread only) to 64, not "${values.workers}"`);
  }
  return { file: positionals[0] ?? '', format, stats: values.stats ?? false, workers };
}

export const evtxCommand: CliCommand<EvtxOptions> = {
  name: 'evtx',
  usage: EVTX_USAGE,
  parse: parseEvtxArgs,
  async run(o, io) {
    // Refuse what cannot be read at all before printing anything.
    const unreadable = await whyUnreadable(o.file);
    if (unreadable) return fail(io, unreadable.message);
    const state: OutputState = { closed: false };
    const onError = (err: NodeJS.ErrnoException): void => {
      if (err.code === 'EPIPE') state.closed = true;
    };
    io.stdout.on('error', onError);
    try {
      return await dump(io, o.file, o, state);
    } finally {
      io.stdout.off('error', onError);
    }
  },
};

export function runEvtxCommand(argv: string[], io: CliIo): Promise<number> {
  return runCommand(evtxCommand, argv, io);
}

async function dump(io: CliIo, file: string, opts: { stats: boolean; format: 'jsonl' | 'xml'; workers: number }, state: OutputState): Promise<number> {
  const { format, workers } = opts;
  if (opts.stats) {
    const stats = await readEvtxStats(file);
    await write(io.stdout, `${JSON.stringify({ records: stats.records, chunks: stats.chunks, unreadableBytes: stats.unreadableBytes, problems: stats.problems.map(problemJson) }, null, 2)}\n`, state);
    return EXIT_OK;
  }

  const onProblem = (p: EvtxProblem): void => {
    io.stderr.write(`mtr-doctor evtx: warning: ${p.message}\n`);
  };
  if (format === 'xml' && workers === 0) {
    // Rendered as UTF-8 into one reused buffer: no string per record.
    await writeEvtxXml(file, (bytes) => writeBytes(io.stdout, bytes, state), { onProblem });
    return EXIT_OK;
  }
  if (format === 'xml') {
    // Workers render and encode; this thread only writes their blocks.
    const blocks = readEvtxXml(file, { workers, onProblem });
    // Leaving the loop early (the reader went away) ends the read and its workers.
    for await (const block of blocks) if (!(await write(io.stdout, block, state))) break;
    return EXIT_OK;
  }
  const records = workers > 0 ? readEvtxParallel(file, { workers, onProblem, data: 'eager' }) : readEvtx(file, { onProblem });
  let out = '';
  for await (const r of records) {
    out += `${recordJson(r)}\n`;
    if (out.length >= WRITE_BLOCK) {
      if (!(await write(io.stdout, out, state))) break;
      out = '';
    }
  }
  if (out) await write(io.stdout, out, state);
  return EXIT_OK;
}
