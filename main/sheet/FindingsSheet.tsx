// The findings sheet a technician leaves with the customer: one to two printed pages.
// Pure component (no window, no API): the app renders it in the Findings step and prints it with
// Chromium's print pipeline; the CLI renders the same component to HTML/PDF.
import type { AnalysisResult, CheckResult } from '../model/analysis';
import { StatusBadge } from './StatusBadge';
import { formatTime } from './status';

export interface FindingsSheetProps {
  result: AnalysisResult;
  /** Analyst notes typed in the app; blank lines to write on when printed from the CLI. */
  notes?: string;
  /** In the app the notes are a live text area; elsewhere they print as text. */
  renderNotes?: (notes: string) => React.ReactNode;
}

const MAX_EVIDENCE = 2;
const MAX_EXCERPT = 200;

const clip = (s: string) => (s.length > MAX_EXCERPT ? `${s.slice(0, MAX_EXCERPT - 1)}…` : s);

function Detail({ check, index }: { check: CheckResult; index: number }) {
  return (
    <section className="sheet-check" data-check={check.id}>
      <h3>
        <span className="sheet-num">{index + 1}</span> {check.title} <StatusBadge status={check.status} size="sm" />
      </h3>
      {/* The one-line summary is already in the overview table above; details start with the facts. */}
      {(check.firstSeen || check.recoveredAt) && (
        <p className="sheet-when">
          {check.firstSeen && (
            <>
              First seen {formatTime(check.firstSeen)}, last seen {formatTime(check.lastSeen)}
              {check.occurrences ? ` · ${check.occurrences.toLocaleString('en-US')} occurrences` : ''}
            </>
          )}
          {check.recoveredAt && <> · healthy again {formatTime(check.recoveredAt)}</>}
        </p>
      )}
      {check.remedy.length > 0 && (
        <>
          <h4>Fix</h4>
          <ol className="sheet-remedy">
            {check.remedy.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </>
      )}
      {check.evidence.length > 0 && (
        <>
          <h4>Evidence</h4>
          <ul className="sheet-evidence">
            {check.evidence.slice(0, MAX_EVIDENCE).map((e) => (
              <li key={`${e.source}|${e.locator}`}>
                <span className="sheet-ref">
                  {e.source} · {e.locator}
                  {e.time ? ` · ${formatTime(e.time)}` : ''}
                </span>
                <span className="sheet-excerpt">{clip(e.excerpt)}</span>
              </li>
            ))}
            {check.evidence.length > MAX_EVIDENCE && <li className="sheet-more">+ {check.evidence.length - MAX_EVIDENCE} more in the full report</li>}
          </ul>
        </>
      )}
    </section>
  );
}

export function FindingsSheet({ result, notes = '', renderNotes }: FindingsSheetProps) {
  const { device, checks, period } = result;
  const problems = checks.filter((c) => c.status === 'fail' || c.status === 'warn');
  const failing = checks.filter((c) => c.status === 'fail').length;
  const unclaimed = result.codes.filter((c) => c.check === null);
  const verdict =
    failing > 0
      ? `${failing} of 7 checks fail: the room cannot sign in until ${failing === 1 ? 'it is' : 'they are'} fixed.`
      : problems.length > 0
        ? 'No check fails now; see the warnings below.'
        : checks.every((c) => c.status === 'unknown')
          ? 'No evidence for any check.'
          : 'No sign-in problem found in the evidence.';

  // The network check's live test (main/checks/network-live.ts puts its overall evidence first).
  const live = checks.find((c) => c.id === 'network')?.evidence.find((e) => e.source.startsWith('live:'));
  return (
    <article className="sheet" aria-label="Findings sheet">
      <header className="sheet-header">
        <div>
          <p className="sheet-kicker">MTR Doctor · Teams Rooms sign-in findings</p>
          <h2 className="sheet-title">{device.displayName ?? device.account ?? result.input.name}</h2>
          <p className="sheet-verdict">{verdict}</p>
        </div>
        <dl className="sheet-facts">
          <dt>Account</dt>
          <dd>{device.account ?? '—'}</dd>
          <dt>Device</dt>
          <dd>{[device.computer, device.appVersion && `app ${device.appVersion} (${device.generation})`].filter(Boolean).join(' · ') || '—'}</dd>
          <dt>Evidence</dt>
          <dd>{result.input.name}</dd>
          <dt>Period</dt>
          <dd>
            {formatTime(period.from)} – {formatTime(period.to)}
          </dd>
        </dl>
      </header>

      <table className="sheet-overview">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Check</th>
            <th scope="col">Verdict</th>
            <th scope="col">Finding</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c, i) => (
            <tr key={c.id} className={`row-${c.status}`}>
              <td>{i + 1}</td>
              <td className="sheet-check-name">{c.title}</td>
              <td>
                <StatusBadge status={c.status} size="sm" />
              </td>
              <td>{c.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {live && (
        <p className="sheet-live">
          <strong>Live network test</strong> ({formatTime(live.time)}): {live.excerpt}
        </p>
      )}

      {problems.map((c) => (
        <Detail key={c.id} check={c} index={checks.indexOf(c)} />
      ))}

      {unclaimed.length > 0 && (
        <section className="sheet-codes">
          <h3>Other codes seen</h3>
          <ul>
            {unclaimed.map((c) => (
              <li key={c.code}>
                <strong>{c.code}</strong> {c.name !== 'Unknown code' && `(${c.name})`} — {c.meaning} Seen {c.count} times, last {formatTime(c.lastSeen)}.
              </li>
            ))}
          </ul>
        </section>
      )}

      {result.warnings.length > 0 && (
        <section className="sheet-warnings">
          <h3>Notes on the evidence</h3>
          <ul>
            {result.warnings.slice(0, 6).map((w) => (
              <li key={`${w.source}|${w.message}`}>
                <span className="sheet-ref">{w.source}</span>: {w.message}
              </li>
            ))}
            {result.warnings.length > 6 && <li>+ {result.warnings.length - 6} more</li>}
          </ul>
        </section>
      )}

      <section className="sheet-notes">
        <h3>Analyst notes</h3>
        {renderNotes ? renderNotes(notes) : notes ? <p className="sheet-notes-text">{notes}</p> : <div className="sheet-lines" aria-hidden="true" />}
      </section>

      <footer className="sheet-footer">
        <span>
          Generated {formatTime(result.generatedAt)} by {result.tool.name} {result.tool.version}
        </span>
        <span>{device.generationNote}</span>
      </footer>
    </article>
  );
}
