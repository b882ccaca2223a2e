// The sample and test bundles: one per sign-in failure, a healthy device, a mixed case, and the awkward
// shapes real bundles come in (5.x with new Teams logs, nested folder with %4 names, a damaged AAD log).
import { BOARDROOM, HUDDLE_5X, type DeviceProfile } from './device';
import { HEALTHY, type Health } from './srs-events';

/** What the device is going through during a phase. */
export type Condition =
  | { kind: 'healthy' }
  | { kind: 'aadsts'; code: string; /** how the heartbeat shows it */ exchange?: string; teams?: string }
  | { kind: 'network'; hresults: number[]; httpStatus?: number }
  | { kind: 'mailbox'; exchange: 'GeneralError' | 'AutodiscoveryError' }
  | { kind: 'license' }
  /** Offline: nothing reaches Microsoft; the app's token requests fail with transport errors only. */
  | { kind: 'offline' };

export interface Phase {
  fromHour: number;
  conditions: Condition[];
}

export interface Scenario {
  id: string;
  title: string;
  description: string;
  device: DeviceProfile;
  start: string;
  hours: number;
  phases: Phase[];
  /** Where the Teams log lives and in which form. */
  teamsLog: 'classic' | 'new-teams';
  /** Bundle layout quirks. */
  layout?: { folder?: string; pct4Names?: boolean; backslashes?: boolean };
  /** Damage the AAD log's first chunk (bad signature) so the rest must still be read. */
  damageAadLog?: boolean;
  /** Cut the AAD log inside its file header: present but unreadable. */
  cutAadLog?: boolean;
  /** Cut the AAD log after this many of its chunks, at a chunk boundary: each chunk left reads clean. */
  cutAadLogAfterChunks?: number;
  /** Before `atHour` the device used another resource account. */
  accountChange?: { atHour: number; previous: string };
  /** How the AAD events carry codes: event 1100 instead of 1098, signed decimal errors, localized text. */
  aadForm?: { eventId?: 1098 | 1100 | 1101; signedDecimal?: boolean; localized?: boolean; client?: string };
  /** Windows logon (PRT) plugin noise: 1081/1084/1104 failures that are not the room app's. */
  prtNoise?: boolean;
  teamsLogEncoding?: 'utf16le-nobom' | 'utf16be-nobom' | 'nul-padded';
  /** Categories left out of the collection (a Pro Management portal download); `config`: the app's settings files. */
  omit?: ('aad' | 'srs' | 'teams' | 'config')[];
  /** The device clock from `atHour` on reads `shiftHours` off (negative: it jumped back), in every log. */
  clock?: { atHour: number; shiftHours: number };
  /** The device's zone from `atHour` on (a daylight saving change): Teams lines carry the new offset. */
  zoneChange?: { atHour: number; utcOffsetMinutes: number; zoneName: string };
  seed: number;
  /** Offered in the app as "Try a sample bundle". */
  sample: boolean;
}

export const START = '2026-11-18T06:00:00.000Z';

const mfa = (code = '50076'): Condition => ({ kind: 'aadsts', code, exchange: `80131500 : AADSTS${code}`, teams: 'Unhealthy' });
const aad = (code: string): Condition => ({ kind: 'aadsts', code, exchange: `80131500 : AADSTS${code}`, teams: 'Unhealthy' });

