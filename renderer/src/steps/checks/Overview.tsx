// The checks step's first page: what to do first, the seven verdicts, the device, the timeline, the codes.
import type { AnalysisResult, CheckResult } from '../../../../main/model/analysis';
import { IconWarning } from '../../components/icons';
import { Timeline } from '../../components/Timeline';
import { sourceLabel } from '../../../../main/sheet/evidence-view';
import { STATUS_LABEL } from '../../../../main/sheet/status';
import { formatDevicePeriod, zoneNote } from '../../../../main/sheet/time';
import { CodesTable } from './CodesTable';
import { DoThisFirst } from './DoThisFirst';

export function Overview({ result, title, onOpen }: { result: AnalysisResult; title: string; onOpen: (index: number) => void }) {
  const count = (s: CheckResult['status']) => result.checks.filter((c) => c.status === s).length;
  const d = result.device;
  return (
    <div className="overview">
      <header className="overview-head">
        <h1 id="overview-title" tabIndex={-1} className="step-heading">
          Checks for {title}
        </h1>
        <p className="muted small">{zoneNote(d)}</p>
      </header>
      {/* The Diagnosis' headline, as the sheet prints it: never "no problem" while a check is undecided. */}
      <div className={`banner diagnosis-${result.diagnosis.state} ${result.diagnosis.state === 'all-clear' ? 'banner-ok' : 'banner-warn'}`} role="note">
        {result.diagnosis.state !== 'all-clear' && <IconWarning className="banner-icon" />}
        <div className="banner-body">
          <p className="diagnosis-headline">{result.diagnosis.headline}</p>
          {result.diagnosis.undecided.length > 0 && result.diagnosis.state !== 'not-analysable' && (
            <ul className="undecided-list">
              {result.diagnosis.undecided.map((u) => (
                <li key={u.check}>
                  <strong>{u.title}</strong>: {u.settle}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <DoThisFirst diagnosis={result.diagnosis} checks={result.checks} onOpen={onOpen} />
      <ul className="verdict-grid" aria-label="Verdicts">
        {(['fail', 'warn', 'pass', 'unknown'] as const).map((s) => (
          <li key={s} className={`verdict-tile tile-${s}`}>
            <span className="verdict-count">{count(s)}</span>
            <span>{STATUS_LABEL[s]}</span>
          </li>
        ))}
      </ul>
      <div className="card device-card">
        <h2>{d.displayName ?? d.computer ?? 'Device'}</h2>
        <dl className="facts">
          <dt>Resource account</dt>
          <dd>{d.account ?? '—'}</dd>
          <dt>Computer</dt>
          <dd>{d.computer ?? '—'}</dd>
          <dt>Teams Rooms app</dt>
          <dd>
            {d.appVersion ?? 'unknown'} <span className="tag">{d.generation}</span>
          </dd>
          <dt>OS</dt>
          <dd>{d.os ?? '—'}</dd>
          <dt>IPv4</dt>
          <dd>{d.ipv4 ?? '—'}</dd>
          <dt>Evidence period</dt>
          <dd>{formatDevicePeriod(result.period.from, result.period.to, d)}</dd>
        </dl>
        <p className="muted small">{d.generationNote}</p>
      </div>
      <div className="card">
        <h2 className="card-title" id="timeline-title">
          Timeline
        </h2>
        <Timeline result={result} />
      </div>
      <CodesTable result={result} />
      {result.warnings.length > 0 && (
        <div className="card warnings-card">
          <h2 className="card-title">
            <IconWarning size={18} /> Notes on the evidence
          </h2>
          <ul>
            {result.warnings.map((w) => (
              <li key={`${w.source}|${w.message}`}>
                <code>{sourceLabel(w.source)}</code>: {w.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
