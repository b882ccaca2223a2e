// Check 2: does a Conditional Access policy block the account? (AADSTS53003 and relatives, CA status in sign-ins, policies)
import type { CheckResult } from '../model/analysis';
import type { SignInFact } from '../model/facts';
import { failureOutcome, result, type Sighting, unknown } from './compose';
import type { CheckContext } from './context';
import { attempts, codeNames, codeRemedies, viaText } from './describe-codes';

export function checkConditionalAccess(ctx: CheckContext): CheckResult {
  const occ = ctx.occurrencesFor('conditional-access');
  const coded = new Set(occ.map((o) => o.fact));
  // A sign-in whose CA status is failure counts even when its error code is filed elsewhere.
  const caFailures = ctx.of('signin').filter((s: SignInFact) => s.conditionalAccessStatus === 'failure' && !coded.has(s));
  const failedPolicies = [...new Set(ctx.of('signin').flatMap((s) => s.failedPolicies))];
  const policies = ctx.of('ca-policy').filter((p) => p.unsatisfiable.length > 0 && p.state !== 'disabled');
  const enforced = policies.filter((p) => p.state === 'enabled');
  const policyLines = policies.map(
    (p) => `${p.state === 'enabled' ? 'Policy' : 'Report-only policy'} "${p.displayName}" ${p.unsatisfiable.join(' and ')} and does not exclude this account: exclude the resource account or change the grant.`,
  );

  const sightings: Sighting[] = [...occ, ...caFailures.map((s) => ({ time: s.time, evidence: s.evidence }))];
  if (sightings.length > 0) {
    const named = failedPolicies.length ? ` Failed policies: ${failedPolicies.map((p) => `"${p}"`).join(', ')}.` : '';
    const o = failureOutcome(
      ctx,
      sightings,
      ({ count, span }) =>
        `Conditional Access blocks the sign-in: ${occ.length ? `${codeNames(occ, ctx.tables)} in ${viaText(occ)}` : `conditionalAccessStatus failure ${count} in Entra sign-in logs`}, ${span}.${named}`,
      [...codeRemedies(occ, ctx.tables), ...policyLines],
      attempts(occ) + caFailures.length,
    );
    o.evidence = [...(o.evidence ?? []), ...policies.map((p) => p.evidence)];
    return result(ctx, 'conditional-access', o);
  }
  if (policies.length > 0) {
    return result(ctx, 'conditional-access', {
      status: enforced.length > 0 ? 'fail' : 'warn',
      summary:
        enforced.length > 0
          ? `${enforced.length === 1 ? 'A Conditional Access policy applies' : `${enforced.length} Conditional Access policies apply`} to the resource account with controls a room cannot satisfy: ${enforced.map((p) => `"${p.displayName}" (${p.unsatisfiable.join(', ')})`).join('; ')}.`
          : `Report-only Conditional Access ${policies.length === 1 ? 'policy' : 'policies'} would block the room if enforced: ${policies.map((p) => `"${p.displayName}"`).join(', ')}.`,
      evidence: policies.map((p) => p.evidence),
      remedy: policyLines,
    });
  }
  if (ctx.sources.aadLog || ctx.sources.graphSignIns || ctx.sources.graphPolicies) {
    const where = [
      ctx.sources.aadLog && 'the device AAD log',
      ctx.sources.graphSignIns && 'Entra sign-in logs',
      ctx.sources.graphPolicies && 'the tenant’s Conditional Access policies',
    ]
      .filter(Boolean)
      .join(', ');
    return result(ctx, 'conditional-access', { status: 'pass', summary: `Nothing blocks the account by Conditional Access in ${where}.` });
  }
  return unknown(ctx, 'conditional-access');
}
