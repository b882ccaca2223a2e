import { useEffect } from 'react';
import { Logo } from './components/Logo';
import { ProblemBanner } from './components/ProblemBanner';
import { ProgressPanel } from './components/ProgressPanel';
import { Stepper, type StepDef } from './components/Stepper';
import { IconZip } from './components/icons';
import { BundleStep } from './steps/BundleStep';
import { ChecksStep } from './steps/ChecksStep';
import { FindingsStep } from './steps/FindingsStep';
import { InventoryStep } from './steps/InventoryStep';
import { useWizard } from './store';

export function App() {
  const { step, inventory, analysis, problem, job, goTo, dismissProblem, loadSamples, onProgress, choose, runChecks, cancelJob } = useWizard();

  useEffect(() => {
    void loadSamples();
    return window.mtr.on('progress', onProgress);
  }, [loadSamples, onProgress]);

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
    { id: 'inventory', label: 'Inventory', hint: inventory ? `${inventory.counts.files} files` : 'What is inside', reachable: inventory !== null },
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
      </header>
      <Stepper steps={steps} current={step} onSelect={goTo} />
      <main className={`content content-${step}`} id="main">
        {problem && <ProblemBanner problem={problem} onDismiss={dismissProblem} />}
        {job && step !== 'bundle' && (
          <div className="job-overlay no-print">
            <ProgressPanel label={job.label} progress={job.progress} onCancel={() => void cancelJob()} />
          </div>
        )}
        {step === 'bundle' && <BundleStep />}
        {step === 'inventory' && <InventoryStep onContinue={() => void runChecks()} canContinue={!job} />}
        {step === 'checks' && <ChecksStep />}
        {step === 'findings' && <FindingsStep />}
      </main>
    </div>
  );
}
