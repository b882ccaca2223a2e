// Ctrl-C and `kill` must not leave gigabytes in the temp folder: the first SIGINT/SIGTERM cancels the work
// (the command sees its AbortSignal and closes its bundle), and whatever happens, this process's session
// folders are removed before it exits with 128 + the signal number (130, 143). A second signal exits at once.
import { removeOwnSessionsSync } from '../fs/app-temp';

export const EXIT_SIGINT = 130;
export const EXIT_SIGTERM = 143;

export interface SignalOptions {
  /** Aborted on the first signal. */
  controller: AbortController;
  /** The command's own promise: once it settles after the abort, exit without waiting out the grace period. */
  work: Promise<unknown>;
  /** How long cancelled work may take to wind down before the process exits anyway. */
  graceMs?: number;
  onMessage?: (text: string) => void;
  exit?: (code: number) => void;
}

export function handleTerminationSignals(opts: SignalOptions): () => void {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const finish = (code: number): void => {
    removeOwnSessionsSync();
    exit(code);
  };
  const on = (signal: 'SIGINT' | 'SIGTERM') => (): void => {
    const code = signal === 'SIGINT' ? EXIT_SIGINT : EXIT_SIGTERM;
    if (stopping) {
      finish(code);
      return;
    }
    stopping = true;
    opts.onMessage?.(`mtr-doctor: ${signal === 'SIGINT' ? 'interrupted' : 'terminated'}, cleaning up…`);
    opts.controller.abort(new Error(`${signal} received`));
    const timer = setTimeout(() => finish(code), opts.graceMs ?? 2000);
    const settled = (): void => {
      clearTimeout(timer);
      finish(code);
    };
    opts.work.then(settled, settled);
  };
  const onInt = on('SIGINT');
  const onTerm = on('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return () => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  };
}
