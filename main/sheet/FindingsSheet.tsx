// The findings sheet a technician leaves with the customer: one to two printed pages.
// Pure component (no window, no API): the app renders it in the Findings step and prints it with
// Chromium's print pipeline; the CLI renders the same component to HTML/PDF.
// Order: what to do first (plain sentences for the customer), then the seven verdicts, then per finding the
// fix and the evidence with its identifiers in full (for the technician).
import type { AnalysisResult, CheckResult, DeviceInfo } from '../model/analysis';
import { codesIn, evidenceFields, excerptAround, sourceLabel } from './evidence-view';
import { StatusBadge } from './StatusBadge';
import { formatCount, formatDevicePeriod, formatDeviceTime, zoneNote } from './time';
import { printable, printableDeep } from '../model/printable';

export interface FindingsSheetProps {
  result: AnalysisResult;
  /** Analyst notes typed in the app; blank lines to write on when printed from the CLI. */
  notes?: string;
  /** In the app the notes are a live text area; elsewhere they print as text. */
  renderNotes?: (notes: string) => React.ReactNode;
  /** The full report: every evidence item, uncut, and every warning. */
  full?: boolean;
}

/** On the one-to-two page sheet: two evidence items per finding, excerpts cut around the code. */
const MAX_EVIDENCE = 2;
const MAX_EXCERPT = 130;
const MAX_WARNINGS = 6;

