// What a CLI command gets: its arguments and where to write. Commands return the exit code.
import { SaveError, writeWhole, type WholeContent } from '../fs/write-whole';
import { printable } from '../model/printable';

/** Where messages are written: stderr takes whole strings only (see printableMessages). */
export interface TextSink {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: NodeJS.WritableStream;
  /** The process's stderr through printableMessages() (runCli): nothing written here reaches a terminal raw. */
  stderr: TextSink;
  /** Aborted on Ctrl-C / SIGTERM: commands stop their work and close what they opened. */
  signal?: AbortSignal;
}

/** Exit codes (README, "Command line"): 0 done, no failing check; 1 a check failed; 2 the input cannot be used; 3 internal error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 3;

export function writeLine(stream: TextSink, line = ''): void {
  stream.write(`${line}\n`);
}

/**
 * Messages name files, zip entries and event data, which are the author's bytes: every string written to
 * the sink passes through printable() line by line (the line breaks the CLI writes stay), so an ESC
 * sequence, a BEL or a bidi override in a name shows as `\x1b`, `\x07`, `\u202e` on the terminal.
 */
export function printableMessages(sink: TextSink): TextSink {
  return { write: (text: string) => sink.write(text.split('\n').map(printable).join('\n')) };
}

/**
 * Renders and writes a command's output: to `out` when given (or `pdfName` for a PDF), else stdout. A PDF needs
 * an installed Chromium/Chrome/Edge; when none is found, renderPdf's message goes to stderr and this returns false.
 */
export async function emitOutput(io: CliIo, o: { format: string; out: string | null }, pdfName: string, render: () => Promise<string | Buffer>): Promise<boolean> {
  let output: string | Buffer;
  try {
    output = await render();
  } catch (err) {
    if (o.format !== 'pdf') throw err;
    writeLine(io.stderr, `mtr-doctor: ${(err as Error).message}`);
    return false;
  }
  const out = o.out ?? (o.format === 'pdf' ? pdfName : null);
  if (out) return saveOutput(io, out, output);
  io.stdout.write(output);
  return true;
}

/** Writes a command's output file whole; a save that fails is said on stderr, naming the file, and answers false. */
export async function saveOutput(io: CliIo, out: string, content: WholeContent): Promise<boolean> {
  try {
    await writeWhole(out, content);
  } catch (err) {
    if (!(err instanceof SaveError)) throw err;
    writeLine(io.stderr, `mtr-doctor: ${err.message}`);
    return false;
  }
  writeLine(io.stderr, `mtr-doctor: wrote ${out}`);
  return true;
}
