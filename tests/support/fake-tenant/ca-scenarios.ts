// Conditional Access tenants for the offline What If, written from real shapes:
// - policies: Microsoft Entra's Conditional Access templates ("Require multifactor authentication for all users",
//   "Block legacy authentication", "Block access by location", "Block authentication flows" (device code),
//   "Require app protection policy" for iOS/Android, "Sign-in risk-based" policies, "Securing security info
//   registration") in the conditionalAccessPolicy shape of Graph's "Create conditionalAccessPolicy" examples
//   (microsoft-graph-docs-contrib api-reference/v1.0/api/conditionalaccessroot-post-policies.md);
// - named locations: the ipNamedLocation / countryNamedLocation examples of "List namedLocations";
// - the device filter: Entra's "Conditional Access: Filter for devices" (extensionAttribute rules, exclude mode)
//   as Microsoft's Teams guidance uses it to keep shared Teams devices out of user policies;
// - sign-in rows: Graph's signIn example (appliedConditionalAccessPolicies results, deviceDetail, location).
import { BREAK_GLASS_ID, GROUPS, guid } from './ids';
import { ROOM_DEVICE_DETAIL, type AppliedPolicy, type SignInSpec } from './signins';

type Json = Record<string, unknown>;

export const CA_SCENARIOS = [
  /** A baseline of template policies, the room in the excluded Teams Rooms group; every sign-in succeeds. */
  'ca-baseline-excluded',
  /** The same baseline without the exclusion: MFA for all users reaches the room, its sign-ins fail. */
  'ca-baseline-not-excluded',
  /** Block outside trusted locations; the room signs in from the trusted office range. */
  'ca-location-inside',
  /** The same policy; the room signs in from another country and is blocked. */
  'ca-location-outside',
  /** A block policy for the rooms group that excludes Teams Rooms devices by a device filter. */
  'ca-device-filter',
  /** MFA for all users in report-only, not excluding the room. */
  'ca-report-only',
  /** MFA for all users excluding a group that holds the rooms group (nested). */
  'ca-nested-group',
] as const;
export type CaScenarioName = (typeof CA_SCENARIOS)[number];

export const CA_IDS = {
  mfaAll: guid('ca-tpl-mfa-all'),
  legacy: guid('ca-tpl-legacy'),
  countries: guid('ca-tpl-countries'),
  deviceCode: guid('ca-tpl-device-code'),
  appProtection: guid('ca-tpl-app-protection'),
  signInRisk: guid('ca-tpl-signin-risk'),
  securityInfo: guid('ca-tpl-security-info'),
  untrusted: guid('ca-untrusted-locations'),
  sharedDevices: guid('ca-shared-devices'),
  mfaReportOnly: guid('ca-mfa-report-only'),
  locationHq: guid('nl-headquarters'),
  locationCountries: guid('nl-allowed-countries'),
} as const;

export const CA_EXCLUSIONS_GROUP = { id: guid('group-ca-exclusions'), displayName: 'Conditional Access exclusions' } as const;

export interface CaKit {
  now: Date;
  caPolicy(spec: Json & { id: string; displayName: string }): Json;
  /** Successful sign-ins (Exchange and Teams, the compliant-device policy success) with extra policy results. */
  healthy(count: number, extra: AppliedPolicy[], patch?: Partial<SignInSpec>): SignInSpec[];
  failing(count: number, errorCode: number, policies: AppliedPolicy[], patch?: Partial<SignInSpec>): SignInSpec[];
}

const notApplied = (id: string, displayName: string): AppliedPolicy => ({ id, displayName, result: 'notApplied', enforcedGrantControls: [] });

