// The second way in: sign in to the tenant and read Microsoft Graph for the room's resource account,
// alone or merged with the open bundle.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CloudId } from '../../../main/ipc/contract';
import { focusOrigin, returnFocus } from '../focus-return';
import { useWizard } from '../store';
import { useWizardPick } from '../store/selectors';
import { IconClose, IconLock } from './icons';
import { ProblemBanner } from './ProblemBanner';
import { JobProgress } from './ProgressPanel';

type Cloud = CloudId;

function SettingsForm({ onSaved }: { onSaved: () => void }) {
  const { tenant, saveTenantSettings, problem } = useWizardPick('tenant', 'saveTenantSettings', 'problem');
  const invalid = problem?.fields ?? {};
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
  useEffect(() => {
    // After a refused save, focus goes to the first field to fix.
    if (invalid.clientId) first.current?.focus();
    else if (invalid.tenant) document.getElementById('tenant-name')?.focus();
  }, [invalid.clientId, invalid.tenant]);
  return (
    <form className="tenant-form" onSubmit={(e) => void submit(e)} noValidate={false}>
      <label>
        Application (client) ID
        <input
          ref={first}
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          placeholder="00000000-0000-0000-0000-000000000000"
          spellCheck={false}
          required
          aria-invalid={invalid.clientId ? true : undefined}
          aria-describedby={invalid.clientId ? 'client-id-error client-id-hint' : 'client-id-hint'}
        />
        {invalid.clientId && (
          <span className="field-error" id="client-id-error">
            {invalid.clientId}
          </span>
        )}
        <span className="hint" id="client-id-hint">
          Your MTR Doctor app registration: public client, redirect http://localhost, delegated Graph read permissions with admin consent.
        </span>
      </label>
      <label>
        Tenant
        <input
          id="tenant-name"
          value={tenantName}
          onChange={(e) => setTenantName(e.target.value)}
          placeholder="contoso.onmicrosoft.com or tenant ID"
          spellCheck={false}
          required
          aria-invalid={invalid.tenant ? true : undefined}
          aria-describedby={invalid.tenant ? 'tenant-error' : undefined}
        />
        {invalid.tenant && (
          <span className="field-error" id="tenant-error">
            {invalid.tenant}
          </span>
        )}
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

/**
 * A modal <dialog>: the browser keeps focus inside it, makes the wizard behind it inert, and gives Escape.
 * Close stays reachable while something runs: it cancels the sign-in or Graph read first.
 */
function TenantDrawer() {
  const { tenant, openTenant, signIn, signOut, analyzeTenant, cancelJob, deviceCode, problem, dismissProblem, inventory, roomContents, fleetRoom, analysis } = useWizardPick(
    'tenant',
    'openTenant',
    'signIn',
    'signOut',
    'analyzeTenant',
    'cancelJob',
    'deviceCode',
    'problem',
    'dismissProblem',
    'inventory',
    'roomContents',
    'fleetRoom',
    'analysis',
  );
  // The bundle the tenant's evidence can join: the open one, or the fleet room on screen.
  const bundle = inventory ?? (fleetRoom !== null ? roomContents : null);
  // Sign-in and Graph progress show here; a bundle still opening elsewhere only blocks the buttons.
  const jobKind = useWizard((s) => s.job?.kind ?? null);
  const job = jobKind === 'tenant';
  const busy = jobKind !== null;
  const [editing, setEditing] = useState(false);
  const [account, setAccount] = useState(analysis?.device.account ?? '');
  const [days, setDays] = useState(7);
  const [merge, setMerge] = useState(true);
  const dialogRef = useRef<HTMLDialogElement>(null);
  // The button that opened the dialog gets focus back when it closes (Close, Escape, the backdrop). Read in the
  // first render: the form's effects move focus into the dialog before this component's effect runs.
  const [origin] = useState(focusOrigin);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal?.();
    return () => {
      dialog?.close?.();
      returnFocus(origin);
    };
  }, [origin]);
  const close = () => {
    if (job) void cancelJob();
    openTenant(false);
  };
  const configured = !!tenant?.settings;
  const signedIn = !!tenant?.account;

  return (
    <dialog
      ref={dialogRef}
      className="drawer"
      aria-labelledby="tenant-title"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog box itself, outside its content) closes it.
        if (e.target === e.currentTarget && !busy) close();
      }}
    >
      <div className="drawer-body">
        <div className="drawer-head">
          <h2 id="tenant-title">Microsoft Graph</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={close}>
            <IconClose size={18} />
          </button>
        </div>
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
              <JobProgress kind="tenant" />
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
                void analyzeTenant({ account: account.trim() || null, days, merge: merge && !!bundle });
              }}
            >
              <label>
                Resource account (UPN)
                <input value={account} onChange={(e) => setAccount(e.target.value)} placeholder="room@contoso.com" spellCheck={false} required={!bundle} />
                {bundle && <span className="hint">Leave empty to use the account in the bundle's heartbeats.</span>}
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
                {bundle && merge && <span className="hint">With a bundle, the bundle's own period is read instead.</span>}
              </label>
              {bundle && (
                <label className="check">
                  <input type="checkbox" checked={merge} onChange={(e) => setMerge(e.target.checked)} /> Combine with {bundle.name}
                </label>
              )}
              {job ? (
                <JobProgress kind="tenant" />
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
      </div>
    </dialog>
  );
}
