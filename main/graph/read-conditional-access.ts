// Reads what the offline What If needs (policies, named locations, the account's groups and roles, the room's
// Entra device) and turns its answer into one CaPolicyFact per enabled or report-only policy (ca-whatif.ts).
import type { SignInFact } from '../model/facts';
import { odataString } from './odata';
import { POLICIES, whatIf, whatIfFacts, type Membership, type WhatIfInput } from './ca-whatif';
import type { GraphRun } from './graph-run';
import { NAMED_LOCATIONS } from './named-locations';
import {
  caPolicySchema,
  deviceSchema,
  directoryObjectSchema,
  namedLocationSchema,
  type GraphCaPolicy,
  type GraphDevice,
  type GraphDirectoryObject,
  type GraphUser,
} from './payload-schemas';

export { POLICIES, type Membership } from './ca-whatif';

const list = (values: string[] | null | undefined): string[] => values ?? [];

export function needsMembership(policies: GraphCaPolicy[]): boolean {
  return policies.some((p) => {
    const u = p.conditions.users;
    return !!u && [u.includeGroups, u.excludeGroups, u.includeRoles, u.excludeRoles].some((l) => list(l).length > 0);
  });
}

const needsLocations = (policies: GraphCaPolicy[]) =>
  policies.some((p) => p.state !== 'disabled' && [...list(p.conditions.locations?.includeLocations), ...list(p.conditions.locations?.excludeLocations)].some((l) => l.toLowerCase() !== 'all'));

/** Attributes a filter names that a sign-in's deviceDetail does not carry: then the device object is read. */
const needsDeviceObject = (policies: GraphCaPolicy[]) =>
  policies.some((p) => p.state !== 'disabled' && /device\.(?!deviceid\b|displayname\b|operatingsystem\b|iscompliant\b|trusttype\b)\w+/i.test(p.conditions.devices?.deviceFilter?.rule ?? ''));

/** @returns whether the policies could be read. */
export async function readConditionalAccess(run: GraphRun, user: Pick<GraphUser, 'id' | 'userType'> | null): Promise<boolean> {
  run.begin('conditional-access');
  const result = await run.attempt(`graph:${POLICIES}`, 'Conditional Access policies', 'Policy.Read.All', () => run.getAll(run.api(POLICIES), caPolicySchema));
  if (!result) return false;
  if (result.skipped) run.warn(`graph:${POLICIES}`, `${result.skipped} Conditional Access policies had an unexpected shape and were not evaluated.`);
  if (!user) {
    run.warn(`graph:${POLICIES}`, 'Conditional Access policies were read, but without the account they cannot be matched to it.');
    return true;
  }
  const policies = result.items;
  const who: Membership = { userId: user.id, groups: new Map(), roleTemplateIds: new Set(), userType: user.userType ?? null };
  if (needsMembership(policies)) {
    const memberOf = `/users/${user.id}/transitiveMemberOf`;
    const members = await run.attempt(`graph:${memberOf}`, "The account's groups and roles", 'Directory.Read.All', () =>
      run.getAll(run.api(memberOf).select(['id', 'displayName', 'roleTemplateId']), directoryObjectSchema),
    );
    if (!members) {
      who.known = false;
      run.warn(`graph:${POLICIES}`, 'Policies assigned through groups or roles could not be matched to the account: they are "may apply".');
    }
    addMembership(who, members?.items ?? []);
  }
  let namedLocations: WhatIfInput['namedLocations'] = [];
  if (needsLocations(policies)) {
    const read = await run.attempt(`graph:${NAMED_LOCATIONS}`, 'Named locations', 'Policy.Read.All', () => run.getAll(run.api(NAMED_LOCATIONS), namedLocationSchema));
    namedLocations = read ? read.items : null;
  }
  const signIns = run.facts.filter((f): f is SignInFact => f.kind === 'signin');
  const device = needsDeviceObject(policies) ? await readRoomDevice(run, signIns) : null;
  run.facts.push(...whatIfFacts(whatIf({ policies, who, namedLocations, signIns, device })));
  return true;
}

/** The Entra device the room's newest sign-in names (GET /devices?$filter=deviceId eq …), when it names one. */
async function readRoomDevice(run: GraphRun, signIns: SignInFact[]): Promise<GraphDevice | null> {
  const deviceId = [...signIns].sort((a, b) => (a.time < b.time ? 1 : -1)).find((s) => s.device?.deviceId)?.device?.deviceId;
  if (!deviceId) return null;
  const found = await run.attempt(`graph:/devices`, `The room's device ${deviceId}`, 'Device.Read.All (or Directory.Read.All)', () =>
    run.getAll(run.api('/devices').filter(`deviceId eq ${odataString(deviceId)}`), deviceSchema, 1),
  );
  return found?.items[0] ?? null;
}

/** Groups and directory roles from transitiveMemberOf, for matching policies assigned through them. */
export function addMembership(who: Membership, items: GraphDirectoryObject[]): void {
  for (const m of items) {
    if (m['@odata.type'] === '#microsoft.graph.directoryRole' && m.roleTemplateId) who.roleTemplateIds.add(m.roleTemplateId);
    else who.groups.set(m.id, m.displayName ?? m.id);
  }
}

/**
 * The What If as facts, for callers that read the policies themselves (the all-rooms mode): sign-ins, named
 * locations and the device are optional; what is missing makes the policies that need it "may apply".
 */
export function caPolicyFacts(policies: GraphCaPolicy[], who: Membership, context: Omit<WhatIfInput, 'policies' | 'who'> = {}) {
  return whatIfFacts(whatIf({ policies, who, ...context }));
}
