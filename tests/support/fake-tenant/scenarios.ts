// What the fake tenant's directory holds for each scenario: one per check of the troubleshooting article,
// plus a healthy tenant. Payloads follow the shapes in Microsoft Graph's documentation.
import { BREAK_GLASS_ID, GROUPS, guid, MICROSOFT, ROOM, TENANT_DOMAIN } from './ids';
import { signInRow, type AppliedPolicy, type SignInRow, type SignInSpec } from './signins';
import { CA_SCENARIOS, caScenario, roomDeviceObject, type CaScenarioName } from './ca-scenarios';

export const SCENARIOS = [
  'healthy',
  'mfa',
  'conditional-access',
  'password',
  'password-synced',
  'credentials',
  'network',
  'mailbox',
  'license',
  /** Entra says the password expired (50055) for attempts the device logged as AADSTS50126. */
  'expired-behind-50126',
  /** A healthy room whose licenses hold no Exchange plan: room mailboxes need none. */
  'healthy-no-exchange-plan',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** Scenarios for one room only (the fleet cycles through SCENARIOS). */
export const MORE_SCENARIOS = [
  ...CA_SCENARIOS,
  /** Teams Rooms Pro for EDU (Microsoft_Teams_Rooms_Pro_FAC), Teams on. */
  'license-edu',
  /** Teams Rooms Pro with its TEAMS1 plan Disabled. */
  'license-teams-disabled',
  /** The domain's passwordValidityPeriodInDays is not set; the account's password can expire. */
  'password-validity-null',
  /** The device signs in with a misspelt name: /users answers 404, Entra logged 50034 for the name as typed. */
  'account-misspelt',
] as const;
export type TenantScenarioName = ScenarioName | (typeof MORE_SCENARIOS)[number];

export const NEVER_EXPIRES = 2147483647;

export interface TenantData {
  user: Record<string, unknown>;
  domain: Record<string, unknown>;
  licenseDetails: Record<string, unknown>[];
  rooms: Record<string, unknown>[];
  /** false: mailboxSettings answers MailboxNotEnabledForRESTAPI. */
  hasMailbox: boolean;
  securityDefaultsEnabled: boolean;
  perUserMfaState: 'disabled' | 'enabled' | 'enforced';
  caPolicies: Record<string, unknown>[];
  /** /identity/conditionalAccess/namedLocations */
  namedLocations: Record<string, unknown>[];
  /** /devices (the room's Entra device object) */
  devices: Record<string, unknown>[];
  memberOf: Record<string, unknown>[];
  signIns: SignInRow[];
  /** Correlation IDs the device's AAD log would carry for this scenario's failures. */
  deviceCorrelationIds: string[];
}

const DAY = 86_400_000;
const ago = (now: Date, ms: number): Date => new Date(now.getTime() - ms);
const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function plan(service: string, servicePlanId: string, at: Date, capabilityStatus = 'Enabled'): Record<string, unknown> {
  return { assignedDateTime: iso(at), capabilityStatus, service, servicePlanId };
}

function servicePlan(servicePlanName: string, servicePlanId: string, provisioningStatus = 'Success'): Record<string, unknown> {
  return { servicePlanId, servicePlanName, provisioningStatus, appliesTo: 'User' };
}

function teamsRoomsProLicense(): Record<string, unknown> {
  return {
    id: guid('license-mtr-pro'),
    skuId: MICROSOFT.skus.teamsRoomsPro,
    skuPartNumber: 'Microsoft_Teams_Rooms_Pro',
    servicePlans: [
      servicePlan('TEAMS1', MICROSOFT.plans.teams1),
      servicePlan('MCOSTANDARD', MICROSOFT.plans.mcoStandard),
      servicePlan('EXCHANGE_S_ENTERPRISE', MICROSOFT.plans.exchangeEnterprise),
      servicePlan('INTUNE_A', MICROSOFT.plans.intune),
    ],
  };
}

function sharedDevicesLicense(): Record<string, unknown> {
  return {
    id: guid('license-mcocap'),
    skuId: MICROSOFT.skus.teamsSharedDevices,
    skuPartNumber: 'MCOCAP',
    servicePlans: [
      servicePlan('TEAMS1', MICROSOFT.plans.teams1),
      servicePlan('MCOSTANDARD', MICROSOFT.plans.mcoStandard),
      servicePlan('MCOEV', MICROSOFT.plans.mcoev),
      servicePlan('EXCHANGE_S_STANDARD', MICROSOFT.plans.exchangeStandard),
    ],
  };
}

interface PolicySpec {
  id: string;
  displayName: string;
  state?: 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced';
  includeUsers?: string[];
  excludeUsers?: string[];
  includeGroups?: string[];
  excludeGroups?: string[];
  builtInControls?: string[];
  operator?: 'OR' | 'AND';
  authenticationStrength?: boolean;
  clientAppTypes?: string[];
  userRiskLevels?: string[];
  signInRiskLevels?: string[];
  includeApplications?: string[];
  includeUserActions?: string[];
  platforms?: { includePlatforms: string[]; excludePlatforms?: string[] };
  locations?: { includeLocations: string[]; excludeLocations?: string[] };
  deviceFilter?: { mode: 'include' | 'exclude'; rule: string };
  authenticationFlows?: string;
}

function caPolicy(p: PolicySpec, now: Date): Record<string, unknown> {
  return {
    id: p.id,
    templateId: null,
    displayName: p.displayName,
    createdDateTime: iso(ago(now, 200 * DAY)),
    modifiedDateTime: iso(ago(now, 30 * DAY)),
    state: p.state ?? 'enabled',
    sessionControls: null,
    conditions: {
      userRiskLevels: p.userRiskLevels ?? [],
      signInRiskLevels: p.signInRiskLevels ?? [],
      clientAppTypes: p.clientAppTypes ?? ['all'],
      servicePrincipalRiskLevels: [],
      platforms: p.platforms ? { excludePlatforms: [], ...p.platforms } : null,
      locations: p.locations ? { excludeLocations: [], ...p.locations } : null,
      devices: p.deviceFilter ? { includeDevices: [], excludeDevices: [], deviceFilter: p.deviceFilter } : null,
      authenticationFlows: p.authenticationFlows ? { transferMethods: p.authenticationFlows } : null,
      clientApplications: null,
      applications: {
        includeApplications: p.includeUserActions ? [] : (p.includeApplications ?? ['All']),
        excludeApplications: [],
        includeUserActions: p.includeUserActions ?? [],
        includeAuthenticationContextClassReferences: [],
        applicationFilter: null,
      },
      users: {
        includeUsers: p.includeUsers ?? [],
        excludeUsers: p.excludeUsers ?? [],
        includeGroups: p.includeGroups ?? [],
        excludeGroups: p.excludeGroups ?? [],
        includeRoles: [],
        excludeRoles: [],
        includeGuestsOrExternalUsers: null,
        excludeGuestsOrExternalUsers: null,
      },
    },
    grantControls: {
      operator: p.operator ?? 'OR',
      builtInControls: p.builtInControls ?? [],
      customAuthenticationFactors: [],
      termsOfUse: [],
      authenticationStrength: p.authenticationStrength
        ? {
            id: MICROSOFT.authStrengthPhishingResistant,
            createdDateTime: '2021-12-01T08:00:00Z',
            modifiedDateTime: '2021-12-01T08:00:00Z',
            displayName: 'Phishing-resistant MFA',
            description: 'Phishing-resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key',
            policyType: 'builtIn',
            requirementsSatisfied: 'mfa',
            allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'],
          }
        : null,
    },
  };
}

export const POLICY_IDS = {
  compliantRooms: guid('ca-compliant-rooms'),
  mfaAllUsers: guid('ca-mfa-all-users'),
  blockLegacy: guid('ca-block-legacy'),
  hybridFinance: guid('ca-hybrid-finance'),
  userRiskPasswordChange: guid('ca-user-risk'),
  strengthReportOnly: guid('ca-strength-report-only'),
} as const;

/** Supported for rooms: compliant device, assigned through the rooms group. */
function compliantRoomsPolicy(now: Date): Record<string, unknown> {
  return caPolicy(
    {
      id: POLICY_IDS.compliantRooms,
      displayName: 'Teams Rooms: require compliant device',
      includeGroups: [GROUPS.teamsRooms.id],
      builtInControls: ['compliantDevice'],
    },
    now,
  );
}

const COMPLIANT_APPLIED: AppliedPolicy = {
  id: POLICY_IDS.compliantRooms,
  displayName: 'Teams Rooms: require compliant device',
  result: 'success',
  enforcedGrantControls: ['RequireCompliantDevice'],
};

function baseUser(now: Date): Record<string, unknown> {
  return {
    id: ROOM.id,
    userPrincipalName: ROOM.upn,
    displayName: ROOM.name,
    mail: ROOM.upn,
    accountEnabled: true,
    passwordPolicies: 'DisablePasswordExpiration',
    lastPasswordChangeDateTime: iso(ago(now, 400 * DAY)),
    onPremisesSyncEnabled: null,
    usageLocation: 'US',
    assignedPlans: [
      plan('exchange', MICROSOFT.plans.exchangeEnterprise, ago(now, 400 * DAY)),
      plan('TeamspaceAPI', MICROSOFT.plans.teams1, ago(now, 400 * DAY)),
      plan('MicrosoftCommunicationsOnline', MICROSOFT.plans.mcoStandard, ago(now, 400 * DAY)),
    ],
  };
}

function baseDomain(): Record<string, unknown> {
  return {
    id: TENANT_DOMAIN,
    authenticationType: 'Managed',
    isAdminManaged: true,
    isDefault: true,
    isInitial: false,
    isRoot: true,
    isVerified: true,
    passwordNotificationWindowInDays: 14,
    passwordValidityPeriodInDays: NEVER_EXPIRES,
    supportedServices: ['Email', 'OfficeCommunicationsOnline'],
  };
}

function room(upn: string, name: string): Record<string, unknown> {
  return {
    id: guid(`place-${upn}`),
    emailAddress: upn,
    displayName: name,
    capacity: 10,
    bookingType: 'standard',
    building: 'Building 1',
    floorNumber: 2,
    isWheelChairAccessible: true,
    videoDeviceName: 'Microsoft Teams Rooms',
    nickname: name,
    tags: [],
  };
}

function otherRooms(): Record<string, unknown>[] {
  return [room('mtr-huddle1@contoso.com', 'Huddle 1'), room('mtr-training@contoso.com', 'Training room')];
}

function memberOf(): Record<string, unknown>[] {
  return [
    { '@odata.type': '#microsoft.graph.group', ...GROUPS.teamsRooms },
    { '@odata.type': '#microsoft.graph.group', ...GROUPS.allStaff },
  ];
}

/** Repeats a sign-in pattern across the last days so the window holds a realistic spread of rows. */
function spread(now: Date, count: number, make: (i: number, at: Date) => SignInSpec): SignInSpec[] {
  return Array.from({ length: count }, (_, i) => make(i, ago(now, (i + 1) * 3_600_000 * 5)));
}

function healthySignIns(now: Date, count: number): SignInSpec[] {
  return spread(now, count, (i, at) => ({
    at,
    errorCode: 0,
    interactive: i % 3 === 0,
    caStatus: 'success',
    policies: [COMPLIANT_APPLIED],
    resource: i % 2 === 0 ? 'exchange' : 'teams',
  }));
}

/** The name the device typed in the account-misspelt scenario. */
export const MISSPELT_UPN = 'mtr-bordroom@contoso.com';

export function buildTenantData(scenario: TenantScenarioName, now: Date, options: { signInCount?: number } = {}): TenantData {
  const user = baseUser(now);
  const domain = baseDomain();
  let licenseDetails = [teamsRoomsProLicense()];
  let rooms = [room(ROOM.upn, ROOM.name), ...otherRooms()];
  let hasMailbox = true;
  let securityDefaultsEnabled = false;
  let perUserMfaState: TenantData['perUserMfaState'] = 'disabled';
  let caPolicies = [compliantRoomsPolicy(now)];
  let namedLocations: Record<string, unknown>[] = [];
  const devices = [roomDeviceObject()];
  let members = memberOf();
  let specs: SignInSpec[] = healthySignIns(now, 12);
  let otherRows: SignInRow[] = [];
  const deviceCorrelationIds: string[] = [];
  const deviceCorrelation = (n: number): string => {
    const id = guid(`device-correlation-${scenario}-${n}`);
    deviceCorrelationIds.push(id);
    return id;
  };

  switch (scenario) {
    case 'healthy':
      break;
    case 'mfa':
      securityDefaultsEnabled = true;
      perUserMfaState = 'enforced';
      specs = [
        ...spread(now, 6, (i, at) => ({
          at,
          errorCode: 50076,
          correlationId: i === 0 ? deviceCorrelation(0) : undefined,
          authenticationRequirement: 'multiFactorAuthentication',
        })),
        ...spread(now, 2, (_, at) => ({ at: ago(at, DAY), errorCode: 50079, authenticationRequirement: 'multiFactorAuthentication' })),
        ...spread(now, 3, (_, at) => ({ at, errorCode: 50076, interactive: false, authenticationRequirement: 'multiFactorAuthentication' })),
      ];
      break;
    case 'conditional-access': {
      const mfaApplied: AppliedPolicy = {
        id: POLICY_IDS.mfaAllUsers,
        displayName: 'Require MFA for all users',
        result: 'failure',
        enforcedGrantControls: ['Mfa'],
      };
      caPolicies.push(
        caPolicy(
          {
            id: POLICY_IDS.mfaAllUsers,
            displayName: 'Require MFA for all users',
            includeUsers: ['All'],
            excludeUsers: [BREAK_GLASS_ID],
            builtInControls: ['mfa'],
          },
          now,
        ),
        // Excludes the rooms group, so it must not be reported for the room.
        caPolicy(
          {
            id: POLICY_IDS.blockLegacy,
            displayName: 'Block legacy authentication',
            includeUsers: ['All'],
            excludeGroups: [GROUPS.teamsRooms.id],
            clientAppTypes: ['exchangeActiveSync', 'other'],
            builtInControls: ['block'],
          },
          now,
        ),
        // Targets a group the room is not in.
        caPolicy(
          {
            id: POLICY_IDS.hybridFinance,
            displayName: 'Finance: require hybrid joined device',
            includeGroups: [GROUPS.finance.id],
            builtInControls: ['domainJoinedDevice'],
          },
          now,
        ),
        caPolicy(
          {
            id: POLICY_IDS.userRiskPasswordChange,
            displayName: 'High user risk: require password change',
            state: 'disabled',
            includeUsers: ['All'],
            userRiskLevels: ['high'],
            builtInControls: ['mfa', 'passwordChange'],
            operator: 'AND',
          },
          now,
        ),
        caPolicy(
          {
            id: POLICY_IDS.strengthReportOnly,
            displayName: 'Report-only: phishing-resistant MFA',
            state: 'enabledForReportingButNotEnforced',
            includeGroups: [GROUPS.allStaff.id],
            authenticationStrength: true,
          },
          now,
        ),
      );
      specs = [
        ...spread(now, 5, (i, at) => ({
          at,
          errorCode: 53003,
          correlationId: i === 0 ? deviceCorrelation(0) : undefined,
          caStatus: 'failure',
          policies: [mfaApplied, COMPLIANT_APPLIED],
        })),
        ...healthySignIns(ago(now, 3 * DAY), 2),
      ];
      break;
    }
    case 'password':
      user.passwordPolicies = 'None';
      user.lastPasswordChangeDateTime = iso(ago(now, 84 * DAY));
      domain.passwordValidityPeriodInDays = 90;
      specs = [
        ...spread(now, 4, (i, at) => ({ at, errorCode: 50055, correlationId: i === 0 ? deviceCorrelation(0) : undefined })),
        ...healthySignIns(ago(now, 2 * DAY), 3),
      ];
      break;
    case 'password-synced':
      user.passwordPolicies = 'None';
      user.onPremisesSyncEnabled = true;
      user.lastPasswordChangeDateTime = iso(ago(now, 95 * DAY));
      specs = spread(now, 3, (i, at) => ({ at, errorCode: 50144, correlationId: i === 0 ? deviceCorrelation(0) : undefined }));
      break;
    case 'credentials':
      // Newest first: the lockout follows a run of bad passwords.
      specs = [
        ...spread(now, 3, (i, at) => ({ at, errorCode: 50053, correlationId: i === 0 ? deviceCorrelation(0) : undefined })),
        ...spread(ago(now, DAY), 5, (i, at) => ({ at, errorCode: 50126, correlationId: i === 0 ? deviceCorrelation(1) : undefined })),
      ];
      break;
    case 'network':
      // Nothing reached Entra in the window; older successes prove the account exists and once worked.
      specs = healthySignIns(ago(now, 20 * DAY), 4);
      deviceCorrelation(0);
      break;
    case 'mailbox':
      rooms = otherRooms();
      hasMailbox = false;
      user.mail = null;
      user.assignedPlans = (user.assignedPlans as Record<string, unknown>[]).filter((p) => p.service !== 'exchange');
      break;
    case 'license':
      licenseDetails = [sharedDevicesLicense()];
      break;
    case 'expired-behind-50126':
      user.passwordPolicies = 'None';
      user.lastPasswordChangeDateTime = iso(ago(now, 95 * DAY));
      domain.passwordValidityPeriodInDays = 90;
      // Every attempt the device logged has its Entra row, which knows the real reason.
      specs = spread(now, 6, (i, at) => ({ at, errorCode: 50055, correlationId: deviceCorrelation(i) }));
      break;
    case 'license-edu':
      licenseDetails = [
        {
          id: guid('license-mtr-pro-edu'),
          skuId: 'c25e2b36-e161-4946-bef2-69239729f690',
          skuPartNumber: 'Microsoft_Teams_Rooms_Pro_FAC',
          servicePlans: [servicePlan('TEAMS1', MICROSOFT.plans.teams1), servicePlan('MCOSTANDARD', MICROSOFT.plans.mcoStandard), servicePlan('INTUNE_A', MICROSOFT.plans.intune)],
        },
      ];
      break;
    case 'license-teams-disabled':
      licenseDetails = [
        {
          ...teamsRoomsProLicense(),
          servicePlans: (teamsRoomsProLicense().servicePlans as Record<string, unknown>[]).map((p) => (p.servicePlanName === 'TEAMS1' ? { ...p, provisioningStatus: 'Disabled' } : p)),
        },
      ];
      break;
    case 'password-validity-null':
      // Graph's domain example leaves passwordValidityPeriodInDays out when it was never set.
      user.passwordPolicies = 'None';
      user.lastPasswordChangeDateTime = iso(ago(now, 30 * DAY));
      domain.passwordValidityPeriodInDays = null;
      break;
    case 'account-misspelt':
      // Entra logs the name as typed: no user id, AADSTS50034 (Graph signIn example shape).
      specs = [];
      otherRows = spread(now, 4, (i, at) => ({ at, errorCode: 50034, correlationId: i === 0 ? deviceCorrelation(0) : undefined })).map((spec, i) =>
        signInRow(spec, { upn: MISSPELT_UPN, id: '00000000-0000-0000-0000-000000000000', name: MISSPELT_UPN }, 100 + i),
      );
      break;
    case 'healthy-no-exchange-plan':
      user.assignedPlans = (user.assignedPlans as Record<string, unknown>[]).filter((p) => p.service !== 'exchange');
      licenseDetails = [
        {
          ...teamsRoomsProLicense(),
          servicePlans: (teamsRoomsProLicense().servicePlans as Record<string, unknown>[]).filter((p) => p.servicePlanName !== 'EXCHANGE_S_ENTERPRISE'),
        },
      ];
      break;
  }

  if ((CA_SCENARIOS as readonly string[]).includes(scenario)) {
    const ca = caScenario(scenario as CaScenarioName, {
      now,
      caPolicy: (spec) => caPolicy(spec as unknown as PolicySpec, now),
      healthy: (count, extra, patch) => healthySignIns(now, count).map((s) => ({ ...s, ...patch, policies: [...(s.policies ?? []), ...extra] })),
      failing: (count, errorCode, policies, patch) =>
        spread(now, count, (i, at) => ({ at, errorCode, caStatus: 'failure' as const, policies, correlationId: i === 0 ? deviceCorrelation(0) : undefined, ...patch })),
    });
    caPolicies = [compliantRoomsPolicy(now), ...ca.caPolicies];
    namedLocations = ca.namedLocations;
    if (ca.memberOf) members = ca.memberOf;
    specs = ca.specs;
  }
  if (options.signInCount !== undefined) specs = manyInteractive(now, options.signInCount);

  return {
    user,
    domain,
    licenseDetails,
    rooms,
    hasMailbox,
    securityDefaultsEnabled,
    perUserMfaState,
    caPolicies,
    namedLocations,
    devices,
    memberOf: members,
    signIns: [...specs.map((spec, i) => signInRow(spec, ROOM, i)), ...otherRows],
    deviceCorrelationIds,
  };
}

/** Many interactive sign-ins inside the last six days, for paging. */
function manyInteractive(now: Date, count: number): SignInSpec[] {
  const step = Math.max(1, Math.floor((6 * DAY) / Math.max(count, 1)));
  return Array.from({ length: count }, (_, i) => ({ at: ago(now, (i + 1) * step), errorCode: 0, caStatus: 'success' as const }));
}
