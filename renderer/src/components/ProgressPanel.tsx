import type { ProgressEvent } from '../../../main/model/inventory';

export function ProgressPanel({ label, progress, onCancel }: { label: string; progress: ProgressEvent | null; onCancel: () => void }) {
  const pct = progress?.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  return (
    <div className="progress-panel" role="status" aria-live="polite">
      <div className="progress-head">
        <span className="spinner" aria-hidden="true" />
        <div>
          <strong>Reading {label}</strong>
          <p className="muted progress-message">{progress?.message ?? 'Opening…'}</p>
        </div>
      </div>
      <div
        className={`progress-track${pct === null ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label={`Reading ${label}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
      >
        <div className="progress-fill" style={{ width: pct === null ? undefined : `${pct}%` }} />
      </div>
      <button type="button" className="button button-quiet" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
