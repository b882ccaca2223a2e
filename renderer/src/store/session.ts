// What the wizard forgets when the technician starts over or opens another bundle, fleet or room: each slice
// exports its session part as its initial state, and this one reset puts them all back. Main forgets its side
// (the live network test, the analysis to run again) on the same events. Kept: the app's, not the room's —
// the sign-in, the samples list, the paper and full-report choice, the fleet table's sort, the job under way.
import { initialAnalysis } from './analysis-slice';
import { initialBundle } from './bundle-slice';
import { initialFleet, initialFleetRoom } from './fleet-slice';
import { initialNavigation } from './navigation-slice';
import { initialReport } from './report-slice';
import { initialTenant } from './tenant-slice';
import type { SessionScope, SessionSlice, Slice, WizardState } from './wizard-state';

/** The session's initial state; a room of a fleet keeps the fleet it belongs to. */
export function sessionState(scope: SessionScope = 'all'): Partial<WizardState> {
  return {
    ...initialNavigation,
    ...initialBundle,
    ...initialAnalysis,
    ...initialReport,
    ...initialTenant,
    ...(scope === 'room' ? initialFleetRoom : initialFleet),
  };
}

export const createSessionSlice: Slice<SessionSlice> = (set) => ({
  // One set: what opens next (`then`) replaces the old session without a render of the empty wizard between.
  resetSession: (then = {}, scope = 'all') => set({ ...sessionState(scope), ...then }),
});
