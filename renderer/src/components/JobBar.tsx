// A job started where its own panel is not on screen (Ctrl+O or a drop on a later step) shows here,
// fixed at the bottom of the window, so progress and Cancel are always where the technician looks.
import { useWizard } from '../store';
import { JobProgress } from './ProgressPanel';

export function JobBar() {
  const kind = useWizard((s) => s.job?.kind ?? null);
  const step = useWizard((s) => s.step);
  const tenantOpen = useWizard((s) => s.tenantOpen);
  if (!kind) return null;
  const shownAtHome = (kind === 'bundle' && step === 'bundle') || (kind === 'analysis' && step === 'inventory') || (kind === 'tenant' && tenantOpen) || (kind === 'fleet' && step === 'fleet');
  if (shownAtHome) return null;
  return (
    <div className="job-bar no-print">
      <JobProgress kind={kind} verb={kind === 'analysis' ? 'Checking' : kind === 'fleet' ? 'Analysing' : 'Reading'} compact />
    </div>
  );
}
