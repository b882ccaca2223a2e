import { useEffect, useRef, useState } from 'react';
import { JobBar } from './components/JobBar';
import { Logo } from './components/Logo';
import { ProblemBanner } from './components/ProblemBanner';
import { Stepper, type StepDef } from './components/Stepper';
import { IconArrowLeft, IconCloud, IconZip } from './components/icons';
import { TenantPanel } from './components/TenantPanel';
import { BundleStep } from './steps/BundleStep';
import { ChecksStep } from './steps/ChecksStep';
import { FindingsStep } from './steps/FindingsStep';
import { FleetStep } from './steps/FleetStep';
import { InventoryStep } from './steps/InventoryStep';
import { useWizard } from './store';
import { tenantLabel, useWizardPick } from './store/selectors';
import { stateTitle } from '../../main/sheet/status';
import { plural } from './plural';
import { listen } from './call-main';

const STEP_NAMES: Record<string, string> = { bundle: 'Bundle', fleet: 'Fleet', inventory: 'Inventory', checks: 'Checks', findings: 'Findings' };

/** A bundle dropped anywhere in the window opens, whichever step is showing; several at once open as a fleet. */
function useWindowDrop(): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth += 1;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      const { job, openDroppedFiles } = useWizard.getState();
      if (files.length === 0 || job) return;
      void openDroppedFiles(files);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}

/**
 * After every step change: the content scrolls to its top, focus moves to the new step's heading, and the
 * change is announced (a focus move alone is not read by every screen reader).
 */
function useStepFocus(step: string): string {
  const [announcement, setAnnouncement] = useState('');
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // The wide layout scrolls inside #main; the narrow one (zoom, small windows) scrolls the page.
    document.getElementById('main')?.scrollTo?.({ top: 0 });
    window.scrollTo(0, 0);
    const heading = document.querySelector<HTMLElement>('#main .step-heading');
    heading?.focus({ preventScroll: true });
    // The fleet takes the first step's place.
    const order = [step === 'fleet' ? 'fleet' : 'bundle', 'inventory', 'checks', 'findings'];
    setAnnouncement(`Step ${order.indexOf(step) + 1} of 4, ${STEP_NAMES[step]}: ${heading?.textContent ?? ''}`);
  }, [step]);
  return announcement;
}

