// The headless front end: the same engine as the app, no Electron. Each command is parse → run → render
// (cli/command.ts); this file only picks the command.
import { analyzeCommand } from './analyze-command';
import { runCommand, type CliCommand } from './command';
import { evtxCommand } from './evtx-command';
import { inventoryCommand } from './inventory-command';
import { AppTemp } from '../fs/app-temp';
import { EXIT_BAD_INPUT, EXIT_OK, writeLine, type CliIo } from './io';
import { networkCommand } from './network-command';
import { runCli } from './run-cli';

interface Entry {
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}
const entry = <O>(c: CliCommand<O>): Entry => ({ usage: c.usage, run: (argv, io) => runCommand(c, argv, io) });

const COMMANDS = new Map<string, Entry>([
  ['analyze', entry(analyzeCommand())],
  ['inventory', entry(inventoryCommand())],
  ['evtx', entry(evtxCommand)],
  ['network', entry(networkCommand)],
]);

const USAGE = `MTR Doctor — why can't this Teams Room sign in?

usage:
${[...COMMANDS.values()].map((c) => `  ${c.usage}`).join('\n')}

  mtr-doctor <command> --help   that command's usage
exit codes: 0 no check fails, 1 a check fails, 2 the input cannot be analysed, 3 internal error
`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const chosen = command === undefined ? undefined : COMMANDS.get(command);
  if (chosen) {
    // Sessions of runs that were killed (power loss, SIGKILL) are removed once a day old, at every start.
    await new AppTemp().sweep();
    return chosen.run(rest, io);
  }
  switch (command) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.stdout.write(USAGE);
      return command === undefined ? EXIT_BAD_INPUT : EXIT_OK;
    default:
      writeLine(io.stderr, `mtr-doctor: unknown command "${command}"\n`);
      io.stderr.write(USAGE);
      return EXIT_BAD_INPUT;
  }
}

/** Runs the CLI on this process (the `mtr-doctor` launcher, dist/cli/mtr-doctor.js, calls it). */
export function cli(): void {
  runCli(main);
}

if (require.main === module) cli();
