// Bundles that are not what they seem (issue 22): another kind of device, a clock that jumps, a code the
// table lacks, a lockout from elsewhere, a short Exchange error. Several days of heartbeats each, written
// with the project's EVTX writer like every other scenario; each has a reverse case beside it.
import { BOARDROOM, type DeviceProfile } from './device';
import { START, type Condition, type Scenario } from './scenarios';

const code = (c: string): Condition => ({ kind: 'aadsts', code: c, exchange: `80131500 : AADSTS${c}`, teams: 'Unhealthy' });

/** A person's laptop: its AAD log holds their Outlook's token requests. */
export const LAPTOP: DeviceProfile = {
  ...BOARDROOM,
  computer: 'LAPTOP-JDOE',
  alias: 'jdoe@contoso.com',
  displayName: 'Jane Doe',
  os: 'Windows 11 Enterprise',
  osVersion: '10.0.22631.4460',
};
export const OUTLOOK_CLIENT = 'd3590ed6-52b3-4102-aeff-aad2292ab01c';

const base = (id: string, over: Partial<Scenario>): Scenario => ({
  id,
  title: id,
  description: id,
  device: BOARDROOM,
  start: START,
  hours: 72,
  phases: [{ fromHour: 0, conditions: [{ kind: 'healthy' }] }],
  teamsLog: 'classic',
  seed: 2200,
  sample: false,
  ...over,
});

export const ODD = {
  /** MFA fails for a person's Outlook; no Skype Room System log, no Teams Rooms files. */
  laptop: base('laptop', {
    device: LAPTOP,
    hours: 48,
    phases: [{ fromHour: 0, conditions: [{ kind: 'aadsts', code: '50076' }] }],
    omit: ['srs', 'teams', 'config'],
    aadForm: { client: OUTLOOK_CLIENT },
    seed: 2201,
  }),
  /** Reverse: a room's AAD log alone (a portal download of one category), no mark either way: analysed. */
  aadOnlyRoom: base('aad-only-room', {
    hours: 48,
    phases: [
      { fromHour: 0, conditions: [{ kind: 'healthy' }] },
      { fromHour: 6, conditions: [{ kind: 'aadsts', code: '50076' }] },
    ],
    omit: ['srs', 'teams', 'config'],
    seed: 2202,
  }),
  /** Healthy for two and a half days; then a reboot sets the clock four days back and TLS fails since. */
  clockBack: base('clock-back', {
    phases: [
      { fromHour: 0, conditions: [{ kind: 'healthy' }] },
      { fromHour: 60, conditions: [{ kind: 'network', hresults: [0xcaa82f8f] }] },
    ],
    clock: { atHour: 60, shiftHours: -96 },
    seed: 2203,
  }),
  /** Reverse: the clock jumps forward five hours (a sync after a slow clock): not a backwards jump. */
  clockForward: base('clock-forward', { clock: { atHour: 30, shiftHours: 5 }, seed: 2204 }),
  /** Reverse: time sync steps the clock back three minutes: below the threshold. */
  clockSmallStep: base('clock-small-step', { clock: { atHour: 30, shiftHours: -0.05 }, seed: 2205 }),
  /** Reverse: daylight saving ends (UTC+2 → UTC+1): the Teams lines' local digits go back an hour, UTC does not. */
  dstEnds: base('dst-ends', {
    device: { ...BOARDROOM, utcOffsetMinutes: 120, zoneName: 'Mitteleuropäische Sommerzeit' },
    zoneChange: { atHour: 20, utcOffsetMinutes: 60, zoneName: 'Mitteleuropäische Normalzeit' },
    seed: 2206,
  }),
  /** A day healthy, then two days of AADSTS50158 (a Terms of Use / external challenge) on every request. */
  externalChallenge: base('external-challenge', {
    phases: [
      { fromHour: 0, conditions: [{ kind: 'healthy' }] },
      { fromHour: 24, conditions: [code('50158')] },
    ],
    seed: 2207,
  }),
  /** The same with a code no table knows. */
  unknownCode: base('unknown-code', {
    phases: [
      { fromHour: 0, conditions: [{ kind: 'healthy' }] },
      { fromHour: 24, conditions: [code('9999999')] },
    ],
    seed: 2208,
  }),
  /** Reverse: the unknown code two hours long, three days ago; healthy since. */
  unknownCodePast: base('unknown-code-past', {
    phases: [
      { fromHour: 0, conditions: [code('9999999')] },
      { fromHour: 2, conditions: [{ kind: 'healthy' }] },
    ],
    seed: 2209,
  }),
  /** The room's own sign-ins stay healthy; now and then it meets the lockout another client causes. */
  lockoutElsewhere: base('lockout-elsewhere', {
    hours: 48,
    phases: [
      { fromHour: 0, conditions: [{ kind: 'healthy' }] },
      { fromHour: 20, conditions: [{ kind: 'aadsts', code: '50053' }] },
      { fromHour: 20.3, conditions: [{ kind: 'healthy' }] },
      { fromHour: 30, conditions: [{ kind: 'aadsts', code: '50053' }] },
      { fromHour: 30.3, conditions: [{ kind: 'healthy' }] },
    ],
    seed: 2210,
  }),
  /** Ten minutes of Exchange GeneralError, then hours of Connected. */
  mailboxBlip: base('mailbox-blip', {
    hours: 48,
    phases: [
      { fromHour: 0, conditions: [{ kind: 'healthy' }] },
      { fromHour: 10, conditions: [{ kind: 'mailbox', exchange: 'GeneralError' }] },
      { fromHour: 10 + 10 / 60, conditions: [{ kind: 'healthy' }] },
    ],
    seed: 2211,
  }),
} satisfies Record<string, Scenario>;
