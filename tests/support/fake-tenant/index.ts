// The fake tenant for tests and for a Playwright run of the app (see server.ts).
//
// In vitest, global-setup.ts makes the CA and trusts it for every worker. Elsewhere:
//   const tenant = await startFakeTenant({ scenario: 'mfa' });
//   start the app with NODE_EXTRA_CA_CERTS=tenant.caFile (read at process start; covers MSAL and Graph, both
//   use Node's fetch) and settings { clientId: tenant.clientId, tenant: tenant.tenantId, cloud: 'global',
//   endpoints: { loginUrl: tenant.loginUrl, graphUrl: tenant.graphUrl } }; the resource account is tenant.room.upn.
//   Play the browser with visitAuthorizeUrl(url) or the device code page with enterDeviceCode(uri, code).
export { startFakeTenant, ALL_PERMISSIONS, type FakeTenant, type FakeTenantOptions } from './server';
export { SCENARIOS, NEVER_EXPIRES, POLICY_IDS, type ScenarioName } from './scenarios';
export { fakeBrowser, visitAuthorizeUrl, enterDeviceCode, type BrowserVisit } from './browser';
export { GROUPS, MICROSOFT, BREAK_GLASS_ID } from './ids';
export type { RequestLogEntry, AuthBehaviour, GraphBehaviour } from './state';
export type { SignInRow } from './signins';
