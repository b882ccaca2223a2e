import type { Problem } from '../store';
import { IconClose, IconWarning } from './icons';

export function ProblemBanner({ problem, onDismiss }: { problem: Problem; onDismiss: () => void }) {
  return (
    <div className="banner banner-error" role="alert">
      <IconWarning className="banner-icon" />
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
