// Check 2: does a Conditional Access policy block the account? (AADSTS53003 and relatives, CA status in sign-ins, policies)
import type { CheckResult } from '../model/analysis';
import { result, type Sighting, when } from './compose';
import type { CheckContext } from './context';
import { attempts, codeNames, codeRemedies, viaText } from './describe-codes';
import { decide } from './verdict';

export function checkConditionalAccess(ctx: CheckContext, blockers: CheckResult[] = []): CheckResult {
  const occ = ctx.occurrencesFor('conditional-access');
  const coded = new Set(occ.map((o) => o.attempt?.entraFact).filter(Boolean));
  // A sign-in whose CA status is failure counts even when its error code is filed elsewhere.
  const caFailures = ctx.attempts.filter((a) => a.entraFact?.conditionalAccessStatus === 'failure' && !coded.has(a.entraFact));
  const failedPolicies = [...new Set(ctx.of('signin').flatMap((s) => s.failedPolicies))];
  const policies = ctx.of('ca-policy').filter((p) => p.unsatisfiable.length > 0 && p.state !== 'disabled');
  const enforced = policies.filter((p) => p.state === 'enabled');
  const policyLines = policies.map(
    (p) => `${p.state === 'enabled' ? 'Policy' : 'Report-only policy'} "${p.displayName}" ${p.unsatisfiable.join(' and ')} and does not exclude this account: exclude the resource account or change the grant.`,
  );
  const named = [...new Set([...failedPolicies, ...enforced.map((p) => p.displayName)])];
  const action = `The room cannot sign in because Conditional Access blocks it. Ask your identity team to exclude the room account from ${named.length ? `the policy ${named.map((p) => `"${p}"`).join(', ')}` : 'the policy that failed (its name is on the failed sign-in in Entra)'}.`;

  const sightings: Sighting[] = [...occ, ...caFailures.map((a) => ({ time: a.attempt.time, evidence: a.evidence, attempt: a }))];
  if (sightings.length > 0) {
    const namedText = failedPolicies.length ? ` Failed policies: ${failedPolicies.map((p) => `"${p}"`).join(', ')}.` : '';
    return decide(ctx, {
      id: 'conditional-access',
      failures: sightings,
      describe: ({ count, span }) =>
        `Conditional Access blocks the sign-in: ${occ.length ? `${codeNames(occ, ctx.tables)} in ${viaText(occ)}` : `Conditional Access result "failure" ${count} in Entra sign-in logs`}, ${span}.${namedText}`,
      remedy: [...codeRemedies(occ, ctx.tables), ...policyLines],
      count: attempts(occ) + caFailures.length,
      health: ctx.health('token'),
      blockers,
      aspect: 'token' as const,
      sources: ['aad', 'srs', 'signins', 'policies'],
      passText: () => '',
      quietText: '',
      action,
      extraEvidence: policies.map((p) => p.evidence),
    });
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
      reason:
        enforced.length > 0
          ? { code: 'failing', text: `Enabled policies include the room account and require what a room cannot do: ${enforced.map((p) => p.displayName).join(', ')}.` }
          : { code: 'risk', text: 'Report-only policies would block the room if they were turned on.' },
      action: enforced.length > 0 ? action : 'A report-only Conditional Access policy would block the room if it were turned on. Ask your identity team to exclude the room account before enforcing it.',
    });
  }
  return decide(ctx, {
    id: 'conditional-access',
    failures: [],
    describe: () => '',
    remedy: [],
    health: ctx.health('token'),
    blockers,
    aspect: 'token' as const,
    sources: ['aad', 'srs', 'signins', 'policies'],
    history: ctx.historyFor('conditional-access'),
    passText: (last) =>
      `Conditional Access lets the account sign in: ${last.what} (${when(last.lastTime)}), and no AADSTS53003 or related code after it.${ctx.sources.graphPolicies ? ' No enabled policy requires what a room cannot do.' : ''}`,
    quietText: `No Conditional Access error (AADSTS53003 or related) was found${ctx.sources.graphPolicies ? ', and no enabled policy requires what a room cannot do' : ''}.`,
  });
}
