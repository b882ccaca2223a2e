// Step 3: the seven checks, one at a time, with an overview of all seven.
import { useEffect, useRef } from 'react';
import { IconArrowLeft, IconArrowRight } from '../components/icons';
import { useWizardPick } from '../store/selectors';
import { CheckDetail } from './checks/CheckDetail';
import { CheckList } from './checks/CheckList';
import { Overview } from './checks/Overview';

export function ChecksStep({ title }: { title: string }) {
  const { analysis, inventory, checkIndex, showCheck, goTo, fleet } = useWizardPick('analysis', 'inventory', 'checkIndex', 'showCheck', 'goTo', 'fleet');
  const paneRef = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    // Each check opens at its top. Walking the list keeps focus in the list; Next, Back and "Open …"
    // move it to the new check's heading, so a screen reader reads where it landed.
    paneRef.current?.scrollTo?.({ top: 0 });
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (document.activeElement?.closest('.check-nav')) return;
    paneRef.current?.querySelector<HTMLElement>('.step-heading')?.focus({ preventScroll: true });
    // In the narrow layout the page scrolls: bring the check's top, not the list above it, into view.
    if (window.scrollY > 0) paneRef.current?.scrollIntoView?.({ block: 'start' });
  }, [checkIndex]);
  if (!analysis) return null;
  const checks = analysis.checks;
  const current = checkIndex >= 0 ? checks[checkIndex] : undefined;
  // The Diagnosis' first action opens first (the same one the sheet and the fleet row name).
  const first = analysis.diagnosis.actions[0];
  const firstFailing = first ? checks.find((c) => c.id === first.check) : undefined;
  const start = firstFailing ? checks.indexOf(firstFailing) : 0;

  return (
    <section className="checks-step" aria-label="Checks">
      <CheckList checks={checks} current={checkIndex} onSelect={showCheck} />
      <div className="check-pane" ref={paneRef}>
        {current ? <CheckDetail check={current} banner={analysis.diagnosis.banners[current.id]} index={checkIndex} device={analysis.device} withEntra={analysis.input.kind !== 'bundle'} /> : <Overview result={analysis} title={title} onOpen={showCheck} />}
        <footer className="step-footer">
          <button type="button" className="button" onClick={() => (checkIndex <= -1 ? goTo(fleet ? 'fleet' : inventory ? 'inventory' : 'bundle') : showCheck(checkIndex - 1))}>
            <IconArrowLeft size={18} /> {checkIndex <= -1 ? (fleet ? 'Back to the fleet' : inventory ? 'Inventory' : 'Start') : checkIndex === 0 ? 'Overview' : checks[checkIndex - 1]?.title}
          </button>
          {checkIndex === -1 ? (
            <button type="button" className="button button-primary" onClick={() => showCheck(start)}>
              {firstFailing ? `Open ${checks[start]?.title}` : `Start with ${checks[0]?.title}`} <IconArrowRight size={18} />
            </button>
          ) : checkIndex < checks.length - 1 ? (
            <button type="button" className="button button-primary" onClick={() => showCheck(checkIndex + 1)}>
              Next: {checks[checkIndex + 1]?.title} <IconArrowRight size={18} />
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
