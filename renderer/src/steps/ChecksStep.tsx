// Step 3: the seven checks, one at a time, with an overview of all seven.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { AnalysisResult, CheckResult } from '../../../main/model/analysis';
import { call } from '../api';
import { IconArrowLeft, IconArrowRight, IconWarning } from '../components/icons';
import { Timeline } from '../components/Timeline';
import { StatusBadge } from '../../../main/sheet/StatusBadge';
import { formatTime, STATUS_LABEL } from '../../../main/sheet/status';
import { useWizard } from '../store';
import { LiveNetworkTest } from '../components/LiveNetworkTest';

function openLink(url: string) {
  void call('link:open', { url });
}

function Overview({ result }: { result: AnalysisResult }) {
  const count = (s: CheckResult['status']) => result.checks.filter((c) => c.status === s).length;
  const d = result.device;
  return (
    <div className="overview">
      <div className="verdict-grid">
        {(['fail', 'warn', 'pass', 'unknown'] as const).map((s) => (
          <div key={s} className={`verdict-tile tile-${s}`}>
            <span className="verdict-count">{count(s)}</span>
            <span>{STATUS_LABEL[s]}</span>
          </div>
        ))}
      </div>
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
          <dd>
            {formatTime(result.period.from)} – {formatTime(result.period.to)}
          </dd>
        </dl>
        <p className="muted small">{d.generationNote}</p>
      </div>
      <div className="card">
        <h2 className="card-title">Timeline</h2>
        <Timeline result={result} />
      </div>
      {result.codes.length > 0 && (
        <div className="card">
          <h2 className="card-title">Codes seen</h2>
          <table className="codes-table">
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Meaning</th>
                <th scope="col">Check</th>
                <th scope="col" className="num">
                  Seen
                </th>
                <th scope="col">Last</th>
              </tr>
            </thead>
            <tbody>
              {result.codes.map((c) => (
                <tr key={c.code}>
                  <td>
                    <strong>{c.code}</strong>
                    <div className="muted small">{c.name}</div>
                  </td>
                  <td>{c.meaning}</td>
                  <td>{c.check ? result.checks.find((x) => x.id === c.check)?.title : <span className="muted">no check</span>}</td>
                  <td className="num">{c.count}</td>
                  <td className="nowrap">{formatTime(c.lastSeen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.warnings.length > 0 && (
        <div className="card warnings-card">
          <h2 className="card-title">
            <IconWarning size={18} /> Notes on the evidence
          </h2>
          <ul>
            {result.warnings.map((w) => (
              <li key={`${w.source}|${w.message}`}>
                <code>{w.source}</code>: {w.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function CheckDetail({ check, index }: { check: CheckResult; index: number }) {
  return (
    <article className="check-detail" aria-labelledby={`check-${check.id}`}>
      <header className="check-head">
        <span className="check-num">{index + 1}</span>
        <div>
          <h1 id={`check-${check.id}`}>{check.title}</h1>
        </div>
        <StatusBadge status={check.status} size="lg" />
      </header>
      <p className="check-summary">{check.summary}</p>
      {(check.firstSeen || check.recoveredAt || check.missingSource) && (
        <dl className="check-when">
          {check.firstSeen && (
            <>
              <dt>First seen</dt>
              <dd>{formatTime(check.firstSeen)}</dd>
              <dt>Last seen</dt>
              <dd>{formatTime(check.lastSeen)}</dd>
            </>
          )}
          {check.occurrences !== undefined && (
            <>
              <dt>Occurrences</dt>
              <dd>{check.occurrences.toLocaleString()}</dd>
            </>
          )}
          {check.recoveredAt && (
            <>
              <dt>Healthy again</dt>
              <dd>{formatTime(check.recoveredAt)}</dd>
            </>
          )}
          {check.missingSource && (
            <>
              <dt>Would be settled by</dt>
              <dd>{check.missingSource}</dd>
            </>
          )}
        </dl>
      )}
      {check.remedy.length > 0 && (
        <section className="card remedy">
          <h2>How to fix it</h2>
          <ol>
            {check.remedy.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ol>
        </section>
      )}
      <section className="card evidence">
        <h2>Evidence {check.evidence.length > 0 && <span className="muted">({check.evidence.length})</span>}</h2>
        {check.evidence.length === 0 ? (
          <p className="muted">No evidence items for this verdict.</p>
        ) : (
          <ul className="evidence-list">
            {check.evidence.map((e) => (
              <li key={`${e.source}|${e.locator}`} className="evidence-item">
                <div className="evidence-head">
                  <code className="evidence-source">{e.source}</code>
                  <span className="muted">
                    {e.locator}
                    {e.time ? ` · ${formatTime(e.time)}` : ''}
                  </span>
                </div>
                <blockquote className="evidence-excerpt">{e.excerpt}</blockquote>
                {e.raw && (
                  <details className="evidence-raw">
                    <summary>Show the raw {e.raw.startsWith('<') ? 'event' : 'line'}</summary>
                    <pre>{e.raw}</pre>
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {check.id === 'network' && <LiveNetworkTest />}
      {check.links.length > 0 && (
        <section className="links">
          <h2>Microsoft documentation</h2>
          <ul>
            {check.links.map((l) => (
              <li key={l.url}>
                <button type="button" className="link-button" onClick={() => openLink(l.url)}>
                  {l.title} ↗
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

export function ChecksStep() {
  const { analysis, checkIndex, showCheck, goTo } = useWizard();
  const listRef = useRef<HTMLOListElement>(null);
  const detailRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    detailRef.current?.scrollTo?.({ top: 0 });
  }, [checkIndex]);
  if (!analysis) return null;
  const checks = analysis.checks;

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const next = Math.max(-1, Math.min(checks.length - 1, checkIndex + (e.key === 'ArrowDown' ? 1 : -1)));
    showCheck(next);
    const buttons = listRef.current?.querySelectorAll('button');
    (buttons?.[next + 1] as HTMLButtonElement | undefined)?.focus();
  };
  const current = checkIndex >= 0 ? checks[checkIndex] : undefined;

  return (
    <section className="checks-step" aria-label="Checks">
      <nav className="check-nav" aria-label="The seven checks">
        <ol ref={listRef} onKeyDown={onKeyDown}>
          <li>
            <button type="button" className={`check-link${checkIndex === -1 ? ' active' : ''}`} aria-current={checkIndex === -1 ? 'page' : undefined} onClick={() => showCheck(-1)}>
              <span className="check-link-num">★</span>
              <span className="check-link-title">Overview</span>
            </button>
          </li>
          {checks.map((c, i) => (
            <li key={c.id}>
              <button
                type="button"
                className={`check-link status-${c.status}${checkIndex === i ? ' active' : ''}`}
                aria-current={checkIndex === i ? 'page' : undefined}
                onClick={() => showCheck(i)}
              >
                <span className="check-link-num">{i + 1}</span>
                <span className="check-link-title">{c.title}</span>
                <StatusBadge status={c.status} size="md" compact />
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <div className="check-pane" ref={detailRef}>
        {current ? <CheckDetail check={current} index={checkIndex} /> : <Overview result={analysis} />}
        <footer className="step-footer">
          <button type="button" className="button" onClick={() => (checkIndex <= -1 ? goTo('inventory') : showCheck(checkIndex - 1))}>
            <IconArrowLeft size={18} /> {checkIndex <= -1 ? 'Inventory' : checkIndex === 0 ? 'Overview' : checks[checkIndex - 1]?.title}
          </button>
          {checkIndex < checks.length - 1 ? (
            <button type="button" className="button button-primary" onClick={() => showCheck(checkIndex + 1)}>
              {checkIndex === -1 ? `Start with ${checks[0]?.title}` : `Next: ${checks[checkIndex + 1]?.title}`} <IconArrowRight size={18} />
            </button>
          ) : (
            <button type="button" className="button button-primary" onClick={() => goTo('findings')}>
              Findings sheet <IconArrowRight size={18} />
            </button>
          )}
        </footer>
      </div>
    </section>
  );
}
