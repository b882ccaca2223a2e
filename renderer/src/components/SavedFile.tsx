import { IconCheck } from './icons';

/** A file main saved (the findings PDF, the fleet's CSV or summary): where it went, and Open / Show in folder by main's handle. */
export function SavedFile({ label, path, onReveal }: { label: string; path: string; onReveal: (how: 'open' | 'folder') => void }) {
  return (
    <div className="saved no-print" role="status">
      <p>
        <IconCheck size={16} /> {label} to <code>{path}</code>
      </p>
      <div className="button-row left">
        <button type="button" className="button" onClick={() => onReveal('open')}>
          Open
        </button>
        <button type="button" className="button" onClick={() => onReveal('folder')}>
          Show in folder
        </button>
      </div>
    </div>
  );
}
