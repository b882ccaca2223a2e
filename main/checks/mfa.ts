// Check 1: is MFA required of the resource account? (AADSTS50076/50079 and relatives, per-user MFA, security defaults)
import type { CheckResult } from '../model/analysis';
import { failureOutcome, result, selectEvidence, unknown } from './compose';
import type { CheckContext } from './context';
import { attempts, codeNames, codeRemedies, viaText } from './describe-codes';

export function checkMfa(ctx: CheckContext): CheckResult {
  const occ = ctx.occurrencesFor('mfa');
  const policies = ctx.of('mfa-policy');
  const perUser = policies.filter((p) => p.topic === 'per-user-mfa' && p.state !== 'disabled');
  const defaults = policies.filter((p) => p.topic === 'security-defaults' && p.state === 'enabled');
  // Interaction required with no AADSTS code: MFA, CA or terms of use; worth a look, not a verdict.
  const interaction = ctx.of('aad-error').filter((f) => f.hresult === '0xCAA2000C' && !f.aadsts);
  const policyRemedy = [
    ...perUser.map((p) => `Per-user MFA is ${p.state} for this account: set it to Disabled.`),
    ...defaults.map(() => 'Security defaults are on for the tenant: they require MFA of every account and cannot exclude one. Turn them off and use Conditional Access policies that exclude room accounts.'),
  ];

  if (occ.length > 0) {
    const o = failureOutcome(
      ctx,
      occ,
      ({ span }) => `MFA is required of the resource account: ${codeNames(occ, ctx.tables)} in ${viaText(occ)}, ${span}.`,
      [...codeRemedies(occ, ctx.tables), ...policyRemedy],
      attempts(occ),
    );
    o.evidence = [...(o.evidence ?? []), ...perUser.map((p) => p.evidence), ...defaults.map((p) => p.evidence)];
    return result(ctx, 'mfa', o);
  }
  if (perUser.length > 0) {
    return result(ctx, 'mfa', {
      status: 'fail',
      summary: `Per-user MFA is ${perUser[0]?.state} for the resource account; the next password sign-in will be asked for MFA and fail (AADSTS50076).`,
      evidence: [...perUser.map((p) => p.evidence), ...defaults.map((p) => p.evidence)],
      remedy: policyRemedy,
    });
  }
  if (defaults.length > 0) {
    return result(ctx, 'mfa', {
      status: 'warn',
      summary: 'Security defaults are on for the tenant: they make every account register for and use MFA, which a room cannot do.',
      evidence: defaults.map((p) => p.evidence),
      remedy: policyRemedy,
    });
  }
  if (interaction.length > 0) {
    return result(ctx, 'mfa', {
      status: 'warn',
      summary: `The token broker reported "interaction required" (0xCAA2000C) ${interaction.length === 1 ? 'once' : `${interaction.length} times`} without an AADSTS code: MFA, Conditional Access or terms of use may be asking for a prompt. Check the matching Entra sign-ins.`,
      evidence: selectEvidence(interaction),
      firstSeen: interaction[0]?.time,
      lastSeen: interaction.at(-1)?.time,
      occurrences: interaction.length,
    });
  }
  if (ctx.sources.aadLog || ctx.sources.graphSignIns) {
    const where = [ctx.sources.aadLog && 'the device AAD log', ctx.sources.graphSignIns && 'Entra sign-in logs'].filter(Boolean).join(' and ');
    return result(ctx, 'mfa', { status: 'pass', summary: `No MFA requirement: ${where} show no AADSTS50076, 50079 or related codes.` });
  }
  return unknown(ctx, 'mfa');
}
