import { describe, expect, it } from 'vitest';
import { CLOUDS, resolveEndpoints, type AuthSettings } from '../../main/auth/cloud';

const base: AuthSettings = { clientId: 'b8e3c7a1-5d2f-4e6a-9c1b-3f7d8e2a4c60', tenant: 'contoso.onmicrosoft.com', cloud: 'global' };

describe('cloud endpoints', () => {
  it.each([
    ['global', 'https://login.microsoftonline.com', 'https://graph.microsoft.com'],
    ['usgov', 'https://login.microsoftonline.us', 'https://graph.microsoft.us'],
    ['dod', 'https://login.microsoftonline.us', 'https://dod-graph.microsoft.us'],
    ['china', 'https://login.chinacloudapi.cn', 'https://microsoftgraph.chinacloudapi.cn'],
  ] as const)('%s signs in at %s and reads %s, with scopes on that Graph host', (cloud, login, graph) => {
    const e = resolveEndpoints({ ...base, cloud });
    expect(e.authority).toBe(`${login}/contoso.onmicrosoft.com`);
    expect(e.graphUrl).toBe(graph);
    expect(e.knownAuthorities).toEqual([]);
    expect(e.scopes).toEqual([
      `${graph}/AuditLog.Read.All`,
      `${graph}/Directory.Read.All`,
      `${graph}/Policy.Read.All`,
      `${graph}/LicenseAssignment.Read.All`,
      `${graph}/Place.Read.All`,
    ]);
  });

  it('adds UserAuthenticationMethod.Read.All only when asked', () => {
    expect(resolveEndpoints({ ...base, includeAuthenticationMethods: true }).scopes).toContain(
      'https://graph.microsoft.com/UserAuthenticationMethod.Read.All',
    );
  });

  it('lists every cloud once in the data table', () => {
    expect(CLOUDS.map((c) => c.id).sort()).toEqual(['china', 'dod', 'global', 'usgov']);
  });

  it('points at a local tenant when endpoints are overridden, trusting that host without instance discovery', () => {
    const e = resolveEndpoints({ ...base, endpoints: { loginUrl: 'https://127.0.0.1:8443', graphUrl: 'https://127.0.0.1:9443' } });
    expect(e.authority).toBe('https://127.0.0.1:8443/contoso.onmicrosoft.com');
    expect(e.knownAuthorities).toEqual(['127.0.0.1:8443']);
    expect(e.graphHost).toBe('127.0.0.1:9443');
    expect(e.scopes[0]).toBe('https://127.0.0.1:9443/AuditLog.Read.All');
  });

  it.each([
    [{ clientId: 'not-a-guid' }, /client/],
    [{ tenant: 'contoso corp' }, /tenant/],
    [{ endpoints: { loginUrl: 'http://127.0.0.1:8443', graphUrl: 'https://127.0.0.1:9443' } }, /https/],
  ])('rejects bad settings %j', (patch, message) => {
    expect(() => resolveEndpoints({ ...base, ...patch } as AuthSettings)).toThrow(message);
  });
});
