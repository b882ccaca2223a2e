// Conditional Access policies that reach the resource account, and why a room could not satisfy them.
// A room signs in with a password (ROPC) from an Intune-enrolled device: "require compliant device" works;
// MFA, authentication strength, hybrid join, approved/protected apps, password change and terms of use do not.
import type { CaPolicyFact } from '../model/facts';
import { graphEvidence } from './provenance';
import type { GraphRun } from './graph-run';
import { caPolicySchema, directoryObjectSchema, type GraphCaPolicy, type GraphDirectoryObject } from './schemas';

export const POLICIES = '/identity/conditionalAccess/policies';

/**
 * Grant controls a room cannot satisfy, with the reason the technician reads. compliantDevice is absent on
 * purpose (an Intune-enrolled room meets it), and so is anything unknown.
 */
const UNSATISFIABLE_CONTROLS: Record<string, string> = {
  block: 'blocks access',
  mfa: 'requires multifactor authentication',
  domainJoinedDevice: 'requires a hybrid Microsoft Entra joined device',
  approvedApplication: 'requires an approved client app',
  compliantApplication: 'requires an app protection policy',
  passwordChange: 'requires a password change',
};

/** Apps whose sign-in a room makes: policies for other apps only do not affect it. */
const ROOM_APPS = new Set([
  'all',
  'office365',
  '00000002-0000-0ff1-ce00-000000000000', // Exchange Online
  'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe', // Microsoft Teams Services
  '00000004-0000-0ff1-ce00-000000000000', // Skype for Business Online
]);

export interface Membership {
  userId: string;
  groups: Map<string, string>;
  roleTemplateIds: Set<string>;
}

export interface CaEvaluation {
  /** Null when the policy does not reach the account (not included, excluded, other apps or client types). */
  includedBy: string | null;
  unsatisfiable: string[];
}

const list = (values: string[] | null | undefined): string[] => values ?? [];

function inclusion(policy: GraphCaPolicy, who: Membership): string | null {
  const users = policy.conditions.users;
  if (!users) return null;
  const excluded =
    list(users.excludeUsers).includes(who.userId) ||
    list(users.excludeGroups).some((g) => who.groups.has(g)) ||
    list(users.excludeRoles).some((r) => who.roleTemplateIds.has(r));
  if (excluded) return null;
  if (list(users.includeUsers).includes('All')) return 'All users';
  if (list(users.includeUsers).includes(who.userId)) return 'the account directly';
  const group = list(users.includeGroups).find((g) => who.groups.has(g));
  if (group) return `group "${who.groups.get(group) ?? group}"`;
  const role = list(users.includeRoles).find((r) => who.roleTemplateIds.has(r));
  if (role) return `directory role ${role}`;
  return null;
}

function targetsRoomApps(policy: GraphCaPolicy): boolean {
  const apps = policy.conditions.applications;
  if (!apps) return true;
  const included = list(apps.includeApplications).map((a) => a.toLowerCase());
  return included.some((a) => ROOM_APPS.has(a));
}

/** A room uses modern authentication ("Mobile apps and desktop clients"); legacy-only policies miss it. */
function reachesRoomClient(types: string[]): boolean {
  return types.length === 0 || types.includes('all') || types.includes('mobileAppsAndDesktopClients');
}

function grantReasons(policy: GraphCaPolicy): string[] {
  const grant = policy.grantControls;
  if (!grant) return [];
  const controls: { reason: string | null }[] = list(grant.builtInControls).map((c) => ({
    reason: UNSATISFIABLE_CONTROLS[c] ?? null,
  }));
  if (grant.authenticationStrength) {
    controls.push({ reason: `requires authentication strength "${grant.authenticationStrength.displayName ?? grant.authenticationStrength.id ?? 'custom'}"` });
  }
  if (list(grant.termsOfUse).length) controls.push({ reason: 'requires accepting terms of use' });
  if (list(grant.customAuthenticationFactors).length) controls.push({ reason: 'requires a custom authentication factor' });
  const reasons = controls.map((c) => c.reason).filter((r): r is string => r !== null);
  if (list(grant.builtInControls).includes('block')) return ['blocks access'];
  // OR: one control the room can meet (a compliant device) is enough. AND: every control must be met.
  if ((grant.operator ?? 'OR').toUpperCase() === 'OR') return reasons.length === controls.length ? reasons : [];
  return reasons;
}

