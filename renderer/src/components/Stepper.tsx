import type { StepId } from '../store';
import { IconCheck } from './icons';

export interface StepDef {
  id: StepId;
  label: string;
  hint: string;
  /** Can the technician go there now? Later steps show as upcoming until their input exists. */
  reachable: boolean;
  /** Not part of this run (the inventory of a tenant-only run): never shown as done. */
  skipped?: boolean;
}

export function Stepper({ steps, current, onSelect }: { steps: StepDef[]; current: StepId; onSelect: (id: StepId) => void }) {
  const currentIndex = steps.findIndex((s) => s.id === current);
  return (
    <nav className="stepper no-print" aria-label="Wizard steps">
      <ol>
        {steps.map((s, i) => {
          const state = s.skipped ? 'skipped' : i < currentIndex ? 'done' : i === currentIndex ? 'current' : s.reachable ? 'open' : 'upcoming';
          return (
            <li key={s.id} className={`step step-${state}`}>
              <button
                type="button"
                disabled={!s.reachable && state !== 'current'}
                aria-current={state === 'current' ? 'step' : undefined}
                onClick={() => onSelect(s.id)}
              >
                <span className="step-dot" aria-hidden="true">
                  {state === 'done' ? <IconCheck size={14} /> : state === 'skipped' ? '–' : i + 1}
                </span>
                <span className="step-text">
                  <span className="step-label">{s.label}</span>
                  <span className="step-hint">{state === 'upcoming' ? 'Upcoming' : s.hint}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
