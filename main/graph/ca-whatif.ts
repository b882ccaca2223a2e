// The offline "What If" for a Teams Rooms resource account: for each enabled or report-only Conditional Access
// policy, whether it applies to the room's sign-ins and what it would do, condition by condition as Entra
// evaluates them (Graph conditionalAccessConditionSet: users, applications, clientAppTypes, platforms,
// locations, devices.deviceFilter, authenticationFlows, user and sign-in risk), then the grant and session
// controls against what Teams Rooms on Windows supports (Microsoft Teams docs, "Supported Conditional Access and
// Intune compliance policies for Microsoft Teams Rooms and devices"). A pure function: the single-room
// collection and the all-rooms mode call it with what they read.
import type { CaPolicyFact, CaPolicyLogged, SignInFact } from '../model/facts';
import { matchDeviceRule, type DeviceAttributes } from './device-filter';
import { graphEvidence } from './provenance';
import { siteInAny, type SignInSite } from './named-locations';
import type { GraphCaPolicy, GraphDevice, GraphNamedLocation } from './payload-schemas';

export const POLICIES = '/identity/conditionalAccess/policies';

export interface Membership {
  userId: string;
  groups: Map<string, string>;
  roleTemplateIds: Set<string>;
  /** false when transitiveMemberOf could not be read: group and role assignments are then unknown. */
  known?: boolean;
  /** Graph userType (Member / Guest); a resource account is a Member. */
  userType?: string | null;
}

/** Everything the What If needs about one room; every part may be missing (null / empty). */
export interface WhatIfInput {
  policies: GraphCaPolicy[];
  who: Membership;
  /** null: /identity/conditionalAccess/namedLocations could not be read. */
  namedLocations?: GraphNamedLocation[] | null;
  /** The room's sign-ins in the window (IPs, countries, device, risk, and what Entra recorded per policy). */
  signIns?: SignInFact[];
  /** The room's Entra device object, when the sign-ins name one and it was read. */
  device?: GraphDevice | null;
}

type CondState = 'in' | 'out' | 'unknown';
interface Cond {
  state: CondState;
  text: string;
  /** For unknowns: what it depends on is only a risk level (Entra decides it per sign-in). */
  risk?: boolean;
}

const list = (v: string[] | null | undefined): string[] => v ?? [];
const lower = (v: string[] | null | undefined): string[] => list(v).map((s) => s.toLowerCase());

/** The resources a Teams Room signs in to (Exchange Online, SharePoint Online, Teams, Skype for Business Online). */
const ROOM_RESOURCES: Record<string, string> = {
  '00000002-0000-0ff1-ce00-000000000000': 'Exchange Online',
  '00000003-0000-0ff1-ce00-000000000000': 'SharePoint Online',
  'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe': 'Microsoft Teams Services',
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264': 'Microsoft Teams',
  '00000004-0000-0ff1-ce00-000000000000': 'Skype for Business Online',
};

/** Grant controls a room cannot meet (it signs in with a password, without a person at it). */
const UNSATISFIABLE: Record<string, string> = {
  block: 'blocks access',
  mfa: 'requires multifactor authentication',
  domainJoinedDevice: 'requires a hybrid Microsoft Entra joined device',
  approvedApplication: 'requires an approved client app',
  compliantApplication: 'requires an app protection policy',
  passwordChange: 'requires a password change',
};

function groupName(who: Membership, id: string): string {
  return `group "${who.groups.get(id) ?? id}"`;
}

