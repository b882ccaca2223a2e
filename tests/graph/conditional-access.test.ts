// Which Conditional Access policies reach the room, and why a room could not satisfy them.
import { describe, expect, it } from 'vitest';
import { evaluateCaPolicy, type Membership } from '../../main/graph';
import type { GraphCaPolicy } from '../../main/graph/schemas';

const ROOM = 'room-id';
const who: Membership = { userId: ROOM, groups: new Map([['rooms-group', 'Teams Rooms']]), roleTemplateIds: new Set() };

function policy(patch: {
  include?: Partial<Record<'includeUsers' | 'includeGroups', string[]>>;
  exclude?: Partial<Record<'excludeUsers' | 'excludeGroups', string[]>>;
  controls?: string[];
  operator?: string;
  clientAppTypes?: string[];
  apps?: string[];
  termsOfUse?: string[];
  signInRiskLevels?: string[];
}): GraphCaPolicy {
  return {
    id: 'p',
    displayName: 'P',
    state: 'enabled',
    conditions: {
      users: { includeUsers: [], includeGroups: [], excludeUsers: [], excludeGroups: [], ...patch.include, ...patch.exclude },
      applications: { includeApplications: patch.apps ?? ['All'] },
      clientAppTypes: patch.clientAppTypes ?? ['all'],
      signInRiskLevels: patch.signInRiskLevels ?? [],
    },
    grantControls: { operator: patch.operator ?? 'OR', builtInControls: patch.controls ?? [], termsOfUse: patch.termsOfUse ?? [] },
  };
}

describe('evaluateCaPolicy', () => {
  it('MFA for All users without excluding the room: unsatisfiable', () => {
    expect(evaluateCaPolicy(policy({ include: { includeUsers: ['All'] }, controls: ['mfa'] }), who)).toEqual({
      includedBy: 'All users',
      unsatisfiable: ['requires multifactor authentication'],
    });
  });

  it('excluding the room or its group takes the policy off the room', () => {
    expect(evaluateCaPolicy(policy({ include: { includeUsers: ['All'] }, exclude: { excludeUsers: [ROOM] }, controls: ['mfa'] }), who).includedBy).toBeNull();
    expect(evaluateCaPolicy(policy({ include: { includeUsers: ['All'] }, exclude: { excludeGroups: ['rooms-group'] }, controls: ['mfa'] }), who).includedBy).toBeNull();
  });

  it('OR with a compliant device is satisfiable; AND is not', () => {
    const or = policy({ include: { includeGroups: ['rooms-group'] }, controls: ['mfa', 'compliantDevice'] });
    expect(evaluateCaPolicy(or, who)).toEqual({ includedBy: 'group "Teams Rooms"', unsatisfiable: [] });
    const and = policy({ include: { includeGroups: ['rooms-group'] }, controls: ['mfa', 'compliantDevice'], operator: 'AND' });
    expect(evaluateCaPolicy(and, who).unsatisfiable).toEqual(['requires multifactor authentication']);
  });

  it('names hybrid join, app controls, password change, terms of use and block', () => {
    const all = policy({ include: { includeUsers: [ROOM] }, controls: ['domainJoinedDevice', 'approvedApplication', 'compliantApplication', 'passwordChange'], operator: 'AND', termsOfUse: ['tou'] });
    expect(evaluateCaPolicy(all, who)).toEqual({
      includedBy: 'the account directly',
      unsatisfiable: [
        'requires a hybrid Microsoft Entra joined device',
        'requires an approved client app',
        'requires an app protection policy',
        'requires a password change',
        'requires accepting terms of use',
      ],
    });
    expect(evaluateCaPolicy(policy({ include: { includeUsers: ['All'] }, controls: ['block'] }), who).unsatisfiable).toEqual(['blocks access']);
  });

  it('flags the client apps condition when it reaches the room, ignores legacy-only policies', () => {
    const modern = policy({ include: { includeUsers: ['All'] }, controls: ['compliantDevice'], clientAppTypes: ['mobileAppsAndDesktopClients'] });
    expect(evaluateCaPolicy(modern, who).unsatisfiable).toEqual(['uses the client apps condition, which Teams Rooms does not support']);
    const legacy = policy({ include: { includeUsers: ['All'] }, controls: ['block'], clientAppTypes: ['exchangeActiveSync', 'other'] });
    expect(evaluateCaPolicy(legacy, who).includedBy).toBeNull();
  });

  it('ignores policies for other cloud apps only', () => {
    expect(evaluateCaPolicy(policy({ include: { includeUsers: ['All'] }, controls: ['mfa'], apps: ['797f4846-ba00-4fd7-ba43-dac1f8f63013'] }), who).includedBy).toBeNull();
    expect(evaluateCaPolicy(policy({ include: { includeUsers: ['All'] }, controls: ['mfa'], apps: ['Office365'] }), who).includedBy).toBe('All users');
  });

  it('adds sign-in risk when the grant already defeats the room', () => {
    const risky = policy({ include: { includeUsers: ['All'] }, controls: ['mfa'], signInRiskLevels: ['medium', 'high'] });
    expect(evaluateCaPolicy(risky, who).unsatisfiable).toEqual([
      'requires multifactor authentication',
      'applies on sign-in risk medium, sign-in risk high, which a room cannot remediate',
    ]);
  });
});