export const SCENARIOS: Scenario[] = [
  {
    id: 'healthy',
    title: 'Healthy room',
    description: 'A day of healthy heartbeats: every check passes.',
    device: BOARDROOM,
    start: START,
    hours: 24,
    phases: [{ fromHour: 0, conditions: [{ kind: 'healthy' }] }],
    teamsLog: 'classic',
    seed: 1,
    sample: true,
  },
  {
    id: 'mfa',
    title: 'MFA required',
    description: 'AADSTS50076 since mid-morning: MFA was turned on for the room account.',
    device: BOARDROOM,
    start: START,
    hours: 24,
    phases: [
      { fromHour: 0, conditions: [{ kind: 'healthy' }] },
      { fromHour: 4, conditions: [mfa()] },
    ],
    teamsLog: 'classic',
    seed: 2,
    sample: true,
  },
  {
    id: 'conditional-access',
    title: 'Blocked by Conditional Access',
    description: 'AADSTS53003: a Conditional Access policy blocks token issuance.',
    device: BOARDROOM,
    start: START,
    hours: 24,
    phases: [
      { fromHour: 0, conditions: [{ kind: 'healthy' }] },
      { fromHour: 6, conditions: [aad('53003')] },
    ],
    teamsLog: 'classic',
    seed: 3,
    sample: true,
  },
  {
    id: 'password',
    title: 'Password expired',
    description: 'AADSTS50055 overnight: the cloud password expired.',
    device: BOARDROOM,
    start: START,
    hours: 24,
    phases: [
      { fromHour: 0, conditions: [{ kind: 'healthy' }] },
      { fromHour: 2, conditions: [aad('50055')] },
    ],
    teamsLog: 'classic',
    seed: 4,
    sample: true,
  },
  {
    id: 'credentials',
    title: 'Wrong password, then locked',
    description: 'AADSTS50126 after a password change, then AADSTS50053 lockout.',
    device: BOARDROOM,
    start: START,
    hours: 24,
    phases: [
      { fromHour: 0, conditions: [{ kind: 'healthy' }] },
      { fromHour: 8, conditions: [aad('50126')] },
      { fromHour: 14, conditions: [aad('50053')] },
    ],
    teamsLog: 'classic',
    seed: 5,
    sample: true,
  },
  {
    id: 'network',
    title: 'Network blocked',
    description: 'The room cannot reach login.microsoftonline.com: proxy returns 407, TLS fails.',
    device: BOARDROOM,
    start: START,
    hours: 24,
    phases: [
      { fromHour: 0, conditions: [{ kind: 'healthy' }] },
      { fromHour: 10, conditions: [{ kind: 'network', hresults: [0xcaa82efd, 0xcaa82f8f], httpStatus: 407 }] },
    ],
    teamsLog: 'classic',
    seed: 6,
    sample: true,
  },
  {
    id: 'mailbox',
    title: 'No room mailbox',
    description: 'Exchange status GeneralError: the account has no room mailbox.',
    device: BOARDROOM,
    start: START,
    hours: 24,
    phases: [{ fromHour: 0, conditions: [{ kind: 'mailbox', exchange: 'GeneralError' }] }],
    teamsLog: 'classic',
    seed: 7,
    sample: true,
  },
  {
    id: 'license',
    title: 'No Teams Rooms license',
    description: 'Teams refuses the account: get_skype_license … licenseError.',
    device: BOARDROOM,
    start: START,
    hours: 24,
    phases: [
      { fromHour: 0, conditions: [{ kind: 'healthy' }] },
      { fromHour: 5, conditions: [{ kind: 'license' }] },
    ],
    teamsLog: 'classic',
    seed: 8,
    sample: true,
  },
  {
    id: 'mixed',
    title: 'Mixed: MFA fixed, now CA and license',
    description: 'MFA failures that recovered, then Conditional Access and license failures, plus an unknown code.',
    device: BOARDROOM,
    start: START,
    hours: 24,
    phases: [
      { fromHour: 0, conditions: [mfa('50079')] },
      { fromHour: 8, conditions: [{ kind: 'healthy' }] },
      { fromHour: 12, conditions: [aad('53003'), { kind: 'license' }] },
      { fromHour: 20, conditions: [aad('53003'), aad('9999999'), { kind: 'license' }] },
    ],
    teamsLog: 'classic',
    seed: 9,
    sample: true,
  },
  {
    id: 'license-5x',
    title: 'New Teams (5.x) license error',
    description: 'A 5.x room whose license error is only in a new Teams MSTeams log.',
    device: HUDDLE_5X,
    start: START,
    hours: 12,
    phases: [
      { fromHour: 0, conditions: [{ kind: 'healthy' }] },
      { fromHour: 3, conditions: [{ kind: 'license' }] },
    ],
    teamsLog: 'new-teams',
    seed: 10,
    sample: false,
  },
  {
    id: 'nested-pct4',
    title: 'Nested folder, %4 names',
    description: 'The bundle one folder deep, Windows backslashes and %4 file names; MFA failing.',
    device: BOARDROOM,
    start: START,
    hours: 12,
    phases: [
      { fromHour: 0, conditions: [{ kind: 'healthy' }] },
      { fromHour: 2, conditions: [mfa()] },
    ],
    teamsLog: 'classic',
    layout: { folder: 'MTR-BOARDRM-01_DeviceLogs_20261118', pct4Names: true, backslashes: true },
    seed: 11,
    sample: false,
  },
  {
    id: 'damaged-aad',
    title: 'Damaged AAD log',
    description: 'The AAD log has a chunk with a broken signature; the failures after it are still found.',
    device: BOARDROOM,
    start: START,
    hours: 24,
    phases: [
      { fromHour: 0, conditions: [{ kind: 'healthy' }] },
      { fromHour: 1, conditions: [mfa()] },
    ],
    teamsLog: 'classic',
    damageAadLog: true,
    seed: 12,
    sample: false,
  },
];

export function scenario(id: string): Scenario {
  const s = SCENARIOS.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
}

/** The heartbeat the device reports under a set of conditions. */
export function healthUnder(conditions: Condition[]): Health {
  const h = { ...HEALTHY };
  for (const c of conditions) {
    if (c.kind === 'aadsts') {
      if (c.exchange) h.exchange = c.exchange;
      if (c.teams) h.teams = c.teams;
    } else if (c.kind === 'network') {
      h.network = 'Unhealthy';
      h.exchange = 'Disconnected';
      h.teams = 'Unhealthy';
    } else if (c.kind === 'mailbox') {
      h.exchange = c.exchange;
    } else if (c.kind === 'license') {
      h.teams = 'Unhealthy';
    } else if (c.kind === 'offline') {
      h.network = 'Unhealthy';
      h.exchange = 'Disconnected';
      h.teams = 'Unhealthy';
    }
  }
  return h;
}
