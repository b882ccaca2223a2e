// "Test this network now": runs the live network test from this laptop (main/network over the `network:test`
// channel), with progress and cancel, and shows the result beside the device's own network evidence. The open
// analysis is then run again with it (`network:use`): its own section on the sheet, and the network verdict only
// when the technician ticks that the laptop is on the room's network.
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../main/ipc/contract';
import type { ProgressEvent } from '../../../main/model/inventory';
import { ApiError, call, listen, newJobId } from '../call-main';
import { StatusBadge } from '../../../main/sheet/StatusBadge';
import { useWizard } from '../store';

type Result = ResponseOf<'network:test'>;
type State =
  | { kind: 'idle' }
  | { kind: 'running'; jobId: string; progress: ProgressEvent | null }
  | { kind: 'done'; result: Result }
  | { kind: 'error'; message: string };

export function LiveNetworkTest() {
  const cloud = useWizard((s) => s.tenant?.settings?.cloud ?? 'global') as 'global' | 'usgov' | 'dod' | 'china';
  const [proxy, setProxy] = useState<'system' | 'none'>('system');
  const [state, setState] = useState<State>({ kind: 'idle' });
  // The technician's word, shown at once; the analysis run again with it follows (network:use).
  const [onRoomNetwork, setOnRoomNetwork] = useState(() => useWizard.getState().analysis?.liveTest?.onRoomNetwork ?? false);
  const [updating, setUpdating] = useState(false);
  const running = state.kind === 'running' ? state.jobId : null;

  useEffect(() => {
    if (!running) return undefined;
    return listen('progress', (p) => {
      if (p.jobId === running) setState((s) => (s.kind === 'running' ? { ...s, progress: p } : s));
    });
  }, [running]);

  const start = async () => {
    const jobId = newJobId();
    setState({ kind: 'running', jobId, progress: null });
    try {
      const result = await call('network:test', { jobId, cloud, proxy });
      setState({ kind: 'done', result });
      setOnRoomNetwork(false);
      // A cancelled test says nothing about the network and is not kept; a finished one joins the analysis, unconfirmed.
      if (result.fact.incomplete !== 'cancelled') await applyTest(false);
    } catch (err) {
      setState({ kind: 'error', message: err instanceof ApiError || err instanceof Error ? err.message : String(err) });
    }
  };

  /** Runs the open analysis again with the session's test, on the room's network or not. */
  const applyTest = async (confirmed: boolean) => {
    setUpdating(true);
    try {
      const analysis = await call('network:use', { jobId: newJobId(), onRoomNetwork: confirmed });
      useWizard.setState({ analysis });
    } catch (err) {
      setState({ kind: 'error', message: err instanceof ApiError || err instanceof Error ? err.message : String(err) });
    } finally {
      setUpdating(false);
    }
  };

  const cancel = () => {
    if (running) void call('job:cancel', { jobId: running });
  };

  const progress = state.kind === 'running' ? state.progress : null;
  const pct = progress?.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  return (
    <section className="card live-network" aria-labelledby="live-network-title">
      <h2 id="live-network-title">Live test from this laptop</h2>
      <p className="muted">
        Plug this laptop into the room&apos;s network port or Wi-Fi, then test whether that network lets a Teams Room sign in: DNS, TCP 443, TLS
        (inspection), captive portals, proxy authentication, clock and the Teams media relay.
      </p>
      {state.kind !== 'running' && (
        <div className="live-network-controls">
          <label className="field">
            Proxy
            <select value={proxy} onChange={(e) => setProxy(e.target.value as 'system' | 'none')}>
              <option value="system">This machine&apos;s proxy settings</option>
              <option value="none">No proxy (direct)</option>
            </select>
          </label>
          <button type="button" className="button button-primary" onClick={() => void start()}>
            Test this network now
          </button>
        </div>
      )}
      {state.kind === 'running' && (
        <div className="progress-panel" role="status" aria-live="polite">
          <div className="progress-head">
            <span className="spinner" aria-hidden="true" />
            <div>
              <strong>Testing this network</strong>
              <p className="muted progress-message">{progress?.message ?? 'Resolving names…'}</p>
            </div>
          </div>
          <div
            className={`progress-track${pct === null ? ' indeterminate' : ''}`}
            role="progressbar"
            aria-label="Testing this network"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct ?? undefined}
          >
            <div className="progress-fill" style={{ width: pct === null ? undefined : `${pct}%` }} />
          </div>
          <button type="button" className="button button-quiet" onClick={cancel}>
            Cancel
          </button>
        </div>
      )}
      {state.kind === 'error' && (
        <p role="alert" className="live-network-error">
          The test could not run: {state.message}
        </p>
      )}
      {state.kind === 'done' && <LiveResult result={state.result} />}
      {state.kind === 'done' && state.result.fact.incomplete !== 'cancelled' && (
        <label className="live-network-confirm">
          <input type="checkbox" checked={onRoomNetwork} disabled={updating} onChange={(e) => {
              setOnRoomNetwork(e.target.checked);
              void applyTest(e.target.checked);
            }} /> This laptop is on the room&apos;s
          network (its port or Wi-Fi): use this test in the network check
        </label>
      )}
    </section>
  );
}

function LiveResult({ result }: { result: Result }) {
  const { fact, assessment } = result;
  return (
    <div className="live-network-result" role="status">
      <p className="live-network-verdict">
        <StatusBadge status={fact.verdict} /> <span>{assessment.summary}</span>
      </p>
      <p className="muted small">
        {fact.machine} · {fact.interfaces.map((i) => `${i.name} ${i.address}`).join(', ') || 'no network interface'}
        {fact.route && ` · left from ${fact.route.localAddress}${fact.route.interface ? ` (${fact.route.interface})` : ''}`} · proxy {fact.proxy.url ?? 'none'} (
        {fact.proxy.source}) · {fact.durationMs} ms
      </p>
      <table className="codes-table live-network-table">
        <caption className="visually-hidden">Live network test, endpoint by endpoint</caption>
        <thead>
          <tr>
            <th scope="col">Endpoint</th>
            <th scope="col">Result</th>
            <th scope="col">What was seen</th>
          </tr>
        </thead>
        <tbody>
          {fact.endpoints.map((r) => (
            <tr key={r.id}>
              <td>
                <strong>
                  {r.host}:{r.port}
                </strong>
                <div className="muted small">{r.service}</div>
              </td>
              <td>
                <StatusBadge status={r.status} size="sm" />
              </td>
              <td>
                {r.message}
                {r.steps.length > 0 && <div className="muted small">{r.steps.map((s) => `${s.step} ${s.status} ${s.ms} ms`).join(' · ')}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {assessment.remedy.length > 0 && (
        <section className="live-network-advice" aria-labelledby="live-network-advice-title">
          <h3 id="live-network-advice-title">What to do</h3>
          <ol>
            {assessment.remedy.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
