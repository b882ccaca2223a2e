// The fake tenant for tests (and later a Playwright run of the app): see server.ts.
export { startFakeTenant, ALL_PERMISSIONS, type FakeTenant, type FakeTenantOptions } from './server';
export { SCENARIOS, NEVER_EXPIRES, POLICY_IDS, type ScenarioName } from './scenarios';
export { fakeBrowser, visitAuthorizeUrl, enterDeviceCode, type BrowserVisit } from './browser';
export { GROUPS, MICROSOFT, BREAK_GLASS_ID } from './ids';
export type { RequestLogEntry, AuthBehaviour, GraphBehaviour } from './state';
export type { SignInRow } from './signins';
