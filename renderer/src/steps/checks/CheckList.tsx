// The list of the seven checks (plus the overview). ↑/↓ step through it, Home/End jump to its ends.
import { useRef, type KeyboardEvent } from 'react';
import type { CheckResult } from '../../../../main/model/analysis';
import { StatusBadge } from '../../../../main/sheet/StatusBadge';

const KEYS = ['ArrowDown', 'ArrowUp', 'Home', 'End'];

export function CheckList({ checks, current, onSelect }: { checks: CheckResult[]; current: number; onSelect: (index: number) => void }) {
  const listRef = useRef<HTMLOListElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    if (!KEYS.includes(e.key)) return;
    e.preventDefault();
    const last = checks.length - 1;
    const next =
      e.key === 'Home' ? -1 : e.key === 'End' ? last : Math.max(-1, Math.min(last, current + (e.key === 'ArrowDown' ? 1 : -1)));
    onSelect(next);
    listRef.current?.querySelectorAll<HTMLButtonElement>('button')[next + 1]?.focus();
  };
  return (
    <nav className="check-nav" aria-label="The seven checks">
      <ol ref={listRef} onKeyDown={onKeyDown}>
        <li>
          <button type="button" className={`check-link${current === -1 ? ' active' : ''}`} aria-current={current === -1 ? 'page' : undefined} onClick={() => onSelect(-1)}>
            <span className="check-link-num" aria-hidden="true">
              ★
            </span>
            <span className="check-link-title">Overview</span>
          </button>
        </li>
        {checks.map((c, i) => (
          <li key={c.id}>
            <button
              type="button"
              className={`check-link status-${c.status}${current === i ? ' active' : ''}`}
              aria-current={current === i ? 'page' : undefined}
              onClick={() => onSelect(i)}
            >
              <span className="check-link-num" aria-hidden="true">
                {i + 1}
              </span>
              <span className="check-link-title">{c.title}</span>
              <StatusBadge status={c.status} size="md" compact />
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
