// What a verdict rests on when there is no failure to show: the sources read, how much, over which period.
import type { CheckResult, DeviceInfo } from '../../../../main/model/analysis';
import { sourceLabel } from '../../../../main/sheet/evidence-view';
import { formatCount, formatDeviceTime } from '../../../../main/sheet/time';

export function CheckedSources({ checked, zone }: { checked: CheckResult['checked'] | undefined; zone: DeviceInfo }) {
  if (!checked?.length) return null;
  return (
    <ul className="checked-list">
      {checked.map((c) => (
        <li key={`${c.source}|${c.label}`}>
          <strong>{c.label}</strong>: {formatCount(c.count)} {c.unit}
          {c.from && c.to ? `, ${formatDeviceTime(c.from, zone)} – ${formatDeviceTime(c.to, zone)}` : ''}
          <div className="muted small">
            <code>{sourceLabel(c.source)}</code>
          </div>
        </li>
      ))}
    </ul>
  );
}