export function App() {
  const { step, inventory, analysis, problem, tenant, tenantOpen, goTo, dismissProblem, loadSamples, loadTenant, onProgress, onDeviceCode, choose, openTenant, fleet, fleetRoom, roomContents, backToFleet, onFleetBundle } = useWizardPick(
    'step',
    'inventory',
    'analysis',
    'problem',
    'tenant',
    'tenantOpen',
    'goTo',
    'dismissProblem',
    'loadSamples',
    'loadTenant',
    'onProgress',
    'onDeviceCode',
    'choose',
    'openTenant',
    'fleet',
    'fleetRoom',
    'roomContents',
    'backToFleet',
    'onFleetBundle',
  );
  const dragging = useWindowDrop();
  const announcement = useStepFocus(step);

  useEffect(() => {
    void loadSamples();
    void loadTenant();
    const offProgress = listen('progress', onProgress);
    const offCode = listen('tenant:deviceCode', onDeviceCode);
    const offFleet = listen('fleet:bundle', onFleetBundle);
    return () => {
      offProgress();
      offCode();
      offFleet();
    };
  }, [loadSamples, loadTenant, onProgress, onDeviceCode, onFleetBundle]);

  useEffect(() => {
    // Ctrl/Cmd+O opens a bundle from anywhere in the wizard.
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        void choose('zip');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [choose]);

  const tenantName = tenantLabel({ tenant, analysis });
  const tenantOnly = !!analysis && analysis.input.kind === 'tenant' && !inventory;
  const failing = analysis?.checks.filter((c) => c.status === 'fail').length ?? 0;
  // The stepper words the Diagnosis' state; an undecided check is never "No failures".
  const checksHint = !analysis
    ? 'Seven sign-in checks'
    : analysis.diagnosis.state === 'failing'
      ? `${failing} failing`
      : analysis.diagnosis.state === 'undecided'
        ? `${analysis.diagnosis.undecided.length} undecided`
        : stateTitle(analysis.diagnosis.state);
  // A fleet's room: the usual steps, with the fleet as the first (its inventory is read only: a worker read the bundle).
  const fleetRooms = fleet?.entries.filter((e) => e.outcome?.kind === 'room').length ?? 0;
  const steps: StepDef[] = [
    fleet
      ? { id: 'fleet', label: 'Fleet', hint: `${fleetRooms} room${fleetRooms === 1 ? '' : 's'}`, reachable: true }
      : tenantOnly
        ? { id: 'bundle', label: 'Tenant', hint: tenantName ?? 'Microsoft Graph', reachable: true }
        : { id: 'bundle', label: 'Bundle', hint: 'Drop or open', reachable: true },
    fleet
      ? roomContents && fleetRoom !== null
        ? { id: 'inventory', label: 'Inventory', hint: plural(roomContents.counts.files, 'file'), reachable: true }
        : analysis && fleetRoom === null
          ? { id: 'inventory', label: 'Inventory', hint: 'Not used: tenant only', reachable: false, skipped: true }
          : { id: 'inventory', label: 'Inventory', hint: 'Open a room', reachable: false }
      : tenantOnly
        ? { id: 'inventory', label: 'Inventory', hint: 'Not used: tenant only', reachable: false, skipped: true }
        : { id: 'inventory', label: 'Inventory', hint: inventory ? plural(inventory.counts.files, 'file') : 'What is inside', reachable: inventory !== null },
    { id: 'checks', label: 'Checks', hint: checksHint, reachable: analysis !== null },
    { id: 'findings', label: 'Findings', hint: 'Printable sheet', reachable: analysis !== null },
  ];
  const room = analysis?.device.displayName ?? analysis?.device.account ?? tenantName ?? analysis?.input.name ?? '';
  const signedInAs = tenant?.account?.username;

  return (
    <div className={`app${dragging ? ' app-dragging' : ''}`}>
      <header className="topbar no-print">
        <div className="brand">
          <Logo />
          <span className="brand-name">MTR Doctor</span>
        </div>
        {fleet && step !== 'fleet' && (
          <button type="button" className="button button-quiet back-to-fleet" onClick={backToFleet}>
            <IconArrowLeft size={16} /> Back to the fleet
          </button>
        )}
        {fleet && fleetRoom !== null && analysis && step !== 'fleet' && (
          <div className="bundle-chip" title={roomContents?.name ?? analysis.input.name}>
            <IconZip size={16} /> <span>{roomContents?.name ?? analysis.input.name}</span>
          </div>
        )}
        {inventory && (
          <div className="bundle-chip" title={inventory.name}>
            <IconZip size={16} /> <span>{inventory.name}</span>
          </div>
        )}
        {tenantName && (
          <div className="bundle-chip" title={`Microsoft Graph: ${tenantName}`}>
            <IconCloud size={16} /> <span>{tenantName}</span>
          </div>
        )}
        <div className="topbar-actions">
          <button type="button" className="button button-quiet" onClick={() => openTenant(true)} title={signedInAs ? `Signed in to Microsoft Graph as ${signedInAs}` : undefined}>
            <IconCloud size={18} /> <span className="topbar-label">{signedInAs ? `Signed in as ${signedInAs}` : inventory || (fleetRoom !== null && roomContents) ? 'Add tenant evidence' : 'Sign in to tenant'}</span>
          </button>
        </div>
      </header>
      <Stepper steps={steps} current={step} onSelect={goTo} />
      <main className={`content content-${step}`} id="main">
        {problem && !tenantOpen && <ProblemBanner problem={problem} onDismiss={dismissProblem} />}
        {step === 'bundle' && <BundleStep />}
        {step === 'fleet' && <FleetStep />}
        {step === 'inventory' && <InventoryStep />}
        {step === 'checks' && <ChecksStep title={room} />}
        {step === 'findings' && <FindingsStep />}
      </main>
      <JobBar />
      {dragging && step !== 'bundle' && (
        <div className="drop-overlay no-print" aria-hidden="true">
          <p>Drop the bundle to open it (several bundles open as a fleet)</p>
        </div>
      )}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      <TenantPanel />
    </div>
  );
}
