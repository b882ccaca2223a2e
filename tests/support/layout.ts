// Layout faults a person sees and a page-width check misses: text drawn over other text, elements wider than
// the box they sit in, and text cut short (ellipsis, clipped). Measured from the bounding boxes of the
// rendered text itself (a Range over each text node: one box per line), clipped to what scroll containers
// show, so a block's empty width never counts as a collision.
import type { Page } from 'playwright-core';

export interface LayoutFault {
  kind: 'overlap' | 'wider-than-container' | 'cut' | 'scrolls-sideways';
  what: string;
}

/** Every layout fault on the page as it is now (at most 30, readable). Empty when the layout holds. */
export async function layoutFaults(page: Page): Promise<LayoutFault[]> {
  return page.evaluate(() => {
    const out: { kind: 'overlap' | 'wider-than-container' | 'cut' | 'scrolls-sideways'; what: string }[] = [];
    const name = (el: Element) => {
      const cls = [...el.classList].slice(0, 3).join('.');
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''} "${text}"`;
    };
    // Hidden: the visually-hidden patterns (a class, or a 1 px box clipped away, as a reflowed table's head).
    const clippedAway = new Map<Element, boolean>();
    const isClippedAway = (el: Element | null): boolean => {
      if (!el || el === document.body) return false;
      let v = clippedAway.get(el);
      if (v === undefined) {
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        v = ((s.clipPath !== 'none' || s.clip !== 'auto') && r.width <= 1) || isClippedAway(el.parentElement);
        clippedAway.set(el, v);
      }
      return v;
    };
    const hidden = (el: Element) =>
      !!el.closest('.visually-hidden, .offscreen, .print-only, [hidden]') ||
      // A closed <details>' content, opacity 0, visibility hidden.
      !el.checkVisibility({ contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true }) ||
      isClippedAway(el);
    const clips = (el: Element) => {
      const s = getComputedStyle(el);
      return s.overflowX !== 'visible' || s.overflowY !== 'visible';
    };
    type Box = { left: number; top: number; right: number; bottom: number };
    const intersect = (a: Box, b: Box): Box => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
    // What of a text's area is on screen: within its element and every ancestor that clips (a line clamp, a scroll box).
    const visibleArea = (el: Element, box: Box): Box | null => {
      let b = box;
      for (let p: Element | null = el; p && p !== document.documentElement; p = p.parentElement) {
        if (clips(p)) b = intersect(b, p.getBoundingClientRect());
        if (getComputedStyle(p).position === 'fixed') break;
      }
      return b.right - b.left > 0.5 && b.bottom - b.top > 0.5 ? b : null;
    };

    // Opaque bars that stay put while the rest scrolls (a sticky footer, a table's sticky head): what scrolls
    // beneath them is covered, not overlapped.
    const covers: { el: Element; box: Box }[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const s = getComputedStyle(el);
      if ((s.position === 'sticky' || s.position === 'fixed') && !/rgba\(.*, 0\)$|transparent/.test(s.backgroundColor) && !hidden(el)) {
        const r = el.getBoundingClientRect();
        covers.push({ el, box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom } });
      }
    }
    const beneathCover = (el: Element, box: Box) =>
      covers.some((c) => !c.el.contains(el) && (() => {
        const x = intersect(c.box, box);
        return x.right - x.left > 0.5 && x.bottom - x.top > 0.5;
      })());

    // 1. Text over text: per line boxes of each element's own text nodes, against every other element's.
    const lines: { el: Element; box: Box }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent?.trim()) continue;
      const el = n.parentElement;
      if (!el || hidden(el) || el.closest('style, script, noscript, option')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.height < 1) continue;
        const box = visibleArea(el, { left: r.left, top: r.top, right: r.right, bottom: r.bottom });
        if (box && !beneathCover(el, box)) lines.push({ el, box });
      }
    }
    // Lines of the same element (or one inside the other: a strong in its sentence) never count.
    const TOL = 2;
    for (let i = 0; i < lines.length && out.length < 30; i += 1) {
      const a = lines[i]!;
      for (let j = i + 1; j < lines.length; j += 1) {
        const b = lines[j]!;
        if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const x = intersect(a.box, b.box);
        if (x.right - x.left > TOL && x.bottom - x.top > TOL) {
          out.push({ kind: 'overlap', what: `${name(a.el)} overlaps ${name(b.el)} (${Math.round(x.right - x.left)}×${Math.round(x.bottom - x.top)} px)` });
          if (out.length >= 30) break;
        }
      }
    }

    // 2. Boxes: wider than a parent that lets them spill, cut with an ellipsis or clipped, or a box that scrolls sideways.
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (out.length >= 60) break;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || hidden(el)) continue;
      const s = getComputedStyle(el);
      if (s.position === 'fixed' || s.position === 'absolute' || s.display === 'contents') continue;
      const p = el.parentElement;
      if (p && p !== document.body && s.display !== 'inline') {
        const pr = p.getBoundingClientRect();
        const ps = getComputedStyle(p);
        const inner = { left: pr.left + parseFloat(ps.borderLeftWidth), right: pr.right - parseFloat(ps.borderRightWidth) };
        if ((r.right > inner.right + 1 || r.left < inner.left - 1) && !clips(p) && ps.display !== 'contents') {
          out.push({ kind: 'wider-than-container', what: `${name(el)} ${Math.round(r.left)}–${Math.round(r.right)} in ${name(p)} ${Math.round(inner.left)}–${Math.round(inner.right)}` });
        }
      }
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
        if (s.textOverflow === 'ellipsis' || (s.overflowX === 'hidden' && el.tagName !== 'HTML')) out.push({ kind: 'cut', what: `${name(el)} shows ${el.clientWidth} of ${el.scrollWidth} px` });
        else if (s.overflowX === 'auto' || s.overflowX === 'scroll') out.push({ kind: 'scrolls-sideways', what: `${name(el)} ${el.clientWidth} of ${el.scrollWidth} px` });
      }
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) {
      out.push({ kind: 'scrolls-sideways', what: `the page ${document.documentElement.clientWidth} of ${document.documentElement.scrollWidth} px` });
    }
    return out.slice(0, 40);
  });
}
