// The seven checks over the open bundle.
import { call } from '../call-main';
import { runJob } from './run-job';
import type { AnalysisSlice, Slice } from './wizard-state';

/** The session's part (session.ts): all of it. */
export const initialAnalysis: Pick<AnalysisSlice, 'analysis'> = { analysis: null };

export const createAnalysisSlice: Slice<AnalysisSlice> = (set, get) => ({
  ...initialAnalysis,
  async runChecks() {
    const inv = get().inventory;
    if (!inv || get().job) return;
    if (get().analysis) {
      set({ step: 'checks' });
      return;
    }
    const analysis = await runJob(
      set,
      get,
      'analysis',
      inv.name,
      (jobId) => call('analysis:run', { jobId, bundleId: inv.bundleId }),
      async () => undefined,
    );
    if (analysis) set({ analysis, step: 'checks', checkIndex: -1, saved: null });
  },
});
