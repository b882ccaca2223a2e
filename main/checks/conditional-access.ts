// Check 2: does a Conditional Access policy block the account? (AADSTS53003 and relatives, CA status in sign-ins, policies)
import type { CheckResult } from '../model/analysis';
import type { CaPolicyFact } from '../model/facts';
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
  const judged = judgePolicies(ctx.of('ca-policy'));
  const policyEvidence = ctx.of('ca-policy').map((p) => p.evidence);
  const enforced = judged.blocking;
  const policyLines = [
    ...judged.blocking.map((p) => `Policy "${p.displayName}" applies to the room and ${p.unsatisfiable.join(' and ')}: exclude the resource account (or its group) or change the grant.`),
    ...judged.mayBlock.map((p) => `Policy "${p.displayName}" ${p.unsatisfiable.join(' and ')} and may apply to the room (${(p.reason ?? '').replace(/^May apply: /, '')}): exclude the resource account to be sure.`),
    ...judged.contradicted.map((p) => `Policy "${p.displayName}" would apply by its conditions and ${p.unsatisfiable.join(' and ')}, but Entra recorded it as not applied on ${p.logged?.notAppliedOnSuccess ?? 0} successful sign-in(s): check the policy before changing it.`),
    ...judged.reportOnly.map((p) => `Report-only policy "${p.displayName}" ${p.unsatisfiable.join(' and ')} and ${p.outcome === 'applies' ? 'applies' : 'may apply'} to the room: exclude the resource account before enforcing it.`),
    ...judged.session.map((p) => `Policy "${p.displayName}" applies to the room with session controls Teams Rooms does not support (${(p.unsupportedSession ?? []).join(', ')}).`),
  ];
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
      extraEvidence: policyEvidence,
    });
  }
  if (enforced.length > 0) {
    // Fail without a failure in the evidence only when a policy certainly applies and certainly blocks, and no
    // sign-in record says otherwise.
    return result(ctx, 'conditional-access', {
      status: 'fail',
      summary: `${enforced.length === 1 ? 'A Conditional Access policy applies' : `${enforced.length} Conditional Access policies apply`} to the resource account with controls a room cannot satisfy: ${enforced.map((p) => `"${p.displayName}" (${p.unsatisfiable.join(', ')})`).join('; ')}.`,
      evidence: policyEvidence,
      remedy: policyLines,
      reason: { code: 'failing', text: `Enabled policies certainly apply to the room account and require what a room cannot do: ${enforced.map((p) => p.displayName).join(', ')}.` },
      action,
    });
  }
  const warned = [...judged.contradicted, ...judged.mayBlock, ...judged.reportOnly, ...judged.session];
  if (warned.length > 0) {
    const parts = [
      judged.contradicted.length ? `${list(judged.contradicted)} would apply and block by ${judged.contradicted.length === 1 ? 'its' : 'their'} conditions, but the sign-in logs record ${judged.contradicted.length === 1 ? 'it' : 'them'} as not applied to the room's successful sign-ins` : '',
      judged.mayBlock.length ? `${list(judged.mayBlock)} may apply and would block: ${judged.mayBlock.map((p) => (p.reason ?? '').replace(/^May apply: /, '').replace(/\.$/, '')).join('; ')}` : '',
      judged.reportOnly.length ? `report-only ${list(judged.reportOnly)} would block the room if enforced` : '',
      judged.session.length ? `${list(judged.session)} ${judged.session.length === 1 ? 'applies' : 'apply'} with session controls Teams Rooms does not support` : '',
    ].filter(Boolean);
    return result(ctx, 'conditional-access', {
      status: 'warn',
      summary: `No Conditional Access policy is known to block the room now, but ${parts.join('; ')}.`,
      evidence: policyEvidence,
      remedy: policyLines,
      reason: { code: 'risk', text: `Policies that could block the room: ${warned.map((p) => p.displayName).join(', ')}.` },
      action: judged.reportOnly.length && warned.length === judged.reportOnly.length
        ? 'A report-only Conditional Access policy would block the room if it were turned on. Ask your identity team to exclude the room account before enforcing it.'
        : 'A Conditional Access policy could block the room under other conditions. Ask your identity team to exclude the room account from it, or to confirm the conditions that keep it off the room.',
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
      `Conditional Access lets the account sign in: ${last.what} (${when(last.lastTime)}), and no AADSTS53003 or related code after it.${ctx.sources.graphPolicies ? ` ${whatIfText(ctx.of('ca-policy'))}` : ''}`,
    quietText: `No Conditional Access error (AADSTS53003 or related) was found${ctx.sources.graphPolicies ? `. ${whatIfText(ctx.of('ca-policy'))}` : '.'}`,
    extraEvidence: policyEvidence,
  });
}

const list = (ps: CaPolicyFact[]) => ps.map((p) => `"${p.displayName}"`).join(', ');

/** Counts of the What If outcomes, for the pass sentence. */
function whatIfText(ps: CaPolicyFact[]): string {
  const count = (o: string) => ps.filter((p) => p.state !== 'enabledForReportingButNotEnforced' && p.outcome === o).length;
  const reportOnly = ps.filter((p) => p.state === 'enabledForReportingButNotEnforced').length;
  return `What If over ${ps.length} enabled or report-only ${ps.length === 1 ? 'policy' : 'policies'}: ${count('applies')} apply, ${count('does-not-apply')} do not apply, ${count('may-apply')} may apply, ${reportOnly} report-only; none is known to block the room (each policy's reason is in the evidence).`;
}

interface Judged {
  /** Enabled, certainly applies, certainly blocks, and no sign-in record says it did not apply. */
  blocking: CaPolicyFact[];
  /** Would apply and block by its conditions, but Entra recorded it as not applied on successful sign-ins. */
  contradicted: CaPolicyFact[];
  /** Enabled, may apply (not only on a risk level) or may block, and not contradicted by the logs. */
  mayBlock: CaPolicyFact[];
  /** Report-only and would block the room, unless the logs say it did not apply. */
  reportOnly: CaPolicyFact[];
  /** Enabled, applies, with session controls the room does not support. */
  session: CaPolicyFact[];
}

/**
 * What the sign-in logs recorded outranks the static reading for the period they cover: a policy Entra recorded
 * as not applied on the room's successful sign-ins is not a blocker.
 */
export function judgePolicies(ps: CaPolicyFact[]): Judged {
  const j: Judged = { blocking: [], contradicted: [], mayBlock: [], reportOnly: [], session: [] };
  for (const p of ps) {
    if (p.state === 'disabled' || p.outcome === undefined) continue;
    const quiet = (p.logged?.notAppliedOnSuccess ?? 0) > 0 || (p.logged?.results.success ?? 0) > 0;
    // A compliant-device grant whose compliance is unknown is no warning: it is the policy Microsoft recommends.
    const blocks = p.grant === 'blocks';
    const riskOnly = (p.dependsOn ?? []).length > 0 && (p.dependsOn ?? []).every((d) => d === 'risk');
    if (p.state === 'enabledForReportingButNotEnforced') {
      if (blocks && p.outcome !== 'does-not-apply' && !quiet && !riskOnly) j.reportOnly.push(p);
      continue;
    }
    if (p.state !== 'enabled') continue;
    if (p.outcome === 'applies' && p.grant === 'blocks') (quiet ? j.contradicted : j.blocking).push(p);
    else if (blocks && p.outcome !== 'does-not-apply' && !quiet && !riskOnly) j.mayBlock.push(p);
    if (p.outcome === 'applies' && (p.unsupportedSession ?? []).length > 0 && !quiet) j.session.push(p);
  }
  return j;
}
