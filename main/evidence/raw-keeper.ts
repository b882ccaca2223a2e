// Keeps the raw event XML only where a technician may look at it: the first few sightings of each kind of
// event and the latest one. Weeks of identical failures then cost a handful of XML strings, not thousands,
// and the XML of every other event is never rendered at all.
import type { Evidence } from '../model/analysis';

const FIRST = 2;
/**
 * Kinds of event whose raw text is kept at all: a flood of distinct kinds keeps only the first ones. Each
 * kind's latest record holds its 64 KiB chunk until reading is done, so this also bounds that memory.
 */
const MAX_SHAPES = 200;

/** ASCII hex digits, either case. */
const HEX = new Uint8Array(128);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;

/** A GUID (8-4-4-4-12 hex digits) starts at `i`. */
function guidAt(s: string, i: number): boolean {
  if (i + 36 > s.length) return false;
  for (let k = 0; k < 36; k++) {
    const c = s.charCodeAt(i + k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c !== 0x2d) return false;
    } else if (c >= 128 || HEX[c] === 0) return false;
  }
  return true;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * The shape of an excerpt: the same message with other ids, numbers and times. Each GUID and each run of
 * digits becomes "#", left to right, a GUID first where both start (what `replace(/GUID|\d+/gi, '#')` does),
 * scanned by hand: tens of thousands of errors with their own ids each need one, and the regex tried a GUID
 * at every hex letter of their text.
 */
export function excerptShape(excerpt: string): string {
  let out = '';
  let from = 0;
  let i = 0;
  const n = excerpt.length;
  while (i < n) {
    const c = excerpt.charCodeAt(i);
    if (c < 128 && HEX[c] === 1) {
      if (guidAt(excerpt, i)) {
        out += `${excerpt.slice(from, i)}#`;
        i += 36;
        from = i;
        continue;
      }
      if (isDigit(c)) {
        let j = i + 1;
        while (j < n && isDigit(excerpt.charCodeAt(j))) j++;
        out += `${excerpt.slice(from, i)}#`;
        i = j;
        from = j;
        continue;
      }
    }
    i++;
  }
  return from === 0 ? excerpt : out + excerpt.slice(from);
}

/** Shapes of recent excerpts: heartbeats and broker errors repeat a few texts thousands of times. */
const textShapes = new Map<string, string>();
const MAX_TEXT_SHAPES = 20_000;

/** One string per distinct shape: thousands of errors that differ only in their ids share one. */
const sharedShapes = new Map<string, string>();
function sharedShape(shape: string): string {
  const known = sharedShapes.get(shape);
  if (known !== undefined) return known;
  if (sharedShapes.size >= MAX_TEXT_SHAPES) sharedShapes.clear();
  sharedShapes.set(shape, shape);
  return shape;
}

/** The shape of a piece of evidence's excerpt, computed once per distinct text (checks ask for it repeatedly). */
export function evidenceShape(evidence: Evidence): string {
  let s = textShapes.get(evidence.excerpt);
  if (s === undefined) {
    s = sharedShape(excerptShape(evidence.excerpt));
    if (textShapes.size >= MAX_TEXT_SHAPES) textShapes.clear();
    textShapes.set(evidence.excerpt, s);
  }
  return s;
}

interface Shape {
  seen: number;
  /** The latest sighting: its raw text is rendered once reading is done. */
  latest: { evidence: Evidence; render: () => string } | null;
}

export class RawKeeper {
  /** By source, then by shape: shape strings are shared, so a lookup reuses their hash instead of hashing a joined key. */
  private readonly shapes = new Map<string, Map<string, Shape>>();
  private count = 0;

  /**
   * Call for each new piece of evidence, with how to render its raw text (a record keeps what it needs to
   * render later). The first few of each shape get `raw` now; the latest is filled in by `finish()`.
   */
  keep(source: string, evidence: Evidence, render: () => string): void {
    let bySource = this.shapes.get(source);
    if (!bySource) {
      bySource = new Map();
      this.shapes.set(source, bySource);
    }
    const shape = evidenceShape(evidence);
    let s = bySource.get(shape);
    if (!s) {
      if (this.count >= MAX_SHAPES) return;
      this.count += 1;
      s = { seen: 0, latest: null };
      bySource.set(shape, s);
    }
    s.seen += 1;
    if (s.seen <= FIRST) evidence.raw = render();
    else s.latest = { evidence, render };
  }

  /** Renders the latest sighting of each shape; the records it held are released. */
  finish(): void {
    for (const bySource of this.shapes.values()) {
      for (const s of bySource.values()) {
        if (s.latest) s.latest.evidence.raw = s.latest.render();
        s.latest = null;
      }
    }
  }
}
