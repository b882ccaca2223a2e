// Which rooms the table shows: by status (on any check or one chosen check) and by text (room, device,
// account, file). The count of shown rooms is announced as the filters change.
import { useId } from 'react';
import { CHECK_IDS, type CheckId } from '../../../../main/model/analysis';
import { CHECK_SHORT_LABEL } from '../../../../main/sheet/FleetSheet';
import { DEFAULT_FILTER, type FleetFilter, type StatusFilter } from '../../fleet-table';

const STATUS_OPTIONS: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'Any status' },
  { value: 'attention', label: 'Not passing (fail, warning, no data)' },
  { value: 'fail', label: '✕ Fail' },
  { value: 'warn', label: '! Warning' },
  { value: 'unknown', label: '? No data' },
  { value: 'pass', label: '✓ Pass' },
  { value: 'refused', label: '⊘ Refused bundles' },
];

export function FleetFilters({ filter, onChange, shown, total }: { filter: FleetFilter; onChange: (f: Partial<FleetFilter>) => void; shown: number; total: number }) {
  const id = useId();
  const filtered = filter.status !== DEFAULT_FILTER.status || filter.check !== DEFAULT_FILTER.check || filter.text !== DEFAULT_FILTER.text;
  return (
    <div className="fleet-filters" role="search" aria-label="Filter the rooms">
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} value={filter.status} onChange={(e) => onChange({ status: e.target.value as StatusFilter })}>
          {STATUS_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-check`}>on</label>
        <select id={`${id}-check`} value={filter.check} onChange={(e) => onChange({ check: e.target.value as CheckId | 'any' })} disabled={filter.status === 'refused'}>
          <option value="any">any check</option>
          {CHECK_IDS.map((id) => (
            <option key={id} value={id}>
              {CHECK_SHORT_LABEL[id]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor={`${id}-text`}>Room</label>
        <input id={`${id}-text`} type="search" value={filter.text} placeholder="Room, device, account or file" onChange={(e) => onChange({ text: e.target.value })} />
      </div>
      <p className="muted small fleet-count" aria-live="polite">
        Showing {shown} of {total}
      </p>
      {filtered && (
        <button type="button" className="button button-quiet" onClick={() => onChange(DEFAULT_FILTER)}>
          Clear filters
        </button>
      )}
    </div>
  );
}
