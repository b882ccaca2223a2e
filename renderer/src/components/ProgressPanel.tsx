import { useWizard, type Job } from '../store';

/** A job's progress and its Cancel button, shown where the technician started it. */
export function ProgressPanel({ job, verb = 'Reading', onCancel, compact = false }: { job: Job; verb?: string; onCancel: () => void; compact?: boolean }) {
  const { label, progress } = job;
  const pct = progress?.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  return (
    <div className={`progress-panel${compact ? ' progress-compact' : ''}`} role="status" aria-live="polite">
      <div className="progress-head">
        <span className="spinner" aria-hidden="true" />
        <div className="progress-text">
          <strong>
            {verb} {label}
          </strong>
          <p className="muted progress-message">{job.cancelling ? 'Cancelling…' : (progress?.message ?? 'Opening…')}</p>
        </div>
      </div>
      <div
        className={`progress-track${pct === null ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label={`${verb} ${label}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
      >
        <div className="progress-fill" style={{ width: pct === null ? undefined : `${pct}%` }} />
      </div>
      <button type="button" className="button button-quiet" onClick={onCancel} disabled={job.cancelling}>
        Cancel
      </button>
    </div>
  );
}

/** The progress of the running job of one kind; only this component re-renders on its progress events. */
export function JobProgress({ kind, verb, compact }: { kind: Job['kind']; verb?: string; compact?: boolean }) {
  const job = useWizard((s) => (s.job?.kind === kind ? s.job : null));
  const cancelJob = useWizard((s) => s.cancelJob);
  return job ? <ProgressPanel job={job} verb={verb} compact={compact} onCancel={() => void cancelJob()} /> : null;
}