function usersCondition(p: GraphCaPolicy, who: Membership): Cond & { includedBy: string | null } {
  const u = p.conditions.users;
  const guest = (who.userType ?? 'Member').toLowerCase() === 'guest';
  const known = who.known !== false;
  if (!u) return { state: 'out', text: 'assigns no users', includedBy: null };
  if (list(u.excludeUsers).includes(who.userId)) return { state: 'out', text: 'excludes the room account by name', includedBy: null };
  const exGroup = list(u.excludeGroups).find((g) => who.groups.has(g));
  if (exGroup) return { state: 'out', text: `excludes ${groupName(who, exGroup)}, of which the room account is a member (directly or nested)`, includedBy: null };
  const exRole = list(u.excludeRoles).find((r) => who.roleTemplateIds.has(r));
  if (exRole) return { state: 'out', text: `excludes directory role ${exRole}, which the room account holds`, includedBy: null };
  if (guest && u.excludeGuestsOrExternalUsers) return { state: 'out', text: 'excludes guests and external users, and the room account is a guest', includedBy: null };

  let includedBy: string | null = null;
  if (lower(u.includeUsers).includes('all')) includedBy = 'All users';
  else if (list(u.includeUsers).includes(who.userId)) includedBy = 'the room account by name';
  else if (guest && (lower(u.includeUsers).includes('guestsorexternalusers') || u.includeGuestsOrExternalUsers)) includedBy = 'guests and external users';
  else {
    const g = list(u.includeGroups).find((id) => who.groups.has(id));
    if (g) includedBy = groupName(who, g);
    const r = !g ? list(u.includeRoles).find((id) => who.roleTemplateIds.has(id)) : undefined;
    if (r) includedBy = `directory role ${r}`;
  }
  const viaMembership = list(u.excludeGroups).length + list(u.excludeRoles).length > 0;
  if (includedBy) {
    if (!known && viaMembership) return { state: 'unknown', text: 'whether the room account is in the excluded groups or roles (its memberships could not be read)', includedBy };
    return { state: 'in', text: `includes ${includedBy}`, includedBy };
  }
  if (!known && list(u.includeGroups).length + list(u.includeRoles).length > 0) {
    return { state: 'unknown', text: 'whether the room account is in the included groups or roles (its memberships could not be read)', includedBy: null };
  }
  return { state: 'out', text: 'does not include the room account (neither by name nor through its groups or roles)', includedBy: null };
}

function applicationsCondition(p: GraphCaPolicy): Cond {
  const a = p.conditions.applications;
  if (!a) return { state: 'in', text: 'targets all resources' };
  const actions = list(a.includeUserActions);
  if (actions.length) return { state: 'out', text: `targets the user action ${actions.join(', ')}, not sign-ins to Exchange, SharePoint or Teams` };
  const contexts = list(a.includeAuthenticationContextClassReferences);
  if (contexts.length) return { state: 'out', text: `targets authentication context ${contexts.join(', ')}, which the Teams Rooms app never requests` };
  const include = lower(a.includeApplications);
  const exclude = lower(a.excludeApplications);
  const ids = Object.keys(ROOM_RESOURCES);
  let covered = include.includes('all') ? ids : include.includes('office365') ? ids : ids.filter((id) => include.includes(id));
  if (exclude.includes('office365')) return { state: 'out', text: 'excludes Office 365, which holds every resource a Teams Room uses' };
  covered = covered.filter((id) => !exclude.includes(id));
  if (covered.length === 0) {
    return { state: 'out', text: include.length ? 'targets only resources a Teams Room does not use' : 'targets no resources' };
  }
  const names = [...new Set(covered.map((id) => ROOM_RESOURCES[id]))];
  return { state: 'in', text: `targets ${include.includes('all') ? 'all resources' : include.includes('office365') ? 'Office 365' : names.join(', ')}` };
}

function clientAppsCondition(p: GraphCaPolicy): Cond {
  const types = lower(p.conditions.clientAppTypes);
  if (types.length === 0 || types.includes('all')) return { state: 'in', text: 'all client apps' };
  if (types.includes('mobileappsanddesktopclients')) return { state: 'in', text: 'mobile apps and desktop clients (the Teams Rooms app)' };
  return { state: 'out', text: `targets only ${list(p.conditions.clientAppTypes).join(', ')}; the Teams Rooms app is a desktop client with modern authentication` };
}

