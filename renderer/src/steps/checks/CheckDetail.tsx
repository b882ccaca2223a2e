// One check: verdict and why, what to do, when, the evidence (or what was checked), the documentation.
import type { CheckBanner, CheckResult, DeviceInfo } from '../../../../main/model/analysis';
import { call } from '../../call-main';
import { StatusBadge } from '../../../../main/sheet/StatusBadge';
import { formatCount, formatDeviceTime } from '../../../../main/sheet/time';
import { LiveNetworkTest } from '../../components/LiveNetworkTest';
import { CheckedSources } from './CheckedSources';
import { EvidenceItem } from './EvidenceItem';

function openLink(url: string) {
  void call('link:open', { url });
}

/** `withEntra`: Graph was read, so "confirmed in Entra" counts mean something (bundle alone: they are all 0). */
export function CheckDetail({ check, banner, index, device, withEntra }: { check: CheckResult; banner: CheckBanner; index: number; device: DeviceInfo; withEntra: boolean }) {
  const showReason = check.reason?.text && check.reason.text !== check.summary;
  return (
    <article className="check-detail" aria-labelledby={`check-${check.id}`}>
      <header className="check-head">
        <span className="check-num" aria-hidden="true">
          {index + 1}
        </span>
        <h1 id={`check-${check.id}`} tabIndex={-1} className="step-heading">
          {check.title}
        </h1>
        <StatusBadge status={check.status} size="lg" />
      </header>
      {/* The Diagnosis' banner: a resolved problem reads as resolved, never as today's. */}
      {(banner.state === 'current' || banner.state === 'resolved' || banner.state === 'risk') && <p className={`check-action action-${check.status} banner-${banner.state}`}>{banner.text}</p>}
      <p className="check-summary">{check.summary}</p>
      {showReason && <p className="check-reason muted">{check.reason.text}</p>}
      {check.portalSignal && (
        <p className="portal-signal">
          Explains the <em>{check.portalSignal}</em> signal in the Teams Rooms Pro portal.
        </p>
      )}
      {/* Each label with its value in one box, so they wrap together and never run into the next pair. */}
      <dl className="check-when">
        {check.firstSeen && (
          <>
            <div>
              <dt>First seen</dt>
              <dd>{formatDeviceTime(check.firstSeen, device)}</dd>
            </div>
            <div>
              <dt>Last seen</dt>
              <dd>{formatDeviceTime(check.lastSeen, device)}</dd>
            </div>
          </>
        )}
        {check.occurrences !== undefined && (
          <div>
            <dt>Occurrences</dt>
            <dd>{formatCount(check.occurrences)}</dd>
          </div>
        )}
        {check.attemptCounts && withEntra && (
          <div>
            <dt>Sign-in attempts</dt>
            <dd>
              {formatCount(check.attemptCounts.confirmedInEntra)} of {formatCount(check.attemptCounts.total)} confirmed in Entra
            </dd>
          </div>
        )}
        {check.recoveredAt && (
          <div>
            <dt>Healthy again</dt>
            <dd>{formatDeviceTime(check.recoveredAt, device)}</dd>
          </div>
        )}
        {check.lastHealthy && !check.recoveredAt && (
          <div>
            <dt>Last healthy</dt>
            <dd>{formatDeviceTime(check.lastHealthy, device)}</dd>
          </div>
        )}
        {check.missingSource && (
          <div className="check-when-wide">
            <dt>Would be settled by</dt>
            <dd>{check.missingSource}</dd>
          </div>
        )}
      </dl>
      {check.remedy.length > 0 && (
        <section className="card remedy" aria-labelledby={`fix-${check.id}`}>
          <h2 id={`fix-${check.id}`}>How to fix it</h2>
          <ol>
            {[...new Set(check.remedy)].map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ol>
        </section>
      )}
      <section className="card evidence" aria-labelledby={`evidence-${check.id}`}>
        <h2 id={`evidence-${check.id}`}>
          Evidence {check.evidence.length > 0 && <span className="muted">({formatCount(check.evidence.length)})</span>}
        </h2>
        {check.evidence.length > 0 && (
          <ul className="evidence-list">
            {check.evidence.map((e) => (
              <EvidenceItem key={`${e.source}|${e.locator}`} evidence={e} zone={device} />
            ))}
          </ul>
        )}
        {check.checked?.length ? (
          <>
            <h3 className="checked-title">What was checked</h3>
            <CheckedSources checked={check.checked} zone={device} />
          </>
        ) : (
          check.evidence.length === 0 && <p className="muted">{check.reason?.text ?? check.summary}</p>
        )}
      </section>
      {check.id === 'network' && <LiveNetworkTest />}
      {check.links.length > 0 && (
        <section className="links" aria-labelledby={`links-${check.id}`}>
          <h2 id={`links-${check.id}`}>Microsoft documentation</h2>
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
