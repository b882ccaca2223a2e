// The headless front end: the same engine as the app, no Electron.
import { ANALYZE_USAGE, runAnalyzeCommand } from './analyze-command';
import { runInventoryCommand, INVENTORY_USAGE } from './inventory-command';
import { runEvtxCommand } from './evtx-command';
import { EXIT_BAD_INPUT, writeLine, type CliIo } from './io';

const USAGE = `MTR Doctor — why can't this Teams Room sign in?

usage:
  ${ANALYZE_USAGE}
  ${INVENTORY_USAGE}
  mtr-doctor evtx <file.evtx> [--format jsonl|xml] [--stats] [--workers N]
`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyze':
      return runAnalyzeCommand(rest, io);
    case 'inventory':
      return runInventoryCommand(rest, io);
    case 'evtx':
      return runEvtxCommand(rest, io);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.stdout.write(USAGE);
      return command === undefined ? EXIT_BAD_INPUT : 0;
    default:
      writeLine(io.stderr, `mtr-doctor: unknown command "${command}"\n`);
      io.stderr.write(USAGE);
      return EXIT_BAD_INPUT;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`mtr-doctor: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 3;
    },
  );
}
