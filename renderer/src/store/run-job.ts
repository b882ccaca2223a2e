// One way to run a long job: register it (so its progress and Cancel show), then clear it and say how it ended.
import { newJobId } from '../call-main';
import { focusOrigin, returnFocus } from '../focus-return';
import { describe } from './describe-error';
import type { Job, WizardState } from './wizard-state';

type Set = (partial: Partial<WizardState>) => void;
type Get = () => WizardState;

/** Runs `work` as the current job; on failure sets the problem ("Cancelled" when the technician cancelled). */
export async function runJob<T>(
  set: Set,
  get: Get,
  kind: Job['kind'],
  label: string,
  work: (jobId: string) => Promise<T>,
  /** What to do with a result that arrived after Cancel was pressed (e.g. close what was opened). */
  discard?: (value: T) => Promise<unknown>,
): Promise<T | undefined> {
  const id = newJobId();
  // What started the job gets focus back when its progress panel (where Cancel was) goes away.
  const origin = focusOrigin();
  set({ job: { id, kind, label, progress: null, cancelling: false }, problem: null });
  try {
    const value = await work(id);
    // Cancel was pressed while the answer was on its way: the technician asked for nothing, so nothing shows.
    if (discard && get().job?.id === id && get().job?.cancelling === true) {
      await discard(value).catch(() => undefined);
      set({ job: null, problem: describe(new Error('cancelled'), true) });
      return undefined;
    }
    set({ job: null });
    return value;
  } catch (err) {
    const cancelled = get().job?.id === id && get().job?.cancelling === true;
    set({ job: null, problem: describe(err, cancelled) });
    return undefined;
  } finally {
    returnFocus(origin);
  }
}
