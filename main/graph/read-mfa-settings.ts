// MFA settings that break a room's password sign-in: tenant security defaults and the account's per-user MFA.
import type { MfaPolicyFact } from '../model/facts';
import { graphEvidence } from './provenance';
import type { GraphRun } from './graph-run';
import { authenticationRequirementsSchema, securityDefaultsSchema } from './payload-schemas';

export const SECURITY_DEFAULTS = '/policies/identitySecurityDefaultsEnforcementPolicy';

export function securityDefaultsFact(defaults: { isEnabled: boolean }): MfaPolicyFact {
  return {
    kind: 'mfa-policy',
    topic: 'security-defaults',
    state: defaults.isEnabled ? 'enabled' : 'disabled',
    evidence: graphEvidence(SECURITY_DEFAULTS, 'isEnabled', null, `Security defaults isEnabled: ${String(defaults.isEnabled)}`, defaults),
  };
}

/** @returns whether security defaults could be read (part of "policies were read"). */
export async function readMfaSettings(run: GraphRun, userKey: string, perUserMfa = false): Promise<boolean> {
  run.begin('mfa');
  const defaults = await run.attempt(`graph:${SECURITY_DEFAULTS}`, 'Security defaults', 'Policy.Read.All', () =>
    run.getOne(run.api(SECURITY_DEFAULTS), securityDefaultsSchema),
  );
  if (defaults) run.facts.push(securityDefaultsFact(defaults));

  // Per-user MFA needs UserAuthenticationMethod.Read.All, which is asked for only when the technician wants it.
  if (!perUserMfa) return defaults !== null;
  const requirements = `/users/${userKey}/authentication/requirements`;
  const perUser = await run.attempt(`graph:/beta${requirements}`, 'Per-user MFA state (beta)', 'UserAuthenticationMethod.Read.All', () =>
    run.getOne(run.api(`/users/${encodeURIComponent(userKey)}/authentication/requirements`, 'beta'), authenticationRequirementsSchema),
  );
  if (perUser) {
    const fact: MfaPolicyFact = {
      kind: 'mfa-policy',
      topic: 'per-user-mfa',
      state: perUser.perUserMfaState,
      evidence: graphEvidence(`/beta${requirements}`, 'perUserMfaState', null, `perUserMfaState: ${perUser.perUserMfaState}`, perUser),
    };
    run.facts.push(fact);
  }
  return defaults !== null;
}
