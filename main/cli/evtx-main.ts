// `mtr-doctor evtx` on its own (dist/cli/mtr-doctor-evtx.js): the launcher loads this small bundle for
// it rather than the whole CLI, whose start (Graph, MSAL, reports: ~0.2 s) costs more than reading a
// typical event log. Same behaviour as `main(['evtx', ...])` in mtr-doctor.ts.
import { AppTemp } from '../fs/app-temp';
import { runEvtxCommand } from './evtx-command';
import type { CliIo } from './io';
import { runCli } from './run-cli';

export async function main(argv: string[], io: CliIo): Promise<number> {
  // Sessions of runs that were killed are removed at every start, whichever command starts.
  await new AppTemp().sweep();
  return runEvtxCommand(argv.slice(1), io);
}

export function cli(): void {
  runCli(main);
}