export function evaluateCaPolicy(policy: GraphCaPolicy, who: Membership): CaEvaluation {
  const includedBy = inclusion(policy, who);
  const clientTypes = list(policy.conditions.clientAppTypes);
  if (!includedBy || !targetsRoomApps(policy) || !reachesRoomClient(clientTypes)) return { includedBy: null, unsatisfiable: [] };
  const reasons = grantReasons(policy);
  if (clientTypes.length && !clientTypes.includes('all')) {
    reasons.push('uses the client apps condition, which Teams Rooms does not support');
  }
  const risk = [
    ...list(policy.conditions.userRiskLevels).map((l) => `user risk ${l}`),
    ...list(policy.conditions.signInRiskLevels).map((l) => `sign-in risk ${l}`),
  ];
  // Risk remediation means MFA or a password change; only worth saying when the grant already defeats the room.
  if (grantReasons(policy).length && risk.length) reasons.push(`applies on ${risk.join(', ')}, which a room cannot remediate`);
  return { includedBy, unsatisfiable: reasons };
}

export function needsMembership(policies: GraphCaPolicy[]): boolean {
  return policies.some((p) => {
    const u = p.conditions.users;
    return !!u && [u.includeGroups, u.excludeGroups, u.includeRoles, u.excludeRoles].some((l) => list(l).length > 0);
  });
}

function describe(policy: GraphCaPolicy, includedBy: string): string {
  const g = policy.grantControls;
  const controls = [...list(g?.builtInControls), ...(g?.authenticationStrength ? [`authenticationStrength "${g.authenticationStrength.displayName ?? ''}"`] : [])];
  const excluded = list(policy.conditions.users?.excludeUsers).length + list(policy.conditions.users?.excludeGroups).length;
  return `"${policy.displayName}" (${policy.state}) includes ${includedBy}${excluded ? `, excludes ${excluded} other user(s)/group(s)` : ', excludes nobody'}; grant ${g?.operator ?? 'none'} [${controls.join(', ')}]`;
}

/** @returns whether the policies could be read. */
export async function readConditionalAccess(run: GraphRun, user: { id: string } | null): Promise<boolean> {
  run.begin('conditional-access');
  const result = await run.attempt(`graph:${POLICIES}`, 'Conditional Access policies', 'Policy.Read.All', () =>
    run.getAll(run.api(POLICIES), caPolicySchema),
  );
  if (!result) return false;
  if (result.skipped) run.warn(`graph:${POLICIES}`, `${result.skipped} Conditional Access policies had an unexpected shape and were not evaluated.`);
  if (!user) {
    run.warn(`graph:${POLICIES}`, 'Conditional Access policies were read, but without the account they cannot be matched to it.');
    return true;
  }

  const who: Membership = { userId: user.id, groups: new Map(), roleTemplateIds: new Set() };
  if (needsMembership(result.items)) {
    const memberOf = `/users/${user.id}/transitiveMemberOf`;
    const members = await run.attempt(`graph:${memberOf}`, 'The account\'s groups and roles', 'Directory.Read.All', () =>
      run.getAll(run.api(memberOf).select(['id', 'displayName', 'roleTemplateId']), directoryObjectSchema),
    );
    if (!members) run.warn(`graph:${POLICIES}`, 'Policies assigned through groups or roles could not be matched to the account.');
    addMembership(who, members?.items ?? []);
  }
  run.facts.push(...caPolicyFacts(result.items, who));
  return true;
}

/** Groups and directory roles from transitiveMemberOf, for matching policies assigned through them. */
export function addMembership(who: Membership, items: GraphDirectoryObject[]): void {
  for (const m of items) {
    if (m['@odata.type'] === '#microsoft.graph.directoryRole' && m.roleTemplateId) who.roleTemplateIds.add(m.roleTemplateId);
    else who.groups.set(m.id, m.displayName ?? m.id);
  }
}

/** The policies that reach the account, each with what a room cannot satisfy. */
export function caPolicyFacts(policies: GraphCaPolicy[], who: Membership): CaPolicyFact[] {
  const facts: CaPolicyFact[] = [];
  for (const policy of policies) {
    const { includedBy, unsatisfiable } = evaluateCaPolicy(policy, who);
    if (!includedBy) continue;
    const g = policy.grantControls;
    const fact: CaPolicyFact = {
      kind: 'ca-policy',
      id: policy.id,
      displayName: policy.displayName,
      state: policy.state,
      unsatisfiable,
      includedBy,
      grantControls: g
        ? {
            operator: g.operator ?? 'OR',
            builtInControls: list(g.builtInControls),
            authenticationStrength: g.authenticationStrength?.displayName ?? null,
            termsOfUse: list(g.termsOfUse).length,
          }
        : null,
      applications: list(policy.conditions.applications?.includeApplications),
      evidence: graphEvidence(`${POLICIES}/${policy.id}`, `policy "${policy.displayName}"`, null, describe(policy, includedBy), policy),
    };
    facts.push(fact);
  }
  return facts;
}
