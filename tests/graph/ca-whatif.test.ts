// The What If as a pure function: conditions, grant controls, device filters and named locations, each case
// from the Graph conditionalAccessPolicy shape and Entra's documented semantics (sources in main/graph/*.ts).
import { describe, expect, it } from 'vitest';
import { whatIf, type Membership } from '../../main/graph';
import { matchDeviceRule, type DeviceAttributes } from '../../main/graph/device-filter';
import { siteInAny } from '../../main/graph/named-locations';
import type { GraphCaPolicy, GraphNamedLocation } from '../../main/graph/payload-schemas';
import type { SignInFact } from '../../main/model/facts';

const ROOM = 'room-id';
const who: Membership = { userId: ROOM, groups: new Map([['rooms-group', 'Teams Rooms']]), roleTemplateIds: new Set() };

function policy(conditions: Partial<GraphCaPolicy['conditions']>, grant: Partial<NonNullable<GraphCaPolicy['grantControls']>> = { builtInControls: ['mfa'] }, state = 'enabled'): GraphCaPolicy {
  return {
    id: 'p',
    displayName: 'P',
    state,
    conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['all'], ...conditions },
    grantControls: { operator: 'OR', ...grant },
  };
}

function signIn(patch: Partial<SignInFact> = {}): SignInFact {
  return {
    kind: 'signin', time: '2026-03-10T10:00:00Z', id: 's1', errorCode: 0, failureReason: null, correlationId: null, appDisplayName: null, resourceDisplayName: null,
    clientAppUsed: 'Mobile Apps and Desktop clients', interactive: true, conditionalAccessStatus: 'notApplied', failedPolicies: [], authenticationRequirement: null,
    ipAddress: '203.0.113.24', country: 'US', device: { deviceId: 'dev-1', displayName: 'MTR-1', operatingSystem: 'Windows10', isCompliant: true, trustType: 'Azure AD joined' },
    evidence: { source: 'graph:/auditLogs/signIns/s1', locator: '', time: null, excerpt: '' },
    ...patch,
  };
}

const one = (p: GraphCaPolicy, extra: Partial<Parameters<typeof whatIf>[0]> = {}) => whatIf({ policies: [p], who, ...extra })[0];

describe('whatIf', () => {
  it('MFA for All users reaches the room and blocks it; excluding the room or its group takes it off, naming how', () => {
    expect(one(policy({}))).toMatchObject({ outcome: 'applies', grant: 'blocks', unsatisfiable: ['requires multifactor authentication'], includedBy: 'All users' });
    expect(one(policy({ users: { includeUsers: ['All'], excludeUsers: [ROOM] } }))?.reason).toBe('Does not apply (users): the policy excludes the room account by name.');
    expect(one(policy({ users: { includeUsers: ['All'], excludeGroups: ['rooms-group'] } }))?.reason).toMatch(/excludes group "Teams Rooms"/);
  });

  it('group assignments with unreadable memberships are "may apply", never a certain block', () => {
    const w = whatIf({ policies: [policy({ users: { includeUsers: ['All'], excludeGroups: ['other'] } })], who: { ...who, known: false } })[0];
    expect(w).toMatchObject({ outcome: 'may-apply', dependsOn: ['users'] });
  });

  it('OR with a compliant device: met when the device is compliant, open when unknown; AND with MFA blocks', () => {
    const or = policy({}, { builtInControls: ['mfa', 'compliantDevice'] });
    expect(one(or, { signIns: [signIn()] })?.grant).toBe('none');
    expect(one(or)?.grant).toBe('may-block');
    expect(one(or, { signIns: [signIn({ device: { deviceId: '', displayName: null, operatingSystem: 'Windows10', isCompliant: false, trustType: null } })] })?.grant).toBe('blocks');
    expect(one(policy({}, { builtInControls: ['mfa', 'compliantDevice'], operator: 'AND' }), { signIns: [signIn()] })?.unsatisfiable).toEqual(['requires multifactor authentication']);
  });

  it('user actions, authentication context, other apps, Office 365 excluded, legacy clients, other platforms, device code flows do not apply', () => {
    const reasons = [
      policy({ applications: { includeApplications: [], includeUserActions: ['urn:user:registerdevice'] } }),
      policy({ applications: { includeApplications: [], includeAuthenticationContextClassReferences: ['c1'] } }),
      policy({ applications: { includeApplications: ['797f4846-ba00-4fd7-ba43-dac1f8f63013'] } }),
      policy({ applications: { includeApplications: ['All'], excludeApplications: ['Office365'] } }),
      policy({ clientAppTypes: ['exchangeActiveSync', 'other'] }),
      policy({ platforms: { includePlatforms: ['all'], excludePlatforms: ['windows'] } }),
      policy({ authenticationFlows: { transferMethods: 'deviceCodeFlow,authenticationTransfer' } }),
    ].map((p) => one(p)?.reason);
    expect(reasons.map((r) => /^Does not apply \(([^)]+)\)/.exec(r ?? '')?.[1])).toEqual([
      'target resources',
      'target resources',
      'target resources',
      'target resources',
      'client apps',
      'device platforms',
      'authentication flows',
    ]);
    // Exchange Online alone is a resource the room uses; "client apps" is a supported condition, not a blocker.
    expect(one(policy({ applications: { includeApplications: ['00000002-0000-0ff1-ce00-000000000000'] }, clientAppTypes: ['mobileAppsAndDesktopClients'] }))?.outcome).toBe('applies');
  });

  it('the sign-in logs outrank the static reading: a may-apply policy recorded as applied applies, one recorded notApplied does not', () => {
    const risky = policy({ signInRiskLevels: ['high'] }, { builtInControls: ['block'] });
    expect(one(risky)).toMatchObject({ outcome: 'may-apply', riskOnly: true });
    expect(one(risky, { signIns: [signIn({ caPolicies: [{ id: 'p', displayName: 'P', result: 'notApplied' }] })] })).toMatchObject({ outcome: 'does-not-apply', logged: { notAppliedOnSuccess: 1 } });
    expect(one(risky, { signIns: [signIn({ errorCode: 53003, caPolicies: [{ id: 'p', displayName: 'P', result: 'failure' }] })] })?.outcome).toBe('applies');
  });

  it('disabled policies are not evaluated; report-only ones are, keeping their state', () => {
    expect(whatIf({ policies: [policy({}, {}, 'disabled')], who })).toEqual([]);
    expect(one(policy({}, { builtInControls: ['mfa'] }, 'enabledForReportingButNotEnforced'))?.outcome).toBe('applies');
  });
});

