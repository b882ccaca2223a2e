import type { CheckStatus } from '../../../main/model/analysis';
import { STATUS_GLYPH, STATUS_LABEL } from './status';

export function StatusBadge({ status, size = 'md' }: { status: CheckStatus; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <span className={`badge badge-${status} badge-${size}`}>
      <span className="badge-glyph" aria-hidden="true">
        {STATUS_GLYPH[status]}
      </span>
      {STATUS_LABEL[status]}
    </span>
  );
}
