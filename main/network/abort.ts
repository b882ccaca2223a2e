// Every probe step runs under a signal: the run's (cancel or total deadline) joined with the step's own timeout.
// A step that ignores its signal still ends on time, because the wait itself races the signal.

/** Why a run stopped early: the caller cancelled, or the total deadline passed. */
export type StopReason = 'cancelled' | 'deadline';

export class StepAborted extends Error {
  constructor(readonly why: 'timeout' | StopReason) {
    super(why === 'timeout' ? 'timed out' : why === 'deadline' ? 'the test ran out of time' : 'cancelled');
    this.name = 'StepAborted';
  }
}

export const DEADLINE = 'deadline';

/** Reads why a run signal aborted (live-test.ts aborts with the string 'deadline' for its total timer). */
export function stopReason(signal: AbortSignal): StopReason {
  return signal.reason === DEADLINE ? 'deadline' : 'cancelled';
}

/**
 * Runs `work` with a signal that aborts on the run signal or after `timeoutMs`, and settles no later than that.
 * `work` must close what it opened when the signal aborts, and stop listening once it has settled.
 */
export async function withStep<T>(run: AbortSignal, timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (run.aborted) throw new StepAborted(stopReason(run));
  const step = new AbortController();
  const timer = setTimeout(() => step.abort(new StepAborted('timeout')), timeoutMs);
  const onRun = () => step.abort(new StepAborted(stopReason(run)));
  run.addEventListener('abort', onRun, { once: true });
  try {
    return await new Promise<T>((resolve, reject) => {
      step.signal.addEventListener('abort', () => reject(step.signal.reason as Error), { once: true });
      work(step.signal).then(resolve, (err: unknown) => reject(step.signal.aborted ? (step.signal.reason as Error) : err));
    });
  } finally {
    clearTimeout(timer);
    run.removeEventListener('abort', onRun);
  }
}
