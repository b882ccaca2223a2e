// `mtr-doctor evtx`: dumps an event log as JSON lines or XML, or prints its statistics.
import { parseArgs } from 'node:util';
import { readEvtx, readEvtxParallel, readEvtxStats, type EvtxProblem, type EvtxRecord, type EvtxValue } from '../evtx/index';
import { openEvtx } from '../evtx/reader';
import { EXIT_BAD_INPUT, EXIT_OK, type CliIo } from './io';

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

/** One record as a JSON line: bigints as decimal strings, binary as hex. */
export function recordJson(r: EvtxRecord): string {
  const named: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r.data.named)) named[k] = jsonValue(v);
  return JSON.stringify({
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
  });
}

function problemJson(p: EvtxProblem): unknown {
  return { ...p, recordId: p.recordId?.toString() };
}

/** Writes with backpressure. Resolves false once the reader has gone (EPIPE, e.g. `| head`). */
async function write(stream: NodeJS.WritableStream, text: string, out: OutputState): Promise<boolean> {
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

export async function runEvtxCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'jsonl' },
        stats: { type: 'boolean', default: false },
        workers: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    return fail(io, err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`usage: ${EVTX_USAGE}\n`);
    return EXIT_OK;
  }
  if (positionals.length !== 1) return fail(io, positionals.length === 0 ? 'no file given' : 'give exactly one file');
  const file = positionals[0] ?? '';
  const format = values.format;
  if (format !== 'jsonl' && format !== 'xml') return fail(io, `unknown --format "${format}" (jsonl or xml)`);
  let workers = 0;
  if (values.workers !== undefined) {
    workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) return fail(io, `--workers must be a whole number from 1 to 64, not "${values.workers}"`);
  }

  // Refuse what cannot be read at all before printing anything.
  const opening: EvtxProblem[] = [];
  const src = await openEvtx(file, file, (p) => opening.push(p));
  if (!src) return fail(io, opening[0]?.message ?? `${file}: cannot be read`);
  await src.close();

  const state: OutputState = { closed: false };
  const onError = (err: NodeJS.ErrnoException): void => {
    if (err.code === 'EPIPE') state.closed = true;
  };
  io.stdout.on('error', onError);
  try {
    return await dump(io, file, { stats: values.stats, format, workers }, state);
  } finally {
    io.stdout.off('error', onError);
  }
}

async function dump(io: CliIo, file: string, opts: { stats: boolean; format: 'jsonl' | 'xml'; workers: number }, state: OutputState): Promise<number> {
  const { format, workers } = opts;
  if (opts.stats) {
    const stats = await readEvtxStats(file);
    await write(io.stdout, `${JSON.stringify({ records: stats.records, chunks: stats.chunks, problems: stats.problems.map(problemJson) }, null, 2)}\n`, state);
    return EXIT_OK;
  }

  const onProblem = (p: EvtxProblem): void => {
    io.stderr.write(`mtr-doctor evtx: warning: ${p.message}\n`);
  };
  const records =
    workers > 0 ? readEvtxParallel(file, { workers, onProblem, xml: format === 'xml' ? 'eager' : 'lazy' }) : readEvtx(file, { onProblem });
  let out = '';
  for await (const r of records) {
    out += format === 'xml' ? r.xml() : `${recordJson(r)}\n`;
    if (out.length >= WRITE_BLOCK) {
      if (!(await write(io.stdout, out, state))) break;
      out = '';
    }
  }
  if (out) await write(io.stdout, out, state);
  return EXIT_OK;
}
