// One evidence item: where it is, when, its identifiers as copyable fields, the excerpt, the raw event on demand.
import type { DeviceInfo, Evidence } from '../../../../main/model/analysis';
import { CopyButton } from '../../components/CopyButton';
import { evidenceFields, sourceLabel } from '../../../../main/sheet/evidence-view';
import { formatDeviceTime } from '../../../../main/sheet/time';

export function EvidenceItem({ evidence: e, zone }: { evidence: Evidence; zone: DeviceInfo }) {
  const fields = evidenceFields(e);
  return (
    <li className="evidence-item">
      <div className="evidence-head">
        <code className="evidence-source" title={e.source}>
          {sourceLabel(e.source)}
        </code>
        <span className="muted">
          {e.locator}
          {e.time ? ` · ${formatDeviceTime(e.time, zone)}` : ''}
        </span>
      </div>
      <blockquote className="evidence-excerpt">{e.excerpt}</blockquote>
      {fields.length > 0 && (
        <dl className="evidence-fields">
          {fields.map((f) => (
            <div key={`${f.label}|${f.value}`} className="evidence-field">
              <dt>{f.label}</dt>
              <dd>
                <span className={f.copy ? 'id-value' : undefined}>{f.value}</span>
                {f.copy && <CopyButton value={f.value} label={f.label} />}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {e.raw && (
        <details className="evidence-raw">
          <summary>Show the raw {e.raw.startsWith('<') ? 'event' : 'line'}</summary>
          {/* Focusable so a keyboard can scroll a long event (axe: scrollable-region-focusable). */}
          <pre tabIndex={0} aria-label={`Raw ${e.raw.startsWith('<') ? 'event' : 'line'} from ${e.source}`}>
            {e.raw}
          </pre>
        </details>
      )}
    </li>
  );
}
