// The second way in: sign in to the tenant and read Microsoft Graph for the room's resource account,
// alone or merged with the open bundle.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CloudId } from '../../../main/ipc/contract';
import { useWizard } from '../store';
import { IconClose, IconLock } from './icons';
import { ProblemBanner } from './ProblemBanner';
import { ProgressPanel } from './ProgressPanel';

type Cloud = CloudId;

function SettingsForm({ onSaved }: { onSaved: () => void }) {
  const { tenant, saveTenantSettings } = useWizard();
  const s = tenant?.settings;
  const [clientId, setClientId] = useState(s?.clientId ?? '');
  const [tenantName, setTenantName] = useState(s?.tenant ?? '');
  const [cloud, setCloud] = useState<Cloud>((s?.cloud as Cloud) ?? 'global');
  const [perUser, setPerUser] = useState(s?.includeAuthenticationMethods ?? false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await saveTenantSettings({ clientId: clientId.trim(), tenant: tenantName.trim(), cloud, includeAuthenticationMethods: perUser })) onSaved();
  };
  return (
    <form className="tenant-form" onSubmit={(e) => void submit(e)}>
      <label>
        Application (client) ID
        <input ref={first} value={clientId} onChange={(e) => setClientId(e.target.value)} placeholder="00000000-0000-0000-0000-000000000000" spellCheck={false} required />
        <span className="hint">Your MTR Doctor app registration: public client, redirect http://localhost, delegated Graph read permissions with admin consent.</span>
      </label>
      <label>
        Tenant
        <input value={tenantName} onChange={(e) => setTenantName(e.target.value)} placeholder="contoso.onmicrosoft.com or tenant ID" spellCheck={false} required />
      </label>
      <label>
        Cloud
        <select value={cloud} onChange={(e) => setCloud(e.target.value as Cloud)}>
          {(tenant?.clouds ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.displayName}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={perUser} onChange={(e) => setPerUser(e.target.checked)} /> Also read per-user MFA (needs UserAuthenticationMethod.Read.All)
      </label>
      <div className="button-row left">
        <button type="submit" className="button button-primary">
          Save
        </button>
      </div>
    </form>
  );
}

export function TenantPanel() {
  const open = useWizard((s) => s.tenantOpen);
  // Mounted only while open, so the form starts from the current bundle's account each time.
  return open ? <TenantDrawer /> : null;
}

function TenantDrawer() {
  const { tenant, openTenant, signIn, signOut, analyzeTenant, job: anyJob, cancelJob, deviceCode, problem, dismissProblem, inventory, analysis } = useWizard();
  // Sign-in and Graph progress show here; a bundle still opening elsewhere only blocks the buttons.
  const job = anyJob?.kind === 'tenant' ? anyJob : null;
  const busy = anyJob !== null;
  const [editing, setEditing] = useState(false);
  const [account, setAccount] = useState(analysis?.device.account ?? '');
  const [days, setDays] = useState(7);
  const [merge, setMerge] = useState(true);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) openTenant(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, openTenant]);
  const configured = !!tenant?.settings;
  const signedIn = !!tenant?.account;

  return (
    <div className="drawer-backdrop" onClick={() => !busy && openTenant(false)}>
      <aside className="drawer" role="dialog" aria-modal="true" aria-labelledby="tenant-title" onClick={(e) => e.stopPropagation()}>
        <header className="drawer-head">
          <h2 id="tenant-title">Microsoft Graph</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={() => openTenant(false)} disabled={busy}>
            <IconClose size={18} />
          </button>
        </header>
        <p className="muted">
          Read the resource account's Entra sign-in logs, licenses, room mailbox, MFA and Conditional Access policies. Needs a reader role
          (e.g. Global Reader) and admin consent for the app.
        </p>
        {problem && <ProblemBanner problem={problem} onDismiss={dismissProblem} />}

        <section className="drawer-section">
          <div className="section-head">
            <h3>1. Connection</h3>
            {configured && !editing && (
              <button type="button" className="link-button" onClick={() => setEditing(true)}>
                Change
              </button>
            )}
          </div>
          {!configured || editing ? (
            <SettingsForm onSaved={() => setEditing(false)} />
          ) : (
            <p>
              {tenant?.settings?.tenant} · {tenant?.clouds.find((c) => c.id === tenant?.settings?.cloud)?.displayName}
            </p>
          )}
        </section>

        {configured && !editing && (
          <section className="drawer-section">
            <h3>2. Sign in</h3>
            {signedIn ? (
              <div className="signed-in">
                <p>
                  Signed in as <strong>{tenant?.account?.username}</strong>
                </p>
                {tenant?.storage && (
                  <p className="muted small">
                    <IconLock size={13} /> {tenant.storage.message}
                  </p>
                )}
                <button type="button" className="button" onClick={() => void signOut()} disabled={busy}>
                  Sign out
                </button>
              </div>
            ) : job && !deviceCode ? (
              <ProgressPanel label={job.label} progress={job.progress} onCancel={() => void cancelJob()} />
            ) : deviceCode ? (
              <div className="device-code" role="status">
                <p>On any device, open</p>
                <p className="device-code-uri">{deviceCode.verificationUri}</p>
                <p>and enter</p>
                <p className="device-code-value" aria-label="Device code">
                  {deviceCode.userCode}
                </p>
                <button type="button" className="button button-quiet" onClick={() => void cancelJob()}>
                  Cancel
                </button>
              </div>
            ) : (
              <div className="button-row left">
                <button type="button" className="button button-primary" onClick={() => void signIn('browser')} disabled={busy}>
                  Sign in with browser
                </button>
                <button type="button" className="button" onClick={() => void signIn('device-code')} disabled={busy}>
                  Use a device code
                </button>
              </div>
            )}
          </section>
        )}

        {signedIn && !editing && (
          <section className="drawer-section">
            <h3>3. Resource account</h3>
            <form
              className="tenant-form"
              onSubmit={(e) => {
                e.preventDefault();
                void analyzeTenant({ account: account.trim() || null, days, merge: merge && !!inventory });
              }}
            >
              <label>
                Resource account (UPN)
                <input value={account} onChange={(e) => setAccount(e.target.value)} placeholder="room@contoso.com" spellCheck={false} required={!inventory} />
                {inventory && <span className="hint">Leave empty to use the account in the bundle's heartbeats.</span>}
              </label>
              <label>
                Sign-in logs from the last
                <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
                  {[1, 3, 7, 14, 30].map((d) => (
                    <option key={d} value={d}>
                      {d === 1 ? '24 hours' : `${d} days`}
                    </option>
                  ))}
                </select>
                {inventory && merge && <span className="hint">With a bundle, the bundle's own period is read instead.</span>}
              </label>
              {inventory && (
                <label className="check">
                  <input type="checkbox" checked={merge} onChange={(e) => setMerge(e.target.checked)} /> Combine with {inventory.name}
                </label>
              )}
              {job ? (
                <ProgressPanel label={job.label} progress={job.progress} onCancel={() => void cancelJob()} />
              ) : (
                <div className="button-row left">
                  <button type="submit" className="button button-primary" disabled={busy}>
                    Read Microsoft Graph and run the checks
                  </button>
                </div>
              )}
            </form>
          </section>
        )}
      </aside>
    </div>
  );
}