function platformsCondition(p: GraphCaPolicy): Cond {
  const pl = p.conditions.platforms;
  const include = lower(pl?.includePlatforms);
  const exclude = lower(pl?.excludePlatforms);
  if (!pl || include.length === 0) return { state: 'in', text: 'any platform' };
  if (exclude.includes('windows') || exclude.includes('all')) return { state: 'out', text: 'excludes the Windows platform (Teams Rooms on Windows)' };
  if (include.includes('all') || include.includes('windows')) return { state: 'in', text: 'includes Windows' };
  return { state: 'out', text: `targets only ${list(pl.includePlatforms).join(', ')}, not Windows (Teams Rooms on Windows)` };
}

/** The distinct places the room signed in from, newest first. */
function sitesOf(signIns: SignInFact[]): SignInSite[] {
  const seen = new Map<string, SignInSite>();
  for (const s of [...signIns].sort((a, b) => (a.time < b.time ? 1 : -1))) {
    const site = { ip: s.ipAddress ?? null, country: s.country ?? null };
    const key = `${site.ip ?? ''}|${site.country ?? ''}`;
    if (!seen.has(key) && (site.ip || site.country)) seen.set(key, site);
  }
  return [...seen.values()];
}

const siteText = (s: SignInSite) => `${s.ip ?? 'an unknown IP'}${s.country ? ` (${s.country})` : ''}`;

function locationsCondition(p: GraphCaPolicy, sites: SignInSite[], locations: GraphNamedLocation[] | null): Cond {
  const loc = p.conditions.locations;
  const include = list(loc?.includeLocations);
  const exclude = list(loc?.excludeLocations);
  if (!loc || (include.length === 0 && exclude.length === 0)) return { state: 'in', text: 'any location' };
  if (sites.length === 0) return { state: 'unknown', text: 'the IP address the room signs in from (no sign-in in the logs names it)' };
  const per = sites.map((site) => {
    const inc = siteInAny(site, include, locations);
    const exc = siteInAny(site, exclude, locations);
    let state: CondState;
    if (exc.match === true || inc.match === false) state = 'out';
    else if (inc.match === true && exc.match === false) state = 'in';
    else state = 'unknown';
    return { site, state, inc, exc };
  });
  const outs = per.filter((x) => x.state === 'out');
  const ins = per.filter((x) => x.state === 'in');
  if (outs.length === per.length) {
    const first = outs[0] as (typeof per)[number];
    const why =
      first.exc.match === true
        ? `inside ${first.exc.which}, which the policy excludes; it would apply if the room signed in from outside it`
        : `outside every location the policy includes; it would apply if the room signed in from one of them`;
    return { state: 'out', text: `the room signs in from ${outs.map((x) => siteText(x.site)).join(', ')}, ${why}` };
  }
  if (ins.length === per.length) {
    return { state: 'in', text: `the room signs in from ${ins.map((x) => siteText(x.site)).join(', ')}, ${ins[0]?.inc.which === 'any location' ? 'and the policy covers any location not excluded' : `inside ${ins[0]?.inc.which ?? 'an included location'}`}` };
  }
  const unknown = per.filter((x) => x.state === 'unknown');
  if (unknown.length) {
    const w = unknown[0] as (typeof per)[number];
    return { state: 'unknown', text: `whether ${siteText(w.site)} is in ${w.exc.match === null ? w.exc.which : w.inc.which}` };
  }
  return {
    state: 'unknown',
    text: `which address the room signs in from: it applies from ${ins.map((x) => siteText(x.site)).join(', ')} and not from ${outs.map((x) => siteText(x.site)).join(', ')}`,
  };
}

const TRUST_TYPES: Record<string, string> = {
  'azure ad joined': 'AzureAD',
  'microsoft entra joined': 'AzureAD',
  'hybrid azure ad joined': 'ServerAD',
  'microsoft entra hybrid joined': 'ServerAD',
  'azure ad registered': 'Workplace',
  'microsoft entra registered': 'Workplace',
};

