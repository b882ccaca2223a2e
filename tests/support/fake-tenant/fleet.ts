// A tenant with many Teams Rooms: room i gets scenario i mod 9 (every failure of the article, healthy, and the
// predictive ones: password about to expire, wrong licence, a CA policy a room cannot satisfy), each with its
// own account, licences, groups and sign-ins. Tenant-wide settings that would hit every room (security
// defaults, an "All users" MFA policy) are scoped to a group of the Conditional Access rooms instead.
import { guid, MICROSOFT, ROOM, TENANT_DOMAIN } from './ids';
import { buildTenantData, NEVER_EXPIRES, POLICY_IDS, SCENARIOS, type ScenarioName } from './scenarios';
import type { SignInRow } from './signins';

type Json = Record<string, unknown>;

export interface FleetRoom {
  upn: string;
  id: string;
  name: string;
  scenario: ScenarioName;
  user: Json;
  licenseDetails: Json[];
  memberOf: Json[];
  hasMailbox: boolean;
  /** The user's signInActivity (returned only when $select names it), from the room's sign-in rows. */
  signInActivity: Json;
}

/** A bookable room in /places that is no Teams Room: no account at all (404), or a disabled, unlicensed one. */
export interface PlainRoom {
  upn: string;
  name: string;
  user: Json | null;
}

export interface FleetData {
  rooms: FleetRoom[];
  plainRooms: PlainRoom[];
  byKey: Map<string, FleetRoom>;
  places: Json[];
  signIns: SignInRow[];
  caPolicies: Json[];
  domain: Json;
  subscribedSkus: Json[];
  groupMembers: Map<string, Json[]>;
}

export const CA_ROOMS_GROUP = { id: guid('group-ca-mfa-rooms'), displayName: 'Rooms under the MFA policy' };

export function fleetRoomUpn(i: number): string {
  return `room-${String(i).padStart(4, '0')}@${TENANT_DOMAIN}`;
}

export function buildFleetData(count: number, now: Date): FleetData {
  const perScenario = new Map(SCENARIOS.map((s) => [s, buildTenantData(s, now)]));
  const rooms: FleetRoom[] = [];
  const places: Json[] = [];
  const signIns: SignInRow[] = [];
  for (let i = 0; i < count; i++) {
    const scenario = SCENARIOS[i % SCENARIOS.length] as ScenarioName;
    const data = perScenario.get(scenario) as ReturnType<typeof buildTenantData>;
    const upn = fleetRoomUpn(i);
    const id = guid(`fleet-room-${i}`);
    const name = `Room ${i} (${scenario})`;
    const user: Json = { ...data.user, id, userPrincipalName: upn, displayName: name, mail: data.user.mail ? upn : null };
    const memberOf = [...data.memberOf, ...(scenario === 'conditional-access' ? [{ '@odata.type': '#microsoft.graph.group', ...CA_ROOMS_GROUP }] : [])];
    const own = data.signIns.map((row) => ({ ...row, id: guid(`${String(row.id)}-${upn}`), userPrincipalName: upn, userId: id, userDisplayName: name }));
    signIns.push(...own);
    rooms.push({ upn, id, name, scenario, user, licenseDetails: data.licenseDetails, memberOf, hasMailbox: data.hasMailbox, signInActivity: signInActivity(own) });
    if (data.rooms.some((r) => r.emailAddress === ROOM.upn)) {
      places.push({ id: guid(`place-${upn}`), emailAddress: upn, displayName: name, capacity: 8, bookingType: 'standard' });
    }
  }
  // One ordinary bookable room per 25 Teams Rooms: every other one has no account Graph can find, the rest a
  // disabled account without licences (what Exchange gives a room mailbox).
  const plainRooms: PlainRoom[] = [];
  for (let i = 0; i < Math.floor(count / 25); i++) {
    const upn = `meeting-room-${String(i).padStart(3, '0')}@${TENANT_DOMAIN}`;
    const name = `Meeting room ${i}`;
    const user = i % 2 === 0 ? null : { id: guid(`plain-room-${i}`), userPrincipalName: upn, displayName: name, mail: upn, accountEnabled: false, passwordPolicies: 'DisablePasswordExpiration', assignedPlans: [] };
    plainRooms.push({ upn, name, user });
    places.push({ id: guid(`place-${upn}`), emailAddress: upn, displayName: name, capacity: 6, bookingType: 'standard' });
  }
  // The conditional-access scenario's policies, with the ones that reach every room (All users, All staff)
  // narrowed to the CA rooms' group, so the other rooms keep their own scenario.
  const caPolicies = (perScenario.get('conditional-access')?.caPolicies ?? []).map((p) => {
    if (p.id !== POLICY_IDS.mfaAllUsers && p.id !== POLICY_IDS.strengthReportOnly) return p;
    const conditions = p.conditions as { users: Json };
    return { ...p, conditions: { ...conditions, users: { ...conditions.users, includeUsers: [], includeGroups: [CA_ROOMS_GROUP.id] } } };
  });
  // The password scenario's domain (90-day passwords); other rooms' passwords never expire by policy.
  const domain = perScenario.get('password')?.domain ?? { id: TENANT_DOMAIN, passwordValidityPeriodInDays: NEVER_EXPIRES };
  const subscribedSkus = [
    { id: guid('sku-pro'), skuId: MICROSOFT.skus.teamsRoomsPro, skuPartNumber: 'Microsoft_Teams_Rooms_Pro', capabilityStatus: 'Enabled', consumedUnits: count },
    { id: guid('sku-mcocap'), skuId: MICROSOFT.skus.teamsSharedDevices, skuPartNumber: 'MCOCAP', capabilityStatus: 'Enabled', consumedUnits: 10 },
  ];
  const byKey = new Map<string, FleetRoom>();
  for (const r of rooms) {
    byKey.set(r.upn, r);
    byKey.set(r.id, r);
  }
  return { rooms, plainRooms, byKey, places, signIns, caPolicies, domain, subscribedSkus, groupMembers: groupMembers(rooms) };
}

/** Group id → its members (for /groups/{id}/transitiveMembers). */
function groupMembers(rooms: FleetRoom[]): Map<string, Json[]> {
  const out = new Map<string, Json[]>();
  for (const r of rooms) {
    for (const g of r.memberOf) {
      const list = out.get(String(g.id)) ?? [];
      list.push({ '@odata.type': '#microsoft.graph.user', id: r.id, userPrincipalName: r.upn });
      out.set(String(g.id), list);
    }
  }
  return out;
}


/** signInActivity as Entra keeps it: the last interactive and non-interactive attempts, and the last success. */
function signInActivity(rows: SignInRow[]): Json {
  const newest = (pick: (r: SignInRow) => boolean): SignInRow | null =>
    rows.filter(pick).reduce<SignInRow | null>((a, r) => (!a || r.createdDateTime > a.createdDateTime ? r : a), null);
  const interactive = newest((r) => r.isInteractive);
  const nonInteractive = newest((r) => !r.isInteractive);
  const success = newest((r) => (r.status as { errorCode: number }).errorCode === 0);
  return {
    lastSignInDateTime: interactive?.createdDateTime ?? null,
    lastSignInRequestId: interactive?.id ?? null,
    lastNonInteractiveSignInDateTime: nonInteractive?.createdDateTime ?? null,
    lastNonInteractiveSignInRequestId: nonInteractive?.id ?? null,
    lastSuccessfulSignInDateTime: success?.createdDateTime ?? null,
    lastSuccessfulSignInRequestId: success?.id ?? null,
  };
}
