// The overview's first card: the failing and warning checks, most urgent first, each as one sentence.
import type { CheckResult, DeviceInfo } from '../../../../main/model/analysis';
import { firstSentence, rankFindings } from '../../../../main/sheet/priority';
import { StatusBadge } from '../../../../main/sheet/StatusBadge';

export function DoThisFirst({ checks, device, onOpen }: { checks: CheckResult[]; device: DeviceInfo; onOpen: (index: number) => void }) {
  const ranked = rankFindings(checks);
  if (ranked.length === 0) return null;
  return (
    <section className="card do-first" aria-labelledby="do-first-title">
      <h2 id="do-first-title" className="card-title">
        Do this first
      </h2>
      <ol className="do-first-list">
        {ranked.map((c) => (
          <li key={c.id} className={`do-first-item do-first-${c.status}`}>
            <StatusBadge status={c.status} size="sm" />
            <p>{firstSentence(c, device)}</p>
            <button type="button" className="link-button" onClick={() => onOpen(checks.indexOf(c))}>
              Open {c.title}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