/** Named locations as "List namedLocations" shows them. */
function namedLocations(): Json[] {
  return [
    {
      '@odata.type': '#microsoft.graph.ipNamedLocation',
      id: CA_IDS.locationHq,
      displayName: 'Headquarters',
      createdDateTime: '2024-06-22T11:56:12Z',
      modifiedDateTime: '2024-06-22T11:56:12Z',
      isTrusted: true,
      ipRanges: [
        { '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '203.0.113.0/24' },
        { '@odata.type': '#microsoft.graph.iPv6CidrRange', cidrAddress: '2001:db8:1234::/48' },
      ],
    },
    {
      '@odata.type': '#microsoft.graph.countryNamedLocation',
      id: CA_IDS.locationCountries,
      displayName: 'Allowed countries',
      createdDateTime: '2024-09-10T16:54:53Z',
      modifiedDateTime: '2024-09-10T16:54:53Z',
      countriesAndRegions: ['US', 'CA'],
      includeUnknownCountriesAndRegions: false,
      countryLookupMethod: 'clientIpAddress',
    },
  ];
}

/** The room's Entra device (GET /devices): Teams Rooms tagged in extensionAttribute1 by the admin. */
export function roomDeviceObject(): Json {
  return {
    id: guid('room-device-object'),
    deviceId: ROOM_DEVICE_DETAIL.deviceId,
    displayName: ROOM_DEVICE_DETAIL.displayName,
    accountEnabled: true,
    operatingSystem: 'Windows',
    operatingSystemVersion: '10.0.22631.4460',
    isCompliant: true,
    isManaged: true,
    trustType: 'AzureAd',
    manufacturer: 'Lenovo',
    model: 'ThinkSmart Core',
    deviceOwnership: 'Company',
    profileType: 'RegisteredDevice',
    physicalIds: [],
    systemLabels: [],
    extensionAttributes: { extensionAttribute1: 'TeamsRoom', extensionAttribute2: null },
  };
}

/** The template baseline; `excludeRooms` puts the Teams Rooms group into the MFA policy's exclusions. */
function baseline(kit: CaKit, excludeRooms: boolean): Json[] {
  const exclude = { excludeUsers: [BREAK_GLASS_ID] };
  return [
    kit.caPolicy({ id: CA_IDS.mfaAll, displayName: 'CA001: Require multifactor authentication for all users', includeUsers: ['All'], ...exclude, excludeGroups: excludeRooms ? [GROUPS.teamsRooms.id] : [], builtInControls: ['mfa'] }),
    kit.caPolicy({ id: CA_IDS.legacy, displayName: 'CA002: Block legacy authentication', includeUsers: ['All'], ...exclude, clientAppTypes: ['exchangeActiveSync', 'other'], builtInControls: ['block'] }),
    kit.caPolicy({ id: CA_IDS.countries, displayName: 'CA003: Block access outside allowed countries', includeUsers: ['All'], ...exclude, locations: { includeLocations: ['All'], excludeLocations: [CA_IDS.locationCountries] }, builtInControls: ['block'] }),
    kit.caPolicy({ id: CA_IDS.deviceCode, displayName: 'CA004: Block device code flow', includeUsers: ['All'], ...exclude, authenticationFlows: 'deviceCodeFlow', builtInControls: ['block'] }),
    kit.caPolicy({ id: CA_IDS.appProtection, displayName: 'CA005: Require app protection policy on iOS and Android', includeUsers: ['All'], ...exclude, includeApplications: ['Office365'], platforms: { includePlatforms: ['android', 'iOS'] }, builtInControls: ['approvedApplication', 'compliantApplication'] }),
    kit.caPolicy({ id: CA_IDS.signInRisk, displayName: 'CA006: Block high sign-in risk', includeUsers: ['All'], ...exclude, signInRiskLevels: ['high'], builtInControls: ['block'] }),
    kit.caPolicy({ id: CA_IDS.securityInfo, displayName: 'CA007: Require MFA to register security information', includeUsers: ['All'], ...exclude, includeUserActions: ['urn:user:registersecurityinfo'], builtInControls: ['mfa'] }),
  ];
}

const BASELINE_NOT_APPLIED: [string, string][] = [
  [CA_IDS.legacy, 'CA002: Block legacy authentication'],
  [CA_IDS.countries, 'CA003: Block access outside allowed countries'],
  [CA_IDS.deviceCode, 'CA004: Block device code flow'],
  [CA_IDS.appProtection, 'CA005: Require app protection policy on iOS and Android'],
  [CA_IDS.signInRisk, 'CA006: Block high sign-in risk'],
  [CA_IDS.securityInfo, 'CA007: Require MFA to register security information'],
];

export interface CaScenarioData {
  caPolicies: Json[];
  namedLocations: Json[];
  devices: Json[];
  memberOf?: Json[];
  specs: SignInSpec[];
}

export function caScenario(name: CaScenarioName, kit: CaKit): CaScenarioData {
  const base = { namedLocations: namedLocations(), devices: [roomDeviceObject()] };
  const others = BASELINE_NOT_APPLIED.map(([id, n]) => notApplied(id, n));
  switch (name) {
    case 'ca-baseline-excluded':
      return { ...base, caPolicies: baseline(kit, true), specs: kit.healthy(12, [notApplied(CA_IDS.mfaAll, 'CA001: Require multifactor authentication for all users'), ...others]) };
    case 'ca-baseline-not-excluded': {
      const mfa: AppliedPolicy = { id: CA_IDS.mfaAll, displayName: 'CA001: Require multifactor authentication for all users', result: 'failure', enforcedGrantControls: ['Mfa'] };
      return { ...base, caPolicies: baseline(kit, false), specs: kit.failing(6, 50076, [mfa, ...others], { authenticationRequirement: 'multiFactorAuthentication' }) };
    }
    case 'ca-location-inside':
    case 'ca-location-outside': {
      const policy = kit.caPolicy({
        id: CA_IDS.untrusted,
        displayName: 'Block access from untrusted locations',
        includeUsers: ['All'],
        excludeUsers: [BREAK_GLASS_ID],
        locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] },
        builtInControls: ['block'],
      });
      const applied = (result: AppliedPolicy['result']): AppliedPolicy => ({ id: CA_IDS.untrusted, displayName: 'Block access from untrusted locations', result, enforcedGrantControls: result === 'failure' ? ['Block'] : [] });
      const specs =
        name === 'ca-location-inside'
          ? kit.healthy(8, [applied('notApplied')])
          : kit.failing(5, 53003, [applied('failure')], { ipAddress: '198.51.100.7', country: 'DE' });
      return { ...base, caPolicies: [policy], specs };
    }
    case 'ca-device-filter': {
      const policy = kit.caPolicy({
        id: CA_IDS.sharedDevices,
        displayName: 'Block room accounts except on Teams Rooms devices',
        includeGroups: [GROUPS.teamsRooms.id],
        deviceFilter: { mode: 'exclude', rule: 'device.extensionAttribute1 -eq "TeamsRoom" -and device.isCompliant -eq True' },
        builtInControls: ['block'],
      });
      return { ...base, caPolicies: [policy], specs: kit.healthy(8, [notApplied(CA_IDS.sharedDevices, 'Block room accounts except on Teams Rooms devices')]) };
    }
    case 'ca-report-only': {
      const policy = kit.caPolicy({ id: CA_IDS.mfaReportOnly, displayName: 'Require MFA for all users (report-only)', state: 'enabledForReportingButNotEnforced', includeUsers: ['All'], excludeUsers: [BREAK_GLASS_ID], builtInControls: ['mfa'] });
      return { ...base, caPolicies: [policy], specs: kit.healthy(8, [{ id: CA_IDS.mfaReportOnly, displayName: 'Require MFA for all users (report-only)', result: 'reportOnlyFailure', enforcedGrantControls: ['Mfa'] }]) };
    }
    case 'ca-nested-group': {
      const policy = kit.caPolicy({ id: CA_IDS.mfaAll, displayName: 'CA001: Require multifactor authentication for all users', includeUsers: ['All'], excludeUsers: [BREAK_GLASS_ID], excludeGroups: [CA_EXCLUSIONS_GROUP.id], builtInControls: ['mfa'] });
      // transitiveMemberOf lists the parent group too: the rooms group is a member of the exclusions group.
      const memberOf = [
        { '@odata.type': '#microsoft.graph.group', ...GROUPS.teamsRooms },
        { '@odata.type': '#microsoft.graph.group', ...CA_EXCLUSIONS_GROUP },
        { '@odata.type': '#microsoft.graph.group', ...GROUPS.allStaff },
      ];
      return { ...base, caPolicies: [policy], memberOf, specs: kit.healthy(8, [notApplied(CA_IDS.mfaAll, 'CA001: Require multifactor authentication for all users')]) };
    }
  }
}