/** The device as Entra saw it on the room's newest sign-in, completed from the Entra device object when read. */
export function roomDevice(signIns: SignInFact[], device: GraphDevice | null): DeviceAttributes | null {
  const latest = [...signIns].filter((s) => s.device).sort((a, b) => (a.time < b.time ? 1 : -1))[0];
  const values = new Map<string, string | string[] | null>();
  if (device) {
    const put = (k: string, v: string | string[] | boolean | null | undefined) => {
      if (v !== undefined) values.set(k.toLowerCase(), typeof v === 'boolean' ? (v ? 'True' : 'False') : v);
    };
    put('deviceId', device.deviceId);
    put('displayName', device.displayName);
    put('operatingSystem', device.operatingSystem);
    put('operatingSystemVersion', device.operatingSystemVersion);
    put('isCompliant', device.isCompliant);
    put('trustType', device.trustType);
    put('manufacturer', device.manufacturer);
    put('model', device.model);
    put('deviceOwnership', device.deviceOwnership);
    put('enrollmentProfileName', device.enrollmentProfileName);
    put('mdmAppId', device.mdmAppId);
    put('profileType', device.profileType);
    put('physicalIds', device.physicalIds);
    put('systemLabels', device.systemLabels);
    for (let i = 1; i <= 15; i++) put(`extensionAttribute${i}`, device.extensionAttributes?.[`extensionAttribute${i}`] ?? null);
    return { registered: true, values, source: `the Entra device "${device.displayName ?? device.deviceId ?? ''}"` };
  }
  if (!latest?.device) return null;
  const d = latest.device;
  if (!d.deviceId) return { registered: false, values, source: `the room's sign-in of ${latest.time} (no registered device)` };
  values.set('deviceid', d.deviceId);
  if (d.displayName) values.set('displayname', d.displayName);
  if (d.operatingSystem) values.set('operatingsystem', d.operatingSystem.toLowerCase().startsWith('windows') ? 'Windows' : d.operatingSystem);
  if (d.isCompliant !== null) values.set('iscompliant', d.isCompliant ? 'True' : 'False');
  if (d.trustType) values.set('trusttype', TRUST_TYPES[d.trustType.toLowerCase()] ?? d.trustType);
  return { registered: true, values, source: `the device on the room's sign-in of ${latest.time}` };
}

function deviceCondition(p: GraphCaPolicy, device: DeviceAttributes | null): Cond {
  const filter = p.conditions.devices?.deviceFilter;
  if (!filter?.rule) return { state: 'in', text: 'any device' };
  const mode = (filter.mode ?? 'include').toLowerCase();
  const rule = filter.rule;
  if (!device) return { state: 'unknown', text: `the room's device attributes, which could not be read (filter ${mode} ${rule})` };
  const r = matchDeviceRule(rule, device);
  if (r.error) return { state: 'unknown', text: `a device filter this tool cannot read (${r.error}): ${rule}` };
  if (r.matches === null) return { state: 'unknown', text: `device attributes not readable (${r.unknown.join(', ')}) for the filter ${rule}` };
  const matchText = `${device.source} ${r.matches ? 'matches' : 'does not match'} ${rule}`;
  if (mode === 'exclude') return r.matches ? { state: 'out', text: `excludes filtered devices, and ${matchText}` } : { state: 'in', text: `${matchText}, so the exclusion filter does not exclude it` };
  return r.matches ? { state: 'in', text: `${matchText}` } : { state: 'out', text: `includes only filtered devices, and ${matchText}` };
}

function authFlowsCondition(p: GraphCaPolicy): Cond {
  const methods = p.conditions.authenticationFlows?.transferMethods;
  if (!methods) return { state: 'in', text: 'any authentication flow' };
  return { state: 'out', text: `targets the authentication flows ${methods}; a Teams Room signs in with its password, not with device code or authentication transfer` };
}

