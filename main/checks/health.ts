// Positive evidence that a stage of sign-in worked, read from what came after it: Entra only asks for MFA or
// applies Conditional Access once the password was accepted, and only reports an expired password for the
// right one. So a later-stage code for the current account shows the earlier stages healthy at that time.
import type { CheckId } from '../model/analysis';
import type { CheckContext, HealthSighting } from './context';
import { compareText } from '../model/order';

/** @param after what Entra must have accepted before it could answer with a later-stage code. */
export function impliedBy(ctx: CheckContext, later: CheckId[], after: string): HealthSighting[] {
  const out: HealthSighting[] = [];
  for (const id of later) {
    for (const o of ctx.occurrencesFor(id)) {
      if (!o.time || (o.via !== 'aad-log' && o.via !== 'sign-in')) continue;
      out.push({ time: o.time, lastTime: o.time, sustained: true, what: `Entra answered AADSTS${o.code}, which it says only after accepting ${after}`, evidence: o.evidence });
    }
  }
  return out.sort((a, b) => compareText(a.time, b.time));
}

/** Sightings in time order, merged from several lists. */
export function merged(...lists: HealthSighting[][]): HealthSighting[] {
  return lists.flat().sort((a, b) => compareText(a.time, b.time));
}
