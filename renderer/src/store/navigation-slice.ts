// Where the technician is (step, check) and the one job and problem the wizard shows.
import { call } from '../call-main';
import type { NavigationSlice, Slice } from './wizard-state';

/** The session's part (session.ts): the job under way is not, it ends on its own. */
export const initialNavigation: Pick<NavigationSlice, 'step' | 'checkIndex' | 'problem'> = { step: 'bundle', checkIndex: -1, problem: null };

export const createNavigationSlice: Slice<NavigationSlice> = (set, get) => ({
  ...initialNavigation,
  job: null,
  goTo: (step) => set({ step }),
  showCheck: (checkIndex) => set({ checkIndex, step: 'checks' }),
  dismissProblem: () => set({ problem: null }),
  async cancelJob() {
    const job = get().job;
    if (!job) return;
    set({ job: { ...job, cancelling: true } });
    await call('job:cancel', { jobId: job.id }).catch(() => undefined);
  },
  onProgress(p) {
    const job = get().job;
    if (job && job.id === p.jobId) set({ job: { ...job, progress: p } });
  },
});
