// Step 4: the findings sheet for the customer — print it or save it as PDF. The same component the CLI renders.
import { FindingsSheet } from '../../../main/sheet/FindingsSheet';
import { IconArrowLeft, IconCheck } from '../components/icons';
import { useWizard } from '../store';

export function FindingsStep() {
  const { analysis, notes, setNotes, print, savePdf, savedPdf, goTo, showCheck } = useWizard();
  if (!analysis) return null;
  return (
    <section className="findings-step" aria-labelledby="findings-title">
      <div className="findings-toolbar no-print">
        <div>
          <h1 id="findings-title">Findings sheet</h1>
          <p className="muted">One or two pages for the customer. Add your notes below, then print or save it.</p>
        </div>
        <div className="button-row">
          <button type="button" className="button" onClick={() => void print()}>
            Print…
          </button>
          <button type="button" className="button button-primary" onClick={() => void savePdf()}>
            Save as PDF…
          </button>
        </div>
      </div>
      {savedPdf && (
        <p className="saved no-print" role="status">
          <IconCheck size={16} /> Saved to <code>{savedPdf}</code>
        </p>
      )}
      <div className="paper">
        <FindingsSheet
          result={analysis}
          notes={notes}
          renderNotes={(n) => (
            <>
              <textarea
                className="notes-input no-print"
                aria-label="Analyst notes"
                placeholder="What you did on site, what the customer should do next…"
                value={n}
                onChange={(e) => setNotes(e.target.value)}
                rows={4}
              />
              {n ? <p className="sheet-notes-text print-only">{n}</p> : <div className="sheet-lines print-only" aria-hidden="true" />}
            </>
          )}
        />
      </div>
      <footer className="step-footer no-print">
        <button type="button" className="button" onClick={() => showCheck(analysis.checks.length - 1)}>
          <IconArrowLeft size={18} /> Back to the checks
        </button>
        <button type="button" className="button" onClick={() => goTo('bundle')}>
          Start over with another bundle
        </button>
      </footer>
    </section>
  );
}
