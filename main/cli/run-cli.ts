// Runs a CLI entry on this process: its stdio, Ctrl-C/kill handling, and the exit code.
import { EXIT_INTERNAL, printableMessages, writeLine, type CliIo } from './io';
import { handleTerminationSignals } from './signals';

export function runCli(main: (argv: string[], io: CliIo) => Promise<number>): void {
  const controller = new AbortController();
  // Every message of the process goes through this one sink (file names and event data are not ours).
  const stderr = printableMessages(process.stderr);
  const work = main(process.argv.slice(2), { stdout: process.stdout, stderr, signal: controller.signal });
  handleTerminationSignals({ controller, work, onMessage: (text) => writeLine(stderr, text) });
  work.then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      // Interrupted: whatever the cancelled work threw, the signal handler reports it and exits 130/143.
      if (controller.signal.aborted) return;
      stderr.write(`mtr-doctor: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = EXIT_INTERNAL;
    },
  );
}