function riskCondition(p: GraphCaPolicy, signIns: SignInFact[]): Cond {
  const user = lower(p.conditions.userRiskLevels).filter((l) => l !== 'none');
  const signIn = lower(p.conditions.signInRiskLevels).filter((l) => l !== 'none');
  if (!user.length && !signIn.length) return { state: 'in', text: 'any risk' };
  const seen = [...new Set(signIns.map((s) => s.signInRisk).filter((r): r is string => !!r))];
  const levels = [...(user.length ? [`user risk ${user.join('/')}`] : []), ...(signIn.length ? [`sign-in risk ${signIn.join('/')}`] : [])];
  return {
    state: 'unknown',
    risk: true,
    text: `Entra ID Protection rating the room at ${levels.join(' or ')}${seen.length ? ` (its sign-ins in the logs: risk ${seen.join(', ')})` : ''}`,
  };
}

/** Whether the room is compliant, as far as is known: the device object, else the newest sign-in's device. */
function compliance(device: DeviceAttributes | null): boolean | null {
  if (!device) return null;
  if (device.registered === false) return false;
  const v = device.values.get('iscompliant');
  return typeof v === 'string' ? v.toLowerCase() === 'true' : null;
}

function grantOf(p: GraphCaPolicy, compliant: boolean | null): { grant: 'blocks' | 'may-block' | 'none'; reasons: string[] } {
  const g = p.grantControls;
  if (!g) return { grant: 'none', reasons: [] };
  const controls: { met: boolean | null; reason: string }[] = [];
  for (const c of list(g.builtInControls)) {
    if (c === 'compliantDevice') {
      controls.push({ met: compliant, reason: compliant === false ? 'requires a compliant device, and the room\'s device is not compliant (or not registered)' : 'requires a compliant device (not known whether the room\'s device is compliant)' });
    } else if (UNSATISFIABLE[c]) controls.push({ met: false, reason: UNSATISFIABLE[c] as string });
    // Unknown future controls are left out: nothing says a room cannot meet them.
  }
  if (g.authenticationStrength) controls.push({ met: false, reason: `requires authentication strength "${g.authenticationStrength.displayName ?? g.authenticationStrength.id ?? 'custom'}"` });
  if (list(g.termsOfUse).length) controls.push({ met: false, reason: 'requires accepting terms of use' });
  if (list(g.customAuthenticationFactors).length) controls.push({ met: false, reason: 'requires a custom authentication factor' });
  if (list(g.builtInControls).includes('block')) return { grant: 'blocks', reasons: ['blocks access'] };
  if (controls.length === 0) return { grant: 'none', reasons: [] };
  const and = (g.operator ?? 'OR').toUpperCase() === 'AND';
  const unmet = controls.filter((c) => c.met === false);
  const open = controls.filter((c) => c.met === null);
  if (and) {
    if (unmet.length) return { grant: 'blocks', reasons: unmet.map((c) => c.reason) };
    return open.length ? { grant: 'may-block', reasons: open.map((c) => c.reason) } : { grant: 'none', reasons: [] };
  }
  if (controls.some((c) => c.met === true)) return { grant: 'none', reasons: [] };
  return open.length ? { grant: 'may-block', reasons: open.map((c) => c.reason) } : { grant: 'blocks', reasons: unmet.map((c) => c.reason) };
}

/** Session controls Teams Rooms on Windows does not support (sign-in frequency is supported). */
function unsupportedSession(p: GraphCaPolicy): string[] {
  const s = p.sessionControls;
  if (!s) return [];
  const out: string[] = [];
  if (s.applicationEnforcedRestrictions?.isEnabled) out.push('app enforced restrictions');
  if (s.cloudAppSecurity?.isEnabled) out.push('Conditional Access App Control');
  if (s.persistentBrowser?.isEnabled) out.push('persistent browser session');
  if (s.continuousAccessEvaluation?.mode && s.continuousAccessEvaluation.mode !== 'disabled') out.push(`continuous access evaluation (${s.continuousAccessEvaluation.mode})`);
  if (s.disableResilienceDefaults) out.push('disable resilience defaults');
  if (s.secureSignInSession?.isEnabled) out.push('token protection (secure sign-in session)');
  return out;
}

