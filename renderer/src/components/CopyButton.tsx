// Copies one identifier (a Correlation ID, a code). The app denies web permissions, so when the async
// clipboard is refused it falls back to a selection copy, which needs none.
import { useState } from 'react';

function copySelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  return ok;
}

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    let ok: boolean;
    try {
      await navigator.clipboard.writeText(value);
      ok = true;
    } catch {
      ok = copySelection(value);
    }
    setCopied(ok);
    if (ok) setTimeout(() => setCopied(false), 1600);
  };
  return (
    <button type="button" className="copy-button" onClick={() => void copy()} aria-label={`Copy ${label}`}>
      {copied ? 'Copied' : 'Copy'}
      <span className="visually-hidden" role="status">
        {copied ? `${label} copied` : ''}
      </span>
    </button>
  );
}
