// Keeps the raw event XML only where a technician may look at it: the first few sightings of each kind of
// event and the latest one. Weeks of identical failures then cost a handful of XML strings, not thousands.
import type { Evidence } from '../model/analysis';

const FIRST = 2;

/** The shape of an excerpt: the same message with other ids, numbers and times. */
export function excerptShape(excerpt: string): string {
  return excerpt.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '#').replace(/\d+/g, '#');
}

export class RawKeeper {
  private readonly shapes = new Map<string, { seen: number; latest: Evidence | null }>();

  /** Call for each new piece of evidence that has `raw`; drops `raw` from pieces no longer first or latest. */
  keep(source: string, evidence: Evidence): void {
    const key = `${source}\u0000${excerptShape(evidence.excerpt)}`;
    const s = this.shapes.get(key) ?? { seen: 0, latest: null };
    s.seen += 1;
    if (s.seen > FIRST) {
      // Assign rather than delete: deleting a property turns every such object into a slow dictionary.
      if (s.latest) s.latest.raw = undefined;
      s.latest = evidence;
    }
    this.shapes.set(key, s);
  }
}
