// Links the device's failed attempts to Entra's sign-in rows by Correlation ID, so a technician sees
// one attempt from both ends: "record 18457 in the AAD log is sign-in 58bc… in Entra".
import type { AadErrorFact, Fact, SignInFact } from '../model/facts';

export interface CorrelationLinks {
  /** Device attempts that have a matching Entra sign-in. */
  matched: number;
  /** Device attempts with a Correlation ID Entra does not have (it never arrived, or it is past retention). */
  unmatched: number;
}

export function linkCorrelations(facts: Fact[]): CorrelationLinks {
  const signIns = new Map<string, SignInFact>();
  for (const f of facts) if (f.kind === 'signin' && f.correlationId) signIns.set(f.correlationId.toLowerCase(), f);
  const attempts = facts.filter((f): f is AadErrorFact => f.kind === 'aad-error' && !!f.correlationId);
  let matched = 0;
  for (const a of attempts) {
    const s = signIns.get((a.correlationId as string).toLowerCase());
    if (!s) continue;
    matched += 1;
    a.evidence = { ...a.evidence, excerpt: `${a.evidence.excerpt} — Entra sign-in ${s.id} (${s.errorCode === 0 ? 'success' : `error ${s.errorCode}`})` };
    s.evidence = { ...s.evidence, excerpt: `${s.evidence.excerpt} — same attempt as ${a.evidence.source} ${a.evidence.locator}` };
  }
  return { matched, unmatched: attempts.length - matched };
}
