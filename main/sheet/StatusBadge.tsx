import type { CheckStatus } from '../model/analysis';
import { STATUS_GLYPH, STATUS_LABEL } from './status';

/** `compact` shows the glyph only (the label stays for screen readers), for narrow lists. */
export function StatusBadge({ status, size = 'md', compact = false }: { status: CheckStatus; size?: 'sm' | 'md' | 'lg'; compact?: boolean }) {
  if (compact) {
    return (
      <span className={`badge badge-${status} badge-${size} badge-compact`} title={STATUS_LABEL[status]}>
        <span className="badge-glyph" aria-hidden="true">
          {STATUS_GLYPH[status]}
        </span>
        <span className="visually-hidden">{STATUS_LABEL[status]}</span>
      </span>
    );
  }
  return (
    <span className={`badge badge-${status} badge-${size}`}>
      <span className="badge-glyph" aria-hidden="true">
        {STATUS_GLYPH[status]}
      </span>
      {STATUS_LABEL[status]}
    </span>
  );
}
