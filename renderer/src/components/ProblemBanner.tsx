import type { Problem } from '../store';
import { IconClose, IconWarning } from './icons';

/** Errors are alerts; what the technician asked for (Cancelled) is a quiet status. */
export function ProblemBanner({ problem, onDismiss }: { problem: Problem; onDismiss: () => void }) {
  const neutral = problem.tone === 'neutral';
  return (
    <div className={`banner ${neutral ? 'banner-neutral' : 'banner-error'}`} role={neutral ? 'status' : 'alert'}>
      {!neutral && <IconWarning className="banner-icon" />}
      <div className="banner-body">
        <strong>{problem.title}</strong>
        <p>{problem.message}</p>
      </div>
      <button type="button" className="icon-button" onClick={onDismiss} aria-label="Dismiss">
        <IconClose size={16} />
      </button>
    </div>
  );
}