function loggedFor(policyId: string, signIns: SignInFact[]): CaPolicyLogged | null {
  const results: Record<string, number> = {};
  let notAppliedOnSuccess = 0;
  let latestNotApplied: string | null = null;
  let any = false;
  for (const s of signIns) {
    const entry = s.caPolicies?.find((c) => c.id === policyId);
    if (!entry?.result) continue;
    any = true;
    results[entry.result] = (results[entry.result] ?? 0) + 1;
    if (s.errorCode === 0 && /^(notApplied|reportOnlyNotApplied)$/i.test(entry.result)) {
      notAppliedOnSuccess++;
      if (!latestNotApplied || s.time > latestNotApplied) latestNotApplied = s.time;
    }
  }
  return any ? { results, notAppliedOnSuccess, latestNotApplied } : null;
}

/** applied: Entra evaluated the policy on a room's sign-in (success, failure, report-only success/failure); not: only notApplied. */
function recorded(logged: CaPolicyLogged | null): 'applied' | 'not' | null {
  if (!logged) return null;
  const results = Object.keys(logged.results).map((r) => r.toLowerCase());
  if (results.some((r) => ['success', 'failure', 'reportonlysuccess', 'reportonlyfailure', 'reportonlyinterrupted'].includes(r))) return 'applied';
  return results.some((r) => r === 'notapplied' || r === 'reportonlynotapplied') ? 'not' : null;
}

export interface PolicyWhatIf {
  policy: GraphCaPolicy;
  outcome: 'applies' | 'does-not-apply' | 'may-apply';
  reason: string;
  dependsOn: string[];
  /** Every unknown is a risk level: Entra decides it per sign-in, nothing to read. */
  riskOnly: boolean;
  includedBy: string | null;
  grant: 'blocks' | 'may-block' | 'none';
  unsatisfiable: string[];
  unsupportedSession: string[];
  logged: CaPolicyLogged | null;
}

/** The What If for every enabled and report-only policy (disabled ones are not evaluated, as in Entra). */
export function whatIf(input: WhatIfInput): PolicyWhatIf[] {
  const signIns = input.signIns ?? [];
  const sites = sitesOf(signIns);
  const device = roomDevice(signIns, input.device ?? null);
  const compliant = compliance(device);
  const out: PolicyWhatIf[] = [];
  for (const policy of input.policies) {
    if (policy.state === 'disabled') continue;
    const users = usersCondition(policy, input.who);
    const conds: [string, Cond][] = [
      ['users', users],
      ['target resources', applicationsCondition(policy)],
      ['client apps', clientAppsCondition(policy)],
      ['device platforms', platformsCondition(policy)],
      ['locations', locationsCondition(policy, sites, input.namedLocations ?? null)],
      ['filter for devices', deviceCondition(policy, device)],
      ['authentication flows', authFlowsCondition(policy)],
      ['risk', riskCondition(policy, signIns)],
    ];
    const excluding = conds.find(([, c]) => c.state === 'out');
    const unknown = conds.filter(([, c]) => c.state === 'unknown');
    const { grant, reasons } = grantOf(policy, compliant);
    const base = { policy, includedBy: users.includedBy, grant, unsatisfiable: reasons, unsupportedSession: unsupportedSession(policy), logged: loggedFor(policy.id, signIns) };
    if (excluding) {
      out.push({ ...base, outcome: 'does-not-apply', reason: `Does not apply (${excluding[0]}): ${excluding[1].text.startsWith('the room') ? '' : 'the policy '}${excluding[1].text}.`, dependsOn: [], riskOnly: false });
    } else if (unknown.length && recorded(base.logged) !== null) {
      // What Entra recorded outranks the static reading for the period the logs cover.
      const applied = recorded(base.logged) === 'applied';
      const depends = unknown.map(([, c]) => c.text).join('; and on ');
      const tally = Object.entries(base.logged?.results ?? {}).map(([r, n]) => `${r} ×${n}`).join(', ');
      out.push({
        ...base,
        outcome: applied ? 'applies' : 'does-not-apply',
        reason: `${applied ? 'Applies' : 'Does not apply'} (as Entra recorded it on the room's sign-ins: ${tally}); by its conditions it depends on ${depends}.`,
        dependsOn: [],
        riskOnly: false,
      });
    } else if (unknown.length) {
      out.push({
        ...base,
        outcome: 'may-apply',
        reason: `May apply: it depends on ${unknown.map(([, c]) => c.text).join('; and on ')}.`,
        dependsOn: unknown.map(([name]) => name),
        riskOnly: unknown.every(([, c]) => c.risk === true),
      });
    } else {
      out.push({ ...base, outcome: 'applies', reason: `Applies: it ${users.text}, ${conds[1]?.[1].text}, and every other condition includes the room.`, dependsOn: [], riskOnly: false });
    }
  }
  return out;
}

