// The wizard's store: five slices, the navigation they share and the session reset, in one zustand store.
// Read it with selectors (see selectors.ts), never whole: a progress event then re-renders only progress.
import { create } from 'zustand';
import { createAnalysisSlice } from './analysis-slice';
import { createBundleSlice } from './bundle-slice';
import { createFleetSlice } from './fleet-slice';
import { createNavigationSlice } from './navigation-slice';
import { createReportSlice } from './report-slice';
import { createSessionSlice } from './session';
import { createTenantSlice } from './tenant-slice';
import type { WizardState } from './wizard-state';

export type { Job, Problem, SettingsField, StepId, WizardState } from './wizard-state';

export const useWizard = create<WizardState>()((...a) => ({
  ...createNavigationSlice(...a),
  ...createBundleSlice(...a),
  ...createAnalysisSlice(...a),
  ...createReportSlice(...a),
  ...createTenantSlice(...a),
  ...createFleetSlice(...a),
  ...createSessionSlice(...a),
}));
