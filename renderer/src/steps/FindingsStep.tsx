// Step 4: the findings sheet for the customer — print it or save it as PDF. The same component the CLI renders.
import { FindingsSheet } from '../../../main/sheet/FindingsSheet';
import { IconArrowLeft } from '../components/icons';
import { SavedFile } from '../components/SavedFile';
import { useWizardPick } from '../store/selectors';

export function FindingsStep() {
  const { analysis, notes, setNotes, print, savePdf, saved, reveal, full, setFull, paper, setPaper, goTo, showCheck, reset, fleet } = useWizardPick(
    'analysis',
    'notes',
    'setNotes',
    'print',
    'savePdf',
    'saved',
    'reveal',
    'full',
    'setFull',
    'paper',
    'setPaper',
    'goTo',
    'showCheck',
    'reset',
    'fleet',
  );
  if (!analysis) return null;
  return (
    <section className="findings-step" aria-labelledby="findings-title">
      <div className="findings-toolbar no-print">
        <div>
          <h1 id="findings-title" className="step-heading" tabIndex={-1}>
            Findings sheet
          </h1>
          <p className="muted">One or two pages for the customer. Add your notes below, then print or save it.</p>
          <label className="check-label">
            <input type="checkbox" checked={full} onChange={(e) => setFull(e.target.checked)} /> Full report: every evidence item of every check
          </label>
        </div>
        <div className="button-row">
          <label className="paper-field">
            Paper
            <select value={paper} onChange={(e) => setPaper(e.target.value as 'A4' | 'Letter')}>
              <option value="A4">A4</option>
              <option value="Letter">Letter</option>
            </select>
          </label>
          <button type="button" className="button" onClick={() => void print()}>
            Print…
          </button>
          <button type="button" className="button button-primary" onClick={() => void savePdf()}>
            {full ? 'Save full report…' : 'Save as PDF…'}
          </button>
        </div>
      </div>
      {saved && <SavedFile label="Saved" path={saved.path} onReveal={(how) => void reveal(how)} />}
      <div className="paper">
        <FindingsSheet
          result={analysis}
          notes={notes}
          full={full}
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
        {fleet ? (
          <button type="button" className="button" onClick={() => goTo('fleet')}>
            Back to the fleet
          </button>
        ) : (
          <button type="button" className="button" onClick={() => void reset().then(() => goTo('bundle'))}>
            Start over with another bundle
          </button>
        )}
      </footer>
    </section>
  );
}
