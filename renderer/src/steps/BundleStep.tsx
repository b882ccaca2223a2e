// Step 1: bring in a bundle — drop it (anywhere in the window: App handles the drop), open it, or try a sample.
import { IconCloud, IconFolder, IconLock, IconSparkle, IconUpload, IconZip } from '../components/icons';
import { JobProgress } from '../components/ProgressPanel';
import { useWizard } from '../store';
import { useWizardPick } from '../store/selectors';

export function BundleStep() {
  const { samples, openSample, choose, openTenant } = useWizardPick('samples', 'openSample', 'choose', 'openTenant');
  // Only a bundle being opened shows here; sign-in progress shows in the tenant panel.
  const job = useWizard((s) => s.job?.kind === 'bundle');

  return (
    <section className="bundle-step" aria-labelledby="bundle-title">
      <div className="intro">
        <h1 id="bundle-title" className="step-heading" tabIndex={-1}>
          Why can't this room sign in?
        </h1>
        <p className="lead">
          Bring in the device's log bundle. MTR Doctor walks Microsoft's seven sign-in checks — MFA, Conditional Access,
          expired password, credentials, network, room mailbox and Teams license — and shows the evidence and the fix for each.
        </p>
      </div>

      <div className={`dropzone${job ? ' busy' : ''}`} data-testid="dropzone">
        {job ? (
          <JobProgress kind="bundle" />
        ) : (
          <>
            <div className="dropzone-icon">
              <IconUpload size={32} />
            </div>
            <p className="dropzone-title">Drop a Teams Rooms log bundle (.zip) or folder</p>
            <p className="muted">
              The zip from Teams admin center or the Pro Management portal: <em>Devices › the room › Download device logs</em>.
            </p>
            <p className="muted">Several zips, or a folder of zips, open as a fleet: one row per room.</p>
            <div className="button-row">
              <button type="button" className="button button-primary" onClick={() => void choose('zip')}>
                <IconZip size={18} /> Open zip…
              </button>
              <button type="button" className="button" onClick={() => void choose('folder')}>
                <IconFolder size={18} /> Open folder…
              </button>
            </div>
          </>
        )}
      </div>

      {!job && (
        <div className="alt-path">
          <div>
            <strong>No bundle? Check the tenant instead.</strong>
            <p className="muted">Sign in as an admin to read the room account's Entra sign-in logs, licenses, mailbox and policies.</p>
          </div>
          <button type="button" className="button" onClick={() => openTenant(true)}>
            <IconCloud size={18} /> Sign in to tenant…
          </button>
        </div>
      )}

      {samples.length > 0 && !job && (
        <div className="samples">
          <h2>
            <IconSparkle size={18} /> No bundle at hand? Try a sample bundle
          </h2>
          <ul className="sample-list">
            {samples.map((s) => (
              <li key={s.id}>
                <button type="button" className="sample" onClick={() => void openSample(s.id, s.title)}>
                  <strong>{s.title}</strong>
                  <span className="muted">{s.description}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      <p className="privacy muted">
        <IconLock size={14} /> Everything stays on this laptop. Bundles are read in place; nothing is uploaded.
      </p>
    </section>
  );
}
