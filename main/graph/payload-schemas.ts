// The parts of Microsoft Graph payloads the checks depend on. Lenient on purpose: unknown fields pass through
// (kept for the raw evidence), missing optional ones become null, so a new Graph property never breaks a read.
import { z } from 'zod';

const str = z.string().nullish();
const strList = z.array(z.string()).nullish();

export const signInSchema = z.looseObject({
  id: z.string(),
  createdDateTime: z.string(),
  userPrincipalName: str,
  appDisplayName: str,
  resourceDisplayName: str,
  clientAppUsed: str,
  correlationId: str,
  ipAddress: str,
  isInteractive: z.boolean().nullish(),
  signInEventTypes: strList,
  authenticationRequirement: str,
  conditionalAccessStatus: str,
  status: z.looseObject({
    errorCode: z.number(),
    failureReason: str,
    additionalDetails: str,
  }),
  appliedConditionalAccessPolicies: z
    .array(z.looseObject({ id: str, displayName: str, result: str }))
    .nullish(),
  location: z.looseObject({ city: str, state: str, countryOrRegion: str }).nullish(),
  appId: str,
  resourceId: str,
  riskLevelDuringSignIn: str,
  riskLevelAggregated: str,
  deviceDetail: z
    .looseObject({ deviceId: str, displayName: str, operatingSystem: str, isCompliant: z.boolean().nullish(), isManaged: z.boolean().nullish(), trustType: str })
    .nullish(),
});
export type GraphSignIn = z.infer<typeof signInSchema>;

export const userSchema = z.looseObject({
  id: z.string(),
  userPrincipalName: z.string(),
  displayName: str,
  mail: str,
  accountEnabled: z.boolean().nullish(),
  userType: str,
  passwordPolicies: str,
  lastPasswordChangeDateTime: str,
  onPremisesSyncEnabled: z.boolean().nullish(),
  assignedPlans: z
    .array(z.looseObject({ service: str, capabilityStatus: str, servicePlanId: str, assignedDateTime: str }))
    .nullish(),
});
export type GraphUser = z.infer<typeof userSchema>;

export const domainSchema = z.looseObject({
  id: z.string(),
  authenticationType: str,
  passwordValidityPeriodInDays: z.number().nullish(),
});

export const licenseDetailSchema = z.looseObject({
  skuId: z.string(),
  skuPartNumber: z.string(),
  servicePlans: z
    .array(z.looseObject({ servicePlanId: z.string(), servicePlanName: z.string(), provisioningStatus: z.string() }))
    .nullish(),
});

export const roomSchema = z.looseObject({ id: str, emailAddress: str, displayName: str });

export const securityDefaultsSchema = z.looseObject({ isEnabled: z.boolean() });

export const authenticationRequirementsSchema = z.looseObject({ perUserMfaState: z.string() });

export const directoryObjectSchema = z.looseObject({
  '@odata.type': str,
  id: z.string(),
  displayName: str,
  roleTemplateId: str,
});

// conditionalAccessGuestsOrExternalUsers: which kinds of guests; a resource account is a member.
const guestsSchema = z.looseObject({ guestOrExternalUserTypes: str }).nullish();

const userConditionsSchema = z.looseObject({
  includeUsers: strList,
  excludeUsers: strList,
  includeGroups: strList,
  excludeGroups: strList,
  includeRoles: strList,
  excludeRoles: strList,
  includeGuestsOrExternalUsers: guestsSchema,
  excludeGuestsOrExternalUsers: guestsSchema,
});

const onOff = z.looseObject({ isEnabled: z.boolean().nullish() }).nullish();

export const caPolicySchema = z.looseObject({
  id: z.string(),
  displayName: z.string(),
  state: z.string(),
  conditions: z.looseObject({
    users: userConditionsSchema.nullish(),
    applications: z
      .looseObject({
        includeApplications: strList,
        excludeApplications: strList,
        includeUserActions: strList,
        includeAuthenticationContextClassReferences: strList,
      })
      .nullish(),
    clientAppTypes: strList,
    userRiskLevels: strList,
    signInRiskLevels: strList,
    platforms: z.looseObject({ includePlatforms: strList, excludePlatforms: strList }).nullish(),
    locations: z.looseObject({ includeLocations: strList, excludeLocations: strList }).nullish(),
    devices: z.looseObject({ deviceFilter: z.looseObject({ mode: str, rule: str }).nullish() }).nullish(),
    authenticationFlows: z.looseObject({ transferMethods: str }).nullish(),
  }),
  sessionControls: z
    .looseObject({
      signInFrequency: onOff,
      applicationEnforcedRestrictions: onOff,
      cloudAppSecurity: onOff,
      persistentBrowser: onOff,
      continuousAccessEvaluation: z.looseObject({ mode: str }).nullish(),
      disableResilienceDefaults: z.boolean().nullish(),
      secureSignInSession: onOff,
    })
    .nullish(),
  grantControls: z
    .looseObject({
      operator: str,
      builtInControls: strList,
      customAuthenticationFactors: strList,
      termsOfUse: strList,
      authenticationStrength: z.looseObject({ id: str, displayName: str }).nullish(),
    })
    .nullish(),
});
export type GraphCaPolicy = z.infer<typeof caPolicySchema>;

/** namedLocation: ipNamedLocation (ipRanges, isTrusted) or countryNamedLocation (countriesAndRegions …). */
export const namedLocationSchema = z.looseObject({
  '@odata.type': str,
  id: z.string(),
  displayName: str,
  isTrusted: z.boolean().nullish(),
  ipRanges: z.array(z.looseObject({ cidrAddress: str })).nullish(),
  countriesAndRegions: strList,
  includeUnknownCountriesAndRegions: z.boolean().nullish(),
  countryLookupMethod: str,
});
export type GraphNamedLocation = z.infer<typeof namedLocationSchema>;

/** The Entra device object's attributes a device filter can name. */
export const deviceSchema = z.looseObject({
  id: str,
  deviceId: str,
  displayName: str,
  operatingSystem: str,
  operatingSystemVersion: str,
  isCompliant: z.boolean().nullish(),
  isManaged: z.boolean().nullish(),
  trustType: str,
  manufacturer: str,
  model: str,
  deviceOwnership: str,
  enrollmentProfileName: str,
  mdmAppId: str,
  profileType: str,
  physicalIds: strList,
  systemLabels: strList,
  extensionAttributes: z.record(z.string(), z.string().nullish()).nullish(),
});
export type GraphDevice = z.infer<typeof deviceSchema>;


export type GraphDomain = z.infer<typeof domainSchema>;
export type GraphLicenseDetail = z.infer<typeof licenseDetailSchema>;
export type GraphRoom = z.infer<typeof roomSchema>;
export type GraphDirectoryObject = z.infer<typeof directoryObjectSchema>;
