// Sign-in for MTR Doctor's own Graph access: see provider.ts (the contract) and msal-provider.ts (MSAL node).
export type { AccountSummary, AuthProvider, DeviceCodePrompt, DeviceCodeSignInOptions, InteractiveSignInOptions, SignInOutcome } from './provider';
export { createMsalAuthProvider, type AuthLog, type AuthLogLevel, type MsalAuthProviderOptions } from './msal-provider';
export { CLOUDS, CLOUD_IDS, authSettingsSchema, resolveEndpoints, type AuthSettings, type CloudEndpoints, type CloudId } from './cloud';
export { decideTokenStorage, type TokenEncryptor, type TokenStorageStatus } from './encryptor';
export { AuthProblemError, problemForAadsts, problemForGraphCode, type AuthProblem, type AuthProblemId } from './problems';
export { CancelledError, isCancelled } from './abort';
export { electronOpenBrowser, electronTokenEncryptor, type SafeStorageLike, type ShellLike } from './electron-adapters';
