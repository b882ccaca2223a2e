// Positive evidence that a stage of sign-in worked, read from what came after it: Entra only asks for MFA or
// applies Conditional Access once the password was accepted, and only reports an expired password for the
// right one. So a later-stage code for the current account shows the earlier stages healthy at that time.
import type { CheckId } from '../model/analysis';
import type { CheckContext, HealthSighting } from './context';
import { compareText } from '../model/order';

/** @param after what Entra must have accepted before it could answer with a later-stage code. */
export function impliedBy(ctx: CheckContext, later: CheckId[], after: string): HealthSighting[] {
  // One sighting per attempt with a later-stage code, asked in both passes of run-checks.ts: built once.
  return ctx.memo(`implied:${later.join(',')}|${after}`, () => {
    const out: HealthSighting[] = [];
    // One sentence per code, not per attempt: thousands of attempts share a few codes.
    const whats = new Map<string, string>();
    for (const id of later) {
      for (const o of ctx.occurrencesFor(id)) {
        if (!o.time || (o.via !== 'aad-log' && o.via !== 'sign-in')) continue;
        let what = whats.get(o.code);
        if (what === undefined) {
          what = `Entra answered AADSTS${o.code}, which it says only after accepting ${after}`;
          whats.set(o.code, what);
        }
        out.push({ time: o.time, lastTime: o.time, sustained: true, what, evidence: o.evidence });
      }
    }
    return out.sort((a, b) => compareText(a.time, b.time));
  });
}

/** Token health with what later-stage codes imply: asked by two checks in both passes of run-checks.ts, merged once. */
export function tokenHealthImplied(ctx: CheckContext, later: CheckId[], after: string): HealthSighting[] {
  return ctx.memo(`token+implied:${later.join(',')}|${after}`, () => merged(ctx.health('token'), impliedBy(ctx, later, after)));
}

/**
 * Sightings in time order, merged from lists each already in time order (health(), impliedBy() and a policy's
 * one sighting are): a pass over weeks of heartbeats instead of a sort. Equal times keep the lists' order.
 */
export function merged(...lists: HealthSighting[][]): HealthSighting[] {
  return lists.reduce((a, b) => mergeTwo(a, b), []);
}

function mergeTwo(a: HealthSighting[], b: HealthSighting[]): HealthSighting[] {
  // A copy even then: callers own the list they get, and the inputs are memoised.
  if (b.length === 0) return a.slice();
  if (a.length === 0) return b.slice();
  const out: HealthSighting[] = new Array<HealthSighting>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as HealthSighting;
    const y = b[j] as HealthSighting;
    if (compareText(y.time, x.time) < 0) {
      out[k++] = y;
      j += 1;
    } else {
      out[k++] = x;
      i += 1;
    }
  }
  while (i < a.length) out[k++] = a[i++] as HealthSighting;
  while (j < b.length) out[k++] = b[j++] as HealthSighting;
  return out;
}
