// One rule for where Graph is, whoever asks (app, CLI, tests): a custom URL counts by its origin only.
import { describe, expect, it } from 'vitest';
import { graphOrigin, resolveEndpoints } from '../../main/auth/cloud';

describe('graphOrigin', () => {
  it.each([
    ['https://127.0.0.1:8443', 'https://127.0.0.1:8443'],
    ['https://127.0.0.1:8443/', 'https://127.0.0.1:8443'],
    ['https://127.0.0.1:8443/v1.0', 'https://127.0.0.1:8443'],
    ['https://graph.example.test/beta/', 'https://graph.example.test'],
  ])('%s → %s', (url, origin) => {
    expect(graphOrigin({ cloud: 'global', graphUrl: url })).toBe(origin);
  });

  it("is the cloud's own Graph without a custom URL", () => {
    expect(graphOrigin({ cloud: 'usgov' })).toBe('https://graph.microsoft.us');
    expect(graphOrigin({})).toBe('https://graph.microsoft.com');
  });

  it('refuses plain http', () => {
    expect(() => graphOrigin({ graphUrl: 'http://127.0.0.1:8080' })).toThrow(/must use https/);
  });

  it('is what sign-in scopes are built on', () => {
    const e = resolveEndpoints({ clientId: '00000000-0000-0000-0000-000000000001', tenant: 'contoso.com', cloud: 'china' });
    expect(e.graphUrl).toBe(graphOrigin({ cloud: 'china' }));
    expect(e.scopes[0]).toBe(`${e.graphUrl}/AuditLog.Read.All`);
  });
});
