// How the device's attempts and Entra's sign-ins line up, for the summary line and the warnings: the link
// itself is data (AnalysisResult.attempts, built by checks/attempts.ts); this only counts it.
import type { Attempt } from '../model/analysis';

export interface CorrelationLinks {
  /** Device attempts that have a matching Entra sign-in. */
  matched: number;
  /** Device attempts too recent for the sign-in log delay. */
  notYet: number;
  /** Device attempts with a Correlation ID Entra does not have (it never arrived, or it is past retention). */
  unmatched: number;
}

export function countLinks(attempts: readonly Attempt[]): CorrelationLinks {
  let matched = 0;
  let notYet = 0;
  let unmatched = 0;
  for (const a of attempts) {
    if (a.entraState === 'matched') matched += 1;
    else if (a.entraState === 'not-yet-in-entra') notYet += 1;
    else if (a.entraState === 'not-in-entra') unmatched += 1;
  }
  return { matched, notYet, unmatched };
}