function describe(w: PolicyWhatIf): string {
  const state = w.policy.state === 'enabled' ? 'on' : w.policy.state === 'enabledForReportingButNotEnforced' ? 'report-only' : w.policy.state;
  const grant = w.grant === 'none' ? '' : ` Grant: ${w.unsatisfiable.join(', ')}${w.grant === 'may-block' ? ' (may block)' : ''}.`;
  const logged = w.logged ? ` Sign-in logs: ${Object.entries(w.logged.results).map(([r, n]) => `${r} ×${n}`).join(', ')}.` : '';
  return `"${w.policy.displayName}" (${state}). ${w.reason}${grant}${logged}`;
}

/** One fact per evaluated policy, with the outcome and its reason in the evidence. */
export function whatIfFacts(results: PolicyWhatIf[]): CaPolicyFact[] {
  return results.map((w) => {
    const g = w.policy.grantControls;
    const fact: CaPolicyFact = {
      kind: 'ca-policy',
      id: w.policy.id,
      displayName: w.policy.displayName,
      state: w.policy.state,
      outcome: w.outcome,
      reason: w.reason,
      dependsOn: w.dependsOn,
      grant: w.grant,
      unsupportedSession: w.unsupportedSession,
      logged: w.logged,
      unsatisfiable: w.unsatisfiable,
      grantControls: g
        ? {
            operator: g.operator ?? 'OR',
            builtInControls: list(g.builtInControls),
            authenticationStrength: g.authenticationStrength?.displayName ?? null,
            termsOfUse: list(g.termsOfUse).length,
          }
        : null,
      applications: list(w.policy.conditions.applications?.includeApplications),
      evidence: graphEvidence(`${POLICIES}/${w.policy.id}`, `policy "${w.policy.displayName}"`, null, describe(w), w.policy),
    };
    if (w.includedBy) fact.includedBy = w.includedBy;
    // The reason whole, never cut to the excerpt's length.
    fact.evidence.fields = [
      { label: 'What If', value: w.policy.state === 'enabledForReportingButNotEnforced' ? `report-only (if enforced: ${w.outcome})` : w.outcome },
      { label: 'Reason', value: w.reason },
      ...(w.grant === 'none' ? [] : [{ label: 'Grant', value: `${w.grant}: ${w.unsatisfiable.join('; ')}` }]),
      ...(w.unsupportedSession.length ? [{ label: 'Unsupported session controls', value: w.unsupportedSession.join(', ') }] : []),
      ...(w.logged ? [{ label: 'Sign-in logs', value: Object.entries(w.logged.results).map(([r, n]) => `${r} ×${n}`).join(', ') }] : []),
    ];
    return fact;
  });
}
