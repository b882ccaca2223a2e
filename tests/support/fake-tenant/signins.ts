// Sign-in log rows shaped like Microsoft Graph's signIn resource (beta shape; the v1.0 view drops beta-only fields).
import { guid, MICROSOFT } from './ids';

export type SignInRow = Record<string, unknown> & {
  id: string;
  createdDateTime: string;
  userPrincipalName: string;
  correlationId: string;
  isInteractive: boolean;
  signInEventTypes: string[];
};

/** Entra's failure texts for the codes the scenarios use (as the sign-in log shows them). */
const FAILURE_REASONS: Record<number, { reason: string; details?: string }> = {
  50053: { reason: 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.' },
  50055: {
    reason: 'The password is expired.',
    details:
      "The user's password is expired, and therefore their login or session was ended. They will be offered the opportunity to reset it, or may ask an admin to reset it via https://docs.microsoft.com/azure/active-directory/fundamentals/active-directory-users-reset-password-azure-portal.",
  },
  50076: {
    reason:
      "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000002-0000-0ff1-ce00-000000000000'.",
    details: 'MFA requirement satisfied by claim in the token',
  },
  50079: {
    reason:
      "Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '00000002-0000-0ff1-ce00-000000000000'.",
  },
  50126: { reason: 'Error validating credentials due to invalid username or password.' },
  50144: { reason: "User's Active Directory password has expired." },
  53003: {
    reason: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  },
};

export interface AppliedPolicy {
  id: string;
  displayName: string;
  result: 'success' | 'failure' | 'notApplied' | 'notEnabled' | 'reportOnlyFailure' | 'reportOnlySuccess' | 'reportOnlyNotApplied';
  enforcedGrantControls: string[];
}

export interface SignInSpec {
  at: Date;
  errorCode: number;
  interactive?: boolean;
  correlationId?: string;
  caStatus?: 'success' | 'failure' | 'notApplied';
  policies?: AppliedPolicy[];
  authenticationRequirement?: 'singleFactorAuthentication' | 'multiFactorAuthentication';
  resource?: 'exchange' | 'teams';
  /** Where the sign-in came from (default 203.0.113.24, Redmond, US). */
  ipAddress?: string;
  country?: string;
  /** deviceDetail (default: the room's Entra-joined, compliant device). */
  device?: Record<string, unknown>;
}

/** The room's device as a sign-in records it: Entra joined and Intune compliant (Teams Rooms Pro includes Intune). */
export const ROOM_DEVICE_DETAIL = {
  deviceId: guid('room-device'),
  displayName: 'MTR-BOARDROOM',
  operatingSystem: 'Windows10',
  browser: 'Rich Client 4.61.0.0',
  isCompliant: true,
  isManaged: true,
  trustType: 'Azure AD joined',
};

export function signInRow(
  spec: SignInSpec,
  user: { upn: string; id: string; name: string },
  seq: number,
): SignInRow {
  const interactive = spec.interactive ?? true;
  const failure = spec.errorCode === 0 ? null : FAILURE_REASONS[spec.errorCode];
  const exchange = (spec.resource ?? 'exchange') === 'exchange';
  return {
    id: guid(`signin-${user.id}-${seq}`),
    createdDateTime: spec.at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    userDisplayName: user.name,
    userPrincipalName: user.upn,
    userId: user.id,
    appId: MICROSOFT.teamsAppId,
    appDisplayName: 'Microsoft Teams',
    ipAddress: spec.ipAddress ?? '203.0.113.24',
    clientAppUsed: 'Mobile Apps and Desktop clients',
    correlationId: spec.correlationId ?? guid(`correlation-${user.id}-${seq}`),
    conditionalAccessStatus: spec.caStatus ?? 'notApplied',
    isInteractive: interactive,
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    riskEventTypes: [],
    riskEventTypes_v2: [],
    resourceDisplayName: exchange ? 'Office 365 Exchange Online' : 'Microsoft Teams Services',
    resourceId: exchange ? MICROSOFT.exchangeResourceId : MICROSOFT.teamsResourceId,
    status: {
      errorCode: spec.errorCode,
      failureReason: failure?.reason ?? (spec.errorCode === 0 ? null : 'Other.'),
      additionalDetails: failure?.details ?? null,
    },
    deviceDetail: spec.device ?? ROOM_DEVICE_DETAIL,
    location: {
      city: spec.country && spec.country !== 'US' ? null : 'Redmond',
      state: spec.country && spec.country !== 'US' ? null : 'Washington',
      countryOrRegion: spec.country ?? 'US',
      geoCoordinates: { altitude: null, latitude: 47.6801, longitude: -122.1206 },
    },
    appliedConditionalAccessPolicies: (spec.policies ?? []).map((p) => ({
      id: p.id,
      displayName: p.displayName,
      enforcedGrantControls: p.enforcedGrantControls,
      enforcedSessionControls: [],
      result: p.result,
    })),
    // beta-only below
    signInEventTypes: [interactive ? 'interactiveUser' : 'nonInteractiveUser'],
    authenticationRequirement: spec.authenticationRequirement ?? 'singleFactorAuthentication',
    userType: 'member',
    tokenIssuerType: 'AzureAD',
  };
}

const BETA_ONLY = ['signInEventTypes', 'authenticationRequirement', 'userType', 'tokenIssuerType'];

/** v1.0 has no beta-only properties. */
export function asV1(row: SignInRow): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !BETA_ONLY.includes(key)));
}
