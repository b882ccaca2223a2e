import { useEffect } from 'react';
import { Logo } from './components/Logo';
import { ProblemBanner } from './components/ProblemBanner';
import { ProgressPanel } from './components/ProgressPanel';
import { Stepper, type StepDef } from './components/Stepper';
import { IconCloud, IconZip } from './components/icons';
import { TenantPanel } from './components/TenantPanel';
import { BundleStep } from './steps/BundleStep';
import { ChecksStep } from './steps/ChecksStep';
import { FindingsStep } from './steps/FindingsStep';
import { InventoryStep } from './steps/InventoryStep';
import { useWizard } from './store';

export function App() {
  const { step, inventory, analysis, problem, job, goTo, dismissProblem, loadSamples, onProgress, onDeviceCode, choose, runChecks, cancelJob, tenantOpen, openTenant } = useWizard();

  useEffect(() => {
    void loadSamples();
    const offProgress = window.mtr.on('progress', onProgress);
    const offCode = window.mtr.on('tenant:deviceCode', onDeviceCode);
    return () => {
      offProgress();
      offCode();
    };
  }, [loadSamples, onProgress, onDeviceCode]);

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

  const failing = analysis?.checks.filter((c) => c.status === 'fail').length ?? 0;
  const steps: StepDef[] = [
    { id: 'bundle', label: 'Bundle', hint: 'Drop or open', reachable: true },
    {
      id: 'inventory',
      label: 'Inventory',
      hint: inventory ? `${inventory.counts.files} files` : analysis ? 'No bundle' : 'What is inside',
      reachable: inventory !== null,
    },
    { id: 'checks', label: 'Checks', hint: analysis ? (failing ? `${failing} failing` : 'No failures') : 'Seven sign-in checks', reachable: analysis !== null },
    { id: 'findings', label: 'Findings', hint: 'Printable sheet', reachable: analysis !== null },
  ];

  return (
    <div className="app">
      <header className="topbar no-print">
        <div className="brand">
          <Logo />
          <span className="brand-name">MTR Doctor</span>
        </div>
        {inventory && (
          <div className="bundle-chip" title={inventory.name}>
            <IconZip size={16} /> <span>{inventory.name}</span>
          </div>
        )}
        {analysis && analysis.input.kind !== 'bundle' && (
          <div className="bundle-chip" title={analysis.input.name}>
            <IconCloud size={16} /> <span>{analysis.input.kind === 'tenant' ? analysis.input.name : 'Bundle + Microsoft Graph'}</span>
          </div>
        )}
        <div className="topbar-actions">
          <button type="button" className="button button-quiet" onClick={() => openTenant(true)}>
            <IconCloud size={18} /> {inventory ? 'Add tenant evidence' : 'Sign in to tenant'}
          </button>
        </div>
      </header>
      <Stepper steps={steps} current={step} onSelect={goTo} />
      <main className={`content content-${step}`} id="main">
        {problem && !tenantOpen && <ProblemBanner problem={problem} onDismiss={dismissProblem} />}
        {job?.kind === 'analysis' && (
          <div className="job-overlay no-print">
            <ProgressPanel label={job.label} progress={job.progress} onCancel={() => void cancelJob()} />
          </div>
        )}
        {step === 'bundle' && <BundleStep />}
        {step === 'inventory' && <InventoryStep onContinue={() => void runChecks()} canContinue={!job} />}
        {step === 'checks' && <ChecksStep />}
        {step === 'findings' && <FindingsStep />}
      </main>
      <TenantPanel />
    </div>
  );
}