/** Times in table cells break between entries, never inside "2026-11-18 07:01 UTC". */
const TIME = /(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})( UTC)?/g;
function keepTimesWhole(text: string): string {
  return text.replace(TIME, (_m, d: string, t: string, u: string | undefined) => `${d}\u00a0${t}${u ? '\u00a0UTC' : ''}`);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The result as the sheet shows it: names, excerpts, event data, warnings (the author's text, from a bundle
 * or a tenant) with their controls and bidi characters in printable()'s visible form. Done here, once per
 * result, for the app, the HTML and the PDF alike; printable() leaves its own escapes as they are, so text
 * the engine already escaped (entry names) is not escaped twice.
 */
const shownResults = new WeakMap<AnalysisResult, AnalysisResult>();
function shown(result: AnalysisResult): AnalysisResult {
  let s = shownResults.get(result);
  if (!s) {
    s = printableDeep(result);
    shownResults.set(result, s);
  }
  return s;
}

/** What the sheet is about: the room, else its account, else the tenant's domain (never its GUID). */
export function sheetTitle(given: AnalysisResult): string {
  const result = shown(given);
  const d = result.device;
  if (d.displayName) return d.displayName;
  if (d.account) return d.account;
  return inputName(result);
}

/** The input as the customer knows it: the bundle's file name, the tenant's domain. */
function inputName(result: AnalysisResult): string {
  const { kind, name } = result.input;
  const domain = result.device.account?.split('@')[1];
  if (kind === 'bundle') return name;
  const parts = name.split(/\s*\+\s*/).map((p) => (GUID.test(p.trim()) && domain ? domain : p.trim()));
  if (kind === 'tenant') return `Microsoft Graph, ${parts.join(' + ')}`;
  return parts.join(' + ');
}

function Detail({ check, index, device, full, withEntra }: { check: CheckResult; index: number; device: DeviceInfo; full: boolean; withEntra: boolean }) {
  // Cut excerpts around the codes the verdict names (AADSTS53003, 0xCAA82EE2), else its quoted words (licenseError).
  const verdictText = `${check.summary} ${check.reason?.text ?? ''}`;
  const codes = [...codesIn(verdictText), ...(verdictText.match(/[A-Za-z_]{6,}(?=["”])/g) ?? [])];
  // Items with identifiers (a Correlation ID to search Entra for) first: they are what the technician acts on.
  const ordered = full ? check.evidence : [...check.evidence].sort((a, b) => Number(evidenceFields(b).length > 0) - Number(evidenceFields(a).length > 0));
  const shown = full ? ordered : ordered.slice(0, MAX_EVIDENCE);
  const remedy = [...new Set(check.remedy)];
  return (
    <section className="sheet-check" data-check={check.id}>
      <h3>
        <span className="sheet-num">{index + 1}</span> {check.title} <StatusBadge status={check.status} size="sm" />
      </h3>
      {/* With an action sentence above, the summary (codes, counts) is new here; without one it is already there. */}
      {check.action && <p className="sheet-summary">{check.summary}</p>}
      {(check.firstSeen || check.recoveredAt || (check.attemptCounts && withEntra) || check.portalSignal) && (
        <p className="sheet-when">
          {check.firstSeen && (
            <>
              First seen {formatDeviceTime(check.firstSeen, device)}, last seen {formatDeviceTime(check.lastSeen, device)}
              {check.occurrences ? ` · ${formatCount(check.occurrences)} occurrences` : ''}
            </>
          )}
          {check.recoveredAt && <> · healthy again {formatDeviceTime(check.recoveredAt, device)}</>}
          {check.attemptCounts && withEntra && (
            <>
              {' '}
              · {formatCount(check.attemptCounts.confirmedInEntra)} of {formatCount(check.attemptCounts.total)} attempts confirmed in Entra
            </>
          )}
          {check.portalSignal && (
            <>
              {' '}
              · explains the <em>{check.portalSignal}</em> signal
            </>
          )}
        </p>
      )}
      {remedy.length > 0 && (
        <>
          <h4>Fix</h4>
          <ol className="sheet-remedy">
            {remedy.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </>
      )}
      {shown.length > 0 && (
        <>
          <h4>Evidence</h4>
          <ul className="sheet-evidence">
            {shown.map((e) => {
              const excerpt = full ? e.excerpt : excerptAround(e.excerpt, codes, MAX_EXCERPT);
              // Identifiers the excerpt already shows whole are not repeated (the sheet's lines are few).
              const fields = evidenceFields(e).filter((f) => full || !excerpt.includes(f.value));
              return (
                <li key={`${e.source}|${e.locator}`}>
                  <span className="sheet-ref">
                    {/* The sheet names the file; the full report keeps its path inside the bundle. */}
                    {full ? sourceLabel(e.source) : sourceLabel(e.source).split('/').pop()} · {e.locator}
                    {e.time ? ` · ${formatDeviceTime(e.time, device)}` : ''}
                  </span>
                  <span className="sheet-excerpt">{excerpt}</span>
                  {fields.length > 0 && (
                    <span className="sheet-fields">
                      {fields.map((f) => (
                        <span key={`${f.label}|${f.value}`} className="sheet-field">
                          {f.label}: <span className={f.copy ? 'sheet-id' : undefined}>{f.value}</span>
                        </span>
                      ))}
                    </span>
                  )}
                </li>
              );
            })}
            {!full && check.evidence.length > MAX_EVIDENCE && (
              <li className="sheet-more">+ {formatCount(check.evidence.length - MAX_EVIDENCE)} more in the full report</li>
            )}
          </ul>
        </>
      )}
    </section>
  );
}

export function FindingsSheet({ result: given, notes = '', renderNotes, full = false }: FindingsSheetProps) {
  const result = shown(given);
  const { device, checks, period } = result;
  const { diagnosis } = result;
  // The findings in the Diagnosis' order; each check once (its action names it).
  const ranked = diagnosis.actions.map((a) => checks.find((c) => c.id === a.check)).filter((c): c is CheckResult => !!c);
  const unclaimed = result.codes.filter((c) => c.check === null);
  const warnings = full ? result.warnings : result.warnings.slice(0, MAX_WARNINGS);
  const live = result.liveTest;

  return (
    <article className={`sheet${full ? ' sheet-full' : ''}`} aria-label="Findings sheet">
      <header className="sheet-header">
        <div>
          <p className="sheet-kicker">MTR Doctor · Teams Rooms sign-in {full ? 'full report' : 'findings'}</p>
          <h2 className="sheet-title">{sheetTitle(result)}</h2>
          <p className={`sheet-verdict verdict-${diagnosis.state}`}>{diagnosis.headline}</p>
        </div>
        <dl className="sheet-facts">
          <dt>Account</dt>
          <dd>{device.account ?? '—'}</dd>
          <dt>Device</dt>
          <dd>{[device.computer, device.appVersion && `app ${device.appVersion} (${device.generation})`].filter(Boolean).join(' · ') || '—'}</dd>
          <dt>Evidence</dt>
          <dd>{inputName(result)}</dd>
          <dt>Period</dt>
          <dd>{formatDevicePeriod(period.from, period.to, device)}</dd>
        </dl>
      </header>

      {diagnosis.actions.length > 0 && (
        <section className="sheet-first">
          <h3>Do this first</h3>
          <ol>
            {diagnosis.actions.map((a) => (
              <li key={a.check} className={`action-${a.kind}`}>
                <StatusBadge status={a.status} size="sm" /> {a.sentence}
              </li>
            ))}
          </ol>
        </section>
      )}
      {diagnosis.undecided.length > 0 && diagnosis.state !== 'not-analysable' && (
        <section className="sheet-undecided">
          <h3>Not decided</h3>
          <ul>
            {diagnosis.undecided.map((u) => (
              <li key={u.check}>
                <strong>{u.title}</strong>: {u.settle}
              </li>
            ))}
          </ul>
        </section>
      )}

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
              <td>
                {ranked.includes(c) ? 'See below.' : <span className="sheet-reason">{keepTimesWhole(c.summary)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sheet-zone">{zoneNote(device)}</p>
      {live && (
        <section className="sheet-live" aria-label="Live network test">
          <h3>
            Tested from this laptop on {formatDeviceTime(live.time, null)}
          </h3>
          <p>
            {live.machine}
            {live.interfaces.length > 0 && <> ({live.interfaces.join(', ')})</>}, proxy: {live.proxy}. <StatusBadge status={live.verdict} size="sm" /> {live.summary}
          </p>
          <p>{live.comparison}</p>
        </section>
      )}

      {ranked.map((c) => (
        <Detail key={c.id} check={c} index={checks.indexOf(c)} device={device} full={full} withEntra={result.input.kind !== 'bundle'} />
      ))}

      {unclaimed.length > 0 && (
        <section className="sheet-codes">
          <h3>Other codes seen</h3>
          <ul>
            {unclaimed.map((c) => (
              <li key={c.code}>
                <strong>{c.code}</strong> {c.name !== 'Unknown code' && `(${c.name})`} — {c.meaning} Seen {formatCount(c.count)} {c.count === 1 ? 'time' : 'times'}, last{' '}
                {formatDeviceTime(c.lastSeen, device)}.
              </li>
            ))}
          </ul>
        </section>
      )}

      {warnings.length > 0 && (
        <section className="sheet-warnings">
          <h3>Notes on the evidence</h3>
          <ul>
            {warnings.map((w) => (
              <li key={`${w.source}|${w.message}`}>
                <span className="sheet-ref">{sourceLabel(w.source)}</span>: {w.message}
                {full && w.detail && <span className="muted"> ({w.detail})</span>}
              </li>
            ))}
            {result.warnings.length > warnings.length && <li>+ {formatCount(result.warnings.length - warnings.length)} more in the full report</li>}
          </ul>
        </section>
      )}

      {/* Notes and footer travel with the last finding: never a page holding only them. */}
      <div className="sheet-end">
        <section className="sheet-notes">
          <h3>Analyst notes</h3>
          {renderNotes ? renderNotes(notes) : notes ? <p className="sheet-notes-text">{notes.split('\n').map(printable).join('\n')}</p> : <div className="sheet-lines" aria-hidden="true" />}
        </section>

        <footer className="sheet-footer">
          <span>
            Generated {formatDeviceTime(result.generatedAt, null)} by {result.tool.name} {result.tool.version}
          </span>
          <span>{device.generationNote}</span>
        </footer>
      </div>
    </article>
  );
}
