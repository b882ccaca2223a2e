// Microsoft-Windows-AAD/Operational events as the token broker writes them on a Teams Rooms device.
import type { EvtxEventInput } from '../../../tools/evtx-writer';
import type { DeviceProfile } from './device';
import type { Prng } from '../prng';

export const AAD_PROVIDER = { name: 'Microsoft-Windows-AAD', guid: '{4DE9BC9C-B27A-43C9-8994-0915F1A5E24F}' };
export const AAD_CHANNEL = 'Microsoft-Windows-AAD/Operational';
const TEAMS_CLIENT = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
const EXCHANGE = 'https://outlook.office365.com/';

/** AADSTS code → (HRESULT, OAuth code, description) as Entra and the broker phrase them. */
export const AADSTS_TEXT: Record<string, { hresult: number; code: string; text: string }> = {
  '50076': { hresult: 0xcaa2000c, code: 'interaction_required', text: "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000002-0000-0ff1-ce00-000000000000'." },
  '50079': { hresult: 0xcaa2000c, code: 'interaction_required', text: "Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '00000002-0000-0ff1-ce00-000000000000'." },
  '53003': { hresult: 0xcaa20003, code: 'invalid_grant', text: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.' },
  '50055': { hresult: 0xcaa20003, code: 'invalid_grant', text: 'The password is expired.' },
  '50144': { hresult: 0xcaa20003, code: 'invalid_grant', text: "The user's Active Directory password has expired." },
  '50126': { hresult: 0xcaa20003, code: 'invalid_grant', text: 'Error validating credentials due to invalid username or password.' },
  '50053': { hresult: 0xcaa20003, code: 'invalid_grant', text: "The account is locked, you've tried to sign in too many times with an incorrect user ID or password." },
  '50057': { hresult: 0xcaa20003, code: 'invalid_grant', text: 'The user account is disabled.' },
  '50158': { hresult: 0xcaa2000c, code: 'interaction_required', text: 'External security challenge not satisfied. User will be redirected to another page or authentication provider to satisfy additional authentication challenges.' },
  '9999999': { hresult: 0xcaa20003, code: 'invalid_grant', text: 'Something new that no table knows yet.' },
};

const HRESULT_TEXT: Record<number, string> = {
  0xcaa2000c: 'The request requires user interaction.',
  0xcaa20003: 'Authorization grant failed for this user.',
  0xcaa82efd: 'A connection with the server could not be established',
  0xcaa82f8f: 'A security error occurred',
  0xcaa82ee2: 'The operation timed out',
};

function base(device: DeviceProfile, time: string, eventId: number, level: number, task: number, rng: Prng) {
  return {
    time,
    provider: AAD_PROVIDER,
    eventId,
    version: 0,
    level,
    task,
    opcode: 0,
    keywords: 0x4000000000000000n,
    channel: AAD_CHANNEL,
    computer: device.computer,
    processId: 4312 + rng.int(0, 40),
    threadId: 9000 + rng.int(0, 900),
    userSid: 'S-1-5-21-3623811015-3361044348-30300820-1013',
  } satisfies Partial<EvtxEventInput>;
}

/** How real devices vary the same event: event 1100/1101, the error as a signed decimal, localized text. */
export interface AadForm {
  eventId?: 1098 | 1100 | 1101;
  signedDecimal?: boolean;
  localized?: boolean;
  /** The client the token request is for (the Teams app by default; a person's PC asks for Outlook's). */
  client?: string;
}

const signed = (n: number) => (n > 0x7fffffff ? n - 0x1_0000_0000 : n);

export function aadError(device: DeviceProfile, time: string, aadsts: string, rng: Prng, form: AadForm = {}): EvtxEventInput {
  const t = AADSTS_TEXT[aadsts] ?? { hresult: 0xcaa20003, code: 'invalid_grant', text: 'Unknown error.' };
  const correlation = rng.guid();
  const stamp = `${time.slice(0, 10)} ${time.slice(11, 19)}Z`;
  const info = [
    `Code: ${t.code}`,
    `Description: AADSTS${aadsts}: ${t.text}\r\nTrace ID: ${rng.guid()}\r\nCorrelation ID: ${correlation}\r\nTimestamp: ${stamp}`,
    `TokenEndpoint: https://login.microsoftonline.com/organizations/oauth2/token`,
    `Logged at OAuthTokenRequestBase.cpp, line: 437, method: OAuthTokenRequestBase::ProcessOAuthResponse.`,
    ``,
    `Request: authority: https://login.microsoftonline.com/organizations, client: ${form.client ?? TEAMS_CLIENT}, redirect URI: ms-appx-web://Microsoft.AAD.BrokerPlugin/S-1-15-2-1910091885, resource: ${EXCHANGE}, correlation ID (request): ${correlation}`,
    `UPN: ${device.alias}`,
  ].join('\n');
  const message = form.localized ? 'Die Autorisierungsgewährung ist für diese Assertion fehlgeschlagen.' : `Error: 0x${t.hresult.toString(16).toUpperCase()} ${HRESULT_TEXT[t.hresult] ?? 'Unknown'}`;
  return {
    ...base(device, time, form.eventId ?? 1098, 2, 103, rng),
    data: [
      form.signedDecimal ? { name: 'Error', value: String(signed(t.hresult)) } : { name: 'Error', type: 'uint32', value: t.hresult },
      { name: 'ErrorMessage', value: message },
      { name: 'AdditionalInformation', value: form.localized ? info.replace('Logged at', 'Protokolliert unter') : info },
    ],
  };
}

/** The room app's own token request failing in transport: 1098 with a network HRESULT and no AADSTS code. */
export function aadNetworkError(device: DeviceProfile, time: string, hresult: number, rng: Prng): EvtxEventInput {
  const correlation = rng.guid();
  return {
    ...base(device, time, 1098, 2, 103, rng),
    data: [
      { name: 'Error', type: 'uint32', value: hresult },
      { name: 'ErrorMessage', value: HRESULT_TEXT[hresult] ?? 'Transport error' },
      {
        name: 'AdditionalInformation',
        value: `Logged at OAuthTokenRequestBase.cpp, line: 212, method: OAuthTokenRequestBase::SendRequest.\n\nRequest: authority: https://login.microsoftonline.com/organizations, client: ${TEAMS_CLIENT}, resource: ${EXCHANGE}, correlation ID (request): ${correlation}\nUPN: ${device.alias}`,
      },
    ],
  };
}

/**
 * The Windows logon (PRT) plugin's own failures: 1081 OAuth errors with an AADSTS code, 1084 transport
 * errors, 1104 failing API results. Not the room app's sign-in: they must never decide a verdict.
 */
export function prtPluginNoise(device: DeviceProfile, time: string, rng: Prng): EvtxEventInput[] {
  return [
    {
      ...base(device, time, 1081, 2, 101, rng),
      data: [
        { name: 'Error', type: 'uint32', value: 0xcaa20003 },
        { name: 'ErrorMessage', value: 'Authorization grant failed for this user.' },
        { name: 'AdditionalInformation', value: `Code: invalid_grant\nDescription: AADSTS50126: Error validating credentials due to invalid username or password.\nTrace ID: ${rng.guid()}\nCorrelation ID: ${rng.guid()}` },
      ],
    },
    {
      ...base(device, time, 1084, 2, 101, rng),
      data: [
        { name: 'Error', type: 'uint32', value: 0xcaa82ee2 },
        { name: 'ErrorMessage', value: 'The operation timed out' },
        { name: 'AdditionalInformation', value: 'Logged at winhttpnetworkprovider.cpp, line: 612, method: WinHttpNetworkProvider::SendRequest.' },
      ],
    },
    {
      ...base(device, time, 1104, 2, 105, rng),
      data: [
        { name: 'API', value: 'AcquireTokenForPrimaryRefreshToken' },
        { name: 'Result', type: 'uint32', value: 0xcaa20003 },
        { name: 'AdditionalInformation', value: 'Logged at pluginimplementation.cpp.' },
      ],
    },
  ];
}

export function aadTransportError(device: DeviceProfile, time: string, hresult: number, rng: Prng): EvtxEventInput {
  return {
    ...base(device, time, 1084, 2, 101, rng),
    data: [
      { name: 'Error', type: 'uint32', value: hresult },
      { name: 'ErrorMessage', value: HRESULT_TEXT[hresult] ?? 'Transport error' },
      { name: 'AdditionalInformation', value: `Logged at winhttpnetworkprovider.cpp, line: 612, method: WinHttpNetworkProvider::SendRequest.\n\nRequest: authority: https://login.microsoftonline.com/organizations, client: ${TEAMS_CLIENT}, resource: ${EXCHANGE}, correlation ID (request): ${rng.guid()}` },
    ],
  };
}

export function aadHttpStatus(device: DeviceProfile, time: string, status: number, rng: Prng): EvtxEventInput {
  return {
    ...base(device, time, 1025, 4, 104, rng),
    data: [
      { name: 'HttpStatus', type: 'uint32', value: status },
      { name: 'Method', value: 'POST' },
      { name: 'EndpointUri', value: 'https://login.microsoftonline.com/organizations/oauth2/token' },
      { name: 'CorrelationID', value: `{${rng.guid()}}` },
    ],
  };
}

/** The broker's routine noise: cache partitioning warnings and successful API results. */
export function aadNoise(device: DeviceProfile, time: string, rng: Prng): EvtxEventInput {
  if (rng.next() < 0.5) {
    return {
      ...base(device, time, 1097, 3, 102, rng),
      data: [
        { name: 'Error', type: 'uint32', value: 0 },
        { name: 'ErrorMessage', value: 'The cache has been partitioned successfully.' },
        { name: 'AdditionalInformation', value: `Logged at cachemanager.cpp, line: 211, method: CacheManager::Partition.\nUPN: ${device.alias}` },
      ],
    };
  }
  return {
    ...base(device, time, 1104, 4, 105, rng),
    data: [
      { name: 'API', value: 'AcquireTokenSilently' },
      { name: 'Result', type: 'uint32', value: 0 },
      { name: 'AdditionalInformation', value: `resource: ${EXCHANGE}, client: ${TEAMS_CLIENT}` },
    ],
  };
}
