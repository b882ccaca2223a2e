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
});
export type GraphSignIn = z.infer<typeof signInSchema>;

export const userSchema = z.looseObject({
  id: z.string(),
  userPrincipalName: z.string(),
  displayName: str,
  mail: str,
  accountEnabled: z.boolean().nullish(),
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

const userConditionsSchema = z.looseObject({
  includeUsers: strList,
  excludeUsers: strList,
  includeGroups: strList,
  excludeGroups: strList,
  includeRoles: strList,
  excludeRoles: strList,
});

export const caPolicySchema = z.looseObject({
  id: z.string(),
  displayName: z.string(),
  state: z.string(),
  conditions: z.looseObject({
    users: userConditionsSchema.nullish(),
    applications: z.looseObject({ includeApplications: strList, excludeApplications: strList, includeUserActions: strList }).nullish(),
    clientAppTypes: strList,
    userRiskLevels: strList,
    signInRiskLevels: strList,
  }),
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


export type GraphDomain = z.infer<typeof domainSchema>;
export type GraphLicenseDetail = z.infer<typeof licenseDetailSchema>;
export type GraphRoom = z.infer<typeof roomSchema>;
export type GraphDirectoryObject = z.infer<typeof directoryObjectSchema>;
