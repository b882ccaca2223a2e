// Every AADSTS code seen, with its meaning — including codes no check claims, which are still shown.
import type { CodeSighting } from '../model/analysis';
import { selectEvidence } from './compose';
import type { CheckContext, CodeOccurrence } from './context';
import { attempts } from './describe-codes';

/** A bundle crafted with thousands of distinct codes must not grow the result without bound. */
export const MAX_CODES = 200;

/** Occurrences by code, in their order: grouped once for the list and for the count left out. */
function byCode(ctx: CheckContext): Map<string, CodeOccurrence[]> {
  return ctx.memo('occurrences-by-code', () => {
    const groups = new Map<string, CodeOccurrence[]>();
    for (const o of ctx.occurrences) {
      const list = groups.get(o.code);
      if (list) list.push(o);
      else groups.set(o.code, [o]);
    }
    return groups;
  });
}

/** Distinct codes seen beyond the MAX_CODES listed. */
export function codesLeftOut(ctx: CheckContext): number {
  return Math.max(0, byCode(ctx).size - MAX_CODES);
}

export function codeSightings(ctx: CheckContext): CodeSighting[] {
  return [...byCode(ctx).entries()]
    .map(([code, occ]) => {
      const entry = ctx.tables.aadsts.get(code);
      // First and last by code-unit order, as sorting every time would give, in one pass.
      let firstSeen: string | null = null;
      let lastSeen: string | null = null;
      for (const o of occ) {
        if (!o.time) continue;
        if (firstSeen === null || o.time < firstSeen) firstSeen = o.time;
        if (lastSeen === null || o.time > lastSeen) lastSeen = o.time;
      }
      return {
        code: `AADSTS${code}`,
        name: entry?.name ?? 'Unknown code',
        meaning: entry?.meaning ?? `Not in MTR Doctor's code table: look it up in Microsoft Entra's error code reference (${ctx.tables.aadstsLookup(code)}).`,
        check: entry?.check ?? null,
        count: attempts(occ),
        firstSeen,
        lastSeen,
        // The raw items stay with the checks' evidence; the code list shows excerpts only.
        evidence: selectEvidence(occ, 3).map(({ raw: _raw, ...e }) => e),
      };
    })
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
    .slice(0, MAX_CODES);
}
