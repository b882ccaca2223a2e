// Check 1: is MFA required of the resource account? (AADSTS50076/50079 and relatives, per-user MFA, security defaults)
import type { CheckResult } from '../model/analysis';
import { result, selectEvidence, times, when } from './compose';
import type { CheckContext } from './context';
import { attempts, codeNames, codeRemedies, viaText } from './describe-codes';
import { decide, type VerdictInput } from './verdict';

/** The codes that ask for multifactor authentication itself; the rest of the family asks for another step (terms of use, an external challenge). */
const MFA_CODES: ReadonlySet<string> = new Set(['50076', '50079', '50072', '50074', '50078']);

export function checkMfa(ctx: CheckContext, blockers: CheckResult[] = []): CheckResult {
  const occ = ctx.occurrencesFor('mfa');
  const policies = ctx.of('mfa-policy');
  const perUser = policies.filter((p) => p.topic === 'per-user-mfa' && p.state !== 'disabled');
  const defaults = policies.filter((p) => p.topic === 'security-defaults' && p.state === 'enabled');
  const health = ctx.health('token');
  // Interaction required with no AADSTS code: MFA, CA or terms of use; worth a look, not a verdict.
  const interaction = ctx.of('aad-error').filter((f) => f.origin === 'app' && f.hresult === '0xCAA2000C' && !f.aadsts);
  const policyRemedy = [
    ...perUser.map((p) => `Per-user MFA is ${p.state} for this account: set it to Disabled.`),
    ...defaults.map(() => 'Security defaults are on for the tenant: they require MFA of every account and cannot exclude one. Turn them off and use Conditional Access policies that exclude room accounts.'),
  ];
  const policyEvidence = [...perUser.map((p) => p.evidence), ...defaults.map((p) => p.evidence)];
  const base: Omit<VerdictInput, 'failures' | 'describe' | 'remedy'> = {
    id: 'mfa',
    health,
    blockers,
    aspect: 'token' as const,
    sources: ['aad', 'srs', 'signins'],
    history: ctx.historyFor('mfa'),
    passText: (last) => `No MFA requirement stops the account: ${last.what} (${when(last.lastTime)}), and no AADSTS50076, 50079 or related code after it.`,
    quietText: 'No MFA error (AADSTS50076, 50079 or related) was found.',
    extraEvidence: policyEvidence,
  };

  if (occ.length > 0) {
    return decide(ctx, {
      ...base,
      failures: occ,
      describe: ({ span }) =>
        occ.some((o) => MFA_CODES.has(o.code))
          ? `MFA is required of the resource account: ${codeNames(occ, ctx.tables)} in ${viaText(occ)}, ${span}.`
          : `Entra asks the resource account for an interactive step a room cannot take: ${codeNames(occ, ctx.tables)} in ${viaText(occ)}, ${span}.`,
      remedy: [...codeRemedies(occ, ctx.tables), ...policyRemedy],
      count: attempts(occ),
      action: 'The room cannot sign in because Microsoft Entra asks its account for multifactor authentication, which a room cannot answer. Ask your identity team to turn off MFA for the room account and exclude it from MFA policies.',
    });
  }
  if (perUser.length > 0) {
    return result(ctx, 'mfa', {
      status: 'fail',
      summary: `Per-user MFA is ${perUser[0]?.state} for the resource account; the next password sign-in will be asked for MFA and fail (AADSTS50076).`,
      evidence: policyEvidence,
      remedy: policyRemedy,
      reason: { code: 'failing', text: `Per-user MFA is ${perUser[0]?.state} for the account (Entra's per-user MFA setting).` },
      action: 'The room will be asked for multifactor authentication, which it cannot answer. Ask your identity team to set per-user MFA to Disabled for the room account.',
    });
  }
  if (defaults.length > 0) {
    return result(ctx, 'mfa', {
      status: 'warn',
      summary: 'Security defaults are on for the tenant: they make every account register for and use MFA, which a room cannot do.',
      evidence: defaults.map((p) => p.evidence),
      remedy: policyRemedy,
      reason: { code: 'risk', text: 'Security defaults are enabled for the tenant.' },
      action: 'Security defaults will ask the room for MFA, which it cannot answer. Ask your identity team to replace security defaults with Conditional Access policies that exclude room accounts.',
    });
  }
  const lastInteraction = interaction.at(-1)?.time ?? null;
  if (interaction.length > 0 && !ctx.recoveredAfter(lastInteraction, health)) {
    return result(ctx, 'mfa', {
      status: 'warn',
      summary: `The token broker reported "interaction required" (0xCAA2000C) ${times(interaction.length)} without an AADSTS code: MFA, Conditional Access or terms of use may be asking for a prompt. Check the matching Entra sign-ins.`,
      evidence: selectEvidence(interaction),
      firstSeen: interaction[0]?.time,
      lastSeen: lastInteraction,
      occurrences: interaction.length,
      reason: { code: 'risk', text: 'Interaction required without a code: the cause is in the matching Entra sign-in.' },
      action: 'Microsoft Entra asked the room for an interactive step. Look up the matching sign-in in Entra to see whether MFA, Conditional Access or terms of use asked for it.',
    });
  }
  return decide(ctx, { ...base, failures: [], describe: () => '', remedy: [] });
}

