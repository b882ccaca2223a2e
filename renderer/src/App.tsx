import { useEffect } from 'react';
import { Logo } from './components/Logo';
import { ProblemBanner } from './components/ProblemBanner';
import { Stepper, type StepDef } from './components/Stepper';
import { BundleStep } from './steps/BundleStep';
import { InventoryStep } from './steps/InventoryStep';
import { useWizard } from './store';
import { IconZip } from './components/icons';

export function App() {
  const { step, inventory, problem, goTo, dismissProblem, loadSamples, onProgress, choose } = useWizard();

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

  const steps: StepDef[] = [
    { id: 'bundle', label: 'Bundle', hint: 'Drop or open', reachable: true },
    { id: 'inventory', label: 'Inventory', hint: inventory ? `${inventory.counts.files} files` : 'What is inside', reachable: inventory !== null },
    { id: 'checks', label: 'Checks', hint: 'Seven sign-in checks', reachable: false },
    { id: 'findings', label: 'Findings', hint: 'Printable sheet', reachable: false },
  ];

  return (
    <div className="app">
      <header className="topbar">
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
      <main className="content" id="main">
        {problem && <ProblemBanner problem={problem} onDismiss={dismissProblem} />}
        {step === 'bundle' && <BundleStep />}
        {step === 'inventory' && <InventoryStep onContinue={() => goTo('checks')} canContinue={false} />}
      </main>
    </div>
  );
}
