// Where keyboard focus goes back to when what held it disappears: a dialog closed with Escape, a job's
// progress panel (and its Cancel button) gone when the job ends. Without this, focus falls to <body> and a
// keyboard or screen-reader user starts again from the top of the window.

/** The element that had focus when a dialog opened or a job started, and how to find it again. */
export interface FocusOrigin {
  el: HTMLElement;
  tag: string;
  className: string;
  text: string;
}

export function focusOrigin(): FocusOrigin | null {
  const el = document.activeElement;
  if (!(el instanceof HTMLElement) || el === document.body) return null;
  return { el, tag: el.tagName, className: el.className, text: el.textContent ?? '' };
}

const usable = (el: HTMLElement | null | undefined): el is HTMLElement =>
  !!el?.isConnected && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0;

/** The origin itself, or the same control drawn again (the sample list hides while a bundle opens). */
function find(origin: FocusOrigin | null): HTMLElement | null {
  if (!origin) return null;
  if (usable(origin.el)) return origin.el;
  const same = [...document.querySelectorAll<HTMLElement>(origin.tag)].find((e) => e.className === origin.className && e.textContent === origin.text);
  return usable(same) ? same : null;
}

function lost(): boolean {
  const el = document.activeElement;
  return !el || el === document.body || !el.isConnected;
}

/**
 * After the current render: if focus was lost, back to `origin` (when it is still on screen and enabled),
 * else to the current step's heading. Focus that something else already placed (a new step's heading) stays.
 */
export function returnFocus(origin: FocusOrigin | null): void {
  setTimeout(() => {
    if (!lost()) return;
    const back = find(origin);
    if (back) back.focus();
    else document.querySelector<HTMLElement>('.step-heading')?.focus({ preventScroll: true });
  }, 0);
}
