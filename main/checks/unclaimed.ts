// Sign-ins refused with a code no check owns: a code MTR Doctor's table lacks, or one the table knows but
// places in no check (revoked or expired tokens, tenant and cloud errors). Such a code is still the named
// cause of the failing sign-in (DOMAIN.md: "never 'nothing names the cause'"): a check that sees trouble
// after its last health, and no other check explains it, fails with this cause.
import type { CheckId, Evidence } from '../model/analysis';
import { selectEvidence, span } from './compose';
import type { CheckContext, CodeOccurrence } from './context';
import { attempts, viaText } from './describe-codes';

export interface UnclaimedCause {
  occurrences: CodeOccurrence[];
  first: string | null;
  last: string | null;
  /** "Sign-in fails with AADSTS50158, which MTR Doctor does not know: look it up (…)", with where and when. */
  summary: string;
  /** One plain sentence for the customer. */
  action: string;
  remedy: string[];
  evidence: Evidence[];
  count: number;
}

/** Codes of MTR Doctor's own sign-in (its app registration) never explain a room's trouble. */
function unclaimed(ctx: CheckContext, code: string): boolean {
  const entry = ctx.tables.aadsts.get(code);
  return !entry || (entry.check === null && entry.family !== 'app-registration');
}

/** Every occurrence of an unclaimed code for the current account, in time order. */
function unclaimedOccurrences(ctx: CheckContext): CodeOccurrence[] {
  return ctx.memo('unclaimed-occurrences', () => ctx.occurrences.filter((o) => unclaimed(ctx, o.code)));
}

/** What one code is called in a sentence: its reference name, or that MTR Doctor does not know it. */
function named(ctx: CheckContext, code: string): string {
  const entry = ctx.tables.aadsts.get(code);
  return entry
    ? `AADSTS${code} (${entry.name}: ${entry.meaning.replace(/\.$/, '')})`
    : `AADSTS${code}, which MTR Doctor does not know: look it up (${ctx.tables.aadstsLookup(code)})`;
}

/**
 * The unclaimed codes seen after `after` (all of them when null): the current cause of a failing sign-in.
 * A code seen only before the last health is history and is not returned.
 */
export function unclaimedAfter(ctx: CheckContext, after: string | null): UnclaimedCause | null {
  const occ = unclaimedOccurrences(ctx).filter((o) => !after || (o.lastTime ?? o.time ?? '') > after);
  if (occ.length === 0) return null;
  const counts = new Map<string, number>();
  for (const o of occ) counts.set(o.code, (counts.get(o.code) ?? 0) + (o.count ?? 1));
  const codes = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  let first: string | null = null;
  let last: string | null = null;
  for (const o of occ) {
    if (o.time && (!first || o.time < first)) first = o.time;
    const end = o.lastTime ?? o.time;
    if (end && (!last || end > last)) last = end;
  }
  const remedy: string[] = [];
  for (const code of codes) {
    const entry = ctx.tables.aadsts.get(code);
    const step = entry
      ? entry.remedy
      : `Look up AADSTS${code} in Microsoft's error reference (${ctx.tables.aadstsLookup(code)}) and open the matching sign-in in Entra (its Correlation ID is in the evidence): the sign-in's failure reason says what to change.`;
    if (!remedy.includes(step)) remedy.push(step);
  }
  const list = codes.map((c) => `AADSTS${c}`).join(', ');
  return {
    occurrences: occ,
    first,
    last,
    summary: `Sign-in fails with ${codes.map((c) => named(ctx, c)).join('; and with ')}: ${viaText(occ)}, ${span(first, last)}.`,
    action: codes.every((c) => ctx.tables.aadsts.has(c))
      ? `The room cannot sign in: Microsoft Entra refuses it with ${list}. ${remedy[0] ?? ''}`.trim()
      : `The room cannot sign in: Microsoft Entra refuses it with ${list}, a code MTR Doctor does not know. Look it up in Microsoft's error reference and in the room's sign-ins in Entra.`,
    remedy,
    evidence: selectEvidence(occ, 4),
    count: attempts(occ),
  };
}

const failedOnUnclaimed = new WeakMap<CheckContext, Set<CheckId>>();

/**
 * The checks that failed on an unclaimed code in this context: their failures do not explain one another's
 * trouble (verdict.ts), or the second pass would pass them all on each other's failure.
 */
export function unclaimedFailures(ctx: CheckContext): Set<CheckId> {
  let set = failedOnUnclaimed.get(ctx);
  if (!set) {
    set = new Set<CheckId>();
    failedOnUnclaimed.set(ctx, set);
  }
  return set;
}
