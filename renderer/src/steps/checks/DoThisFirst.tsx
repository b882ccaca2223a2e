// The overview's first card: the Diagnosis' actions, most urgent first, each as one sentence (as on the sheet).
import type { CheckResult, Diagnosis } from '../../../../main/model/analysis';
import { StatusBadge } from '../../../../main/sheet/StatusBadge';

export function DoThisFirst({ diagnosis, checks, onOpen }: { diagnosis: Diagnosis; checks: CheckResult[]; onOpen: (index: number) => void }) {
  if (diagnosis.actions.length === 0) return null;
  return (
    <section className="card do-first" aria-labelledby="do-first-title">
      <h2 id="do-first-title" className="card-title">
        Do this first
      </h2>
      <ol className="do-first-list">
        {diagnosis.actions.map((a) => {
          const index = checks.findIndex((c) => c.id === a.check);
          return (
            <li key={a.check} className={`do-first-item do-first-${a.status} do-first-${a.kind}`}>
              <StatusBadge status={a.status} size="sm" />
              <p>{a.sentence}</p>
              {index >= 0 && (
                <button type="button" className="link-button" onClick={() => onOpen(index)}>
                  Open {a.title}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
