// What a CLI command gets: its arguments and where to write. Commands return the exit code.
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Aborted on Ctrl-C / SIGTERM: commands stop their work and close what they opened. */
  signal?: AbortSignal;
}

/** Exit codes (README, "Command line"): 0 done, no failing check; 1 a check failed; 2 the input cannot be used; 3 internal error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 3;

export function writeLine(stream: NodeJS.WritableStream, line = ''): void {
  stream.write(`${line}\n`);
}
