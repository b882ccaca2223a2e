// Every command runs the same three steps: parse (argv → options, or a usage error), run (the work, through
// the engine's use cases), render (what the technician reads). `--help` is answered here for all of them.
import { EXIT_BAD_INPUT, EXIT_OK, writeLine, type CliIo } from './io';

/** Bad arguments: the message and the command's usage go to stderr, exit 2. */
export class UsageError extends Error {}

export interface CliCommand<Options> {
  name: string;
  usage: string;
  /** argv → options; throws UsageError. No side effects. */
  parse(argv: string[]): Options;
  /** Does the work and writes the rendered output; returns the exit code. */
  run(options: Options, io: CliIo): Promise<number>;
}

/** `--help`/`-h` anywhere before a `--` asks for the usage, whatever else is on the line. */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

export async function runCommand<Options>(command: CliCommand<Options>, argv: string[], io: CliIo): Promise<number> {
  if (asksForHelp(argv)) {
    io.stdout.write(`usage: ${command.usage}\n`);
    return EXIT_OK;
  }
  let options: Options;
  try {
    options = command.parse(argv);
  } catch (err) {
    // node:util parseArgs reports unknown options and missing values with ERR_PARSE_ARGS_* and a readable message.
    const parseArgsError = String((err as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
    if (!(err instanceof UsageError) && !parseArgsError) throw err;
    writeLine(io.stderr, `mtr-doctor ${command.name}: ${(err as Error).message}\nusage: ${command.usage}`);
    return EXIT_BAD_INPUT;
  }
  return command.run(options, io);
}
