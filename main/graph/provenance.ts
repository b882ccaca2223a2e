// Provenance for Graph facts: "graph:" + the resource path (and id), a locator, and a short excerpt.
import type { Evidence } from '../model/analysis';

const MAX_EXCERPT = 300;

export function graphEvidence(resource: string, locator: string, time: string | null, excerpt: string, raw?: unknown): Evidence {
  const trimmed = excerpt.length > MAX_EXCERPT ? `${excerpt.slice(0, MAX_EXCERPT - 1)}…` : excerpt;
  const evidence: Evidence = { source: `graph:${resource}`, locator, time, excerpt: trimmed };
  if (raw !== undefined) evidence.raw = JSON.stringify(raw, null, 2);
  return evidence;
}