describe('device filter rules', () => {
  const registered = (values: Record<string, string | string[]>): DeviceAttributes => ({ registered: true, values: new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v])), source: 'test' });
  const unregistered: DeviceAttributes = { registered: false, values: new Map(), source: 'test' };

  it('reads the documented grammar: operators, lists, -and/-or, parentheses, case', () => {
    const d = registered({ extensionAttribute1: 'TeamsRoom', model: 'ThinkSmart Core', systemLabels: ['MultiUser'], operatingSystem: 'Windows' });
    expect(matchDeviceRule('device.extensionAttribute1 -eq "teamsroom"', d).matches).toBe(true);
    expect(matchDeviceRule('(device.model -startsWith "ThinkSmart") -and (device.operatingSystem -in ["Windows", "Android"])', d).matches).toBe(true);
    expect(matchDeviceRule('device.systemLabels -contains "MultiUser" -or device.model -eq "x"', d).matches).toBe(true);
    expect(matchDeviceRule("device.model -notContains 'Surface'", d).matches).toBe(true);
    expect(matchDeviceRule('device.model -eq', d).error).toBeDefined();
  });

  it('an unregistered device is all nulls: positive operators never match, negative ones always do', () => {
    expect(matchDeviceRule('device.extensionAttribute1 -eq "SAW"', unregistered).matches).toBe(false);
    expect(matchDeviceRule('device.extensionAttribute1 -ne "SAW"', unregistered).matches).toBe(true);
  });

  it('a property not read leaves the answer open unless the rest decides it', () => {
    const d = registered({ operatingSystem: 'Windows' });
    expect(matchDeviceRule('device.model -eq "x"', d)).toEqual({ matches: null, unknown: ['model'] });
    expect(matchDeviceRule('device.operatingSystem -eq "iOS" -and device.model -eq "x"', d).matches).toBe(false);
  });
});

describe('named locations', () => {
  const locations: GraphNamedLocation[] = [
    { '@odata.type': '#microsoft.graph.ipNamedLocation', id: 'hq', displayName: 'HQ', isTrusted: true, ipRanges: [{ cidrAddress: '203.0.113.0/24' }, { cidrAddress: '2001:db8::/32' }] },
    { '@odata.type': '#microsoft.graph.countryNamedLocation', id: 'c', displayName: 'Allowed', countriesAndRegions: ['US', 'CA'], includeUnknownCountriesAndRegions: false },
  ];
  it('matches IPv4 and IPv6 ranges, countries, All and AllTrusted', () => {
    expect(siteInAny({ ip: '203.0.113.24', country: 'US' }, ['hq'], locations).match).toBe(true);
    expect(siteInAny({ ip: '2001:db8::5', country: null }, ['hq'], locations).match).toBe(true);
    expect(siteInAny({ ip: '198.51.100.7', country: 'DE' }, ['c'], locations).match).toBe(false);
    expect(siteInAny({ ip: '203.0.113.24', country: 'US' }, ['AllTrusted'], locations)).toEqual({ match: true, which: 'trusted location "HQ"' });
    // Outside every readable trusted range, the MFA trusted IPs (not readable) leave it open.
    expect(siteInAny({ ip: '198.51.100.7', country: 'DE' }, ['AllTrusted'], locations).match).toBeNull();
    expect(siteInAny({ ip: '198.51.100.7', country: 'DE' }, ['hq'], null).match).toBeNull();
  });
});
