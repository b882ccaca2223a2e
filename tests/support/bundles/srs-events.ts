// Skype Room System channel events (source SRS-App) written by the Teams Rooms app: 5-minute heartbeats
// with a JSON payload, app restarts, hardware state — in the forms real devices write (DOMAIN.md, "What real
// devices write"): a healthy 2000 says only "Heartbeat is healthy.", a 2001 leaves Alias and DisplayName
// empty, Teams-only 4.x rooms report the Skype sign-in as Unhealthy with free text, and the account is in
// the 3000/4000 events.
import type { EvtxEventInput } from '../../../tools/evtx-writer';
import type { DeviceProfile } from './device';

export const SRS_CHANNEL = 'Skype Room System';

export interface Health {
  network: string;
  exchange: string;
  signin: string;
  teams: string;
}

export const HEALTHY: Health = { network: 'Healthy', exchange: 'Connected', signin: 'NotApplicable', teams: 'Healthy' };

export function isHealthy(h: Health): boolean {
  return h.network === 'Healthy' && h.exchange === 'Connected' && h.teams === 'Healthy';
}

const SKYPE_TEAMS_ONLY = "Unhealthy.We couldn't sign you in. There might be a problem with your credentials. Please contact your support team.";

export function heartbeat(device: DeviceProfile, time: string, h: Health): EvtxEventInput {
  const healthy = isHealthy(h);
  const signin = h.signin === 'NotApplicable' && device.skypeSignin === 'teams-only-unhealthy' ? SKYPE_TEAMS_ONLY : h.signin;
  const json = {
    Description: healthy ? 'Heartbeat is healthy.' : `Network status : ${h.network}. Exchange status : ${h.exchange}. Signin status: ${signin}. Teams Signin status: ${h.teams}.`,
    ResourceState: healthy ? 'Healthy' : 'Unhealthy',
    OperationName: 'Heartbeat',
    OperationResult: healthy ? 'Pass' : 'Fail',
    OS: device.os,
    OSVersion: device.osVersion,
    Alias: '',
    DisplayName: '',
    AppVersion: device.appVersion,
    IPv4Address: device.ipv4,
    IPv6Address: '',
  };
  return {
    style: 'classic',
    time,
    provider: 'SRS-App',
    eventId: healthy ? 2000 : 2001,
    level: healthy ? 4 : 2,
    channel: SRS_CHANNEL,
    computer: device.computer,
    data: [{ value: JSON.stringify(json) }],
  };
}

export function appRestart(device: DeviceProfile, time: string): EvtxEventInput {
  return {
    style: 'classic',
    time,
    provider: 'SRS-App',
    eventId: 4000,
    level: 4,
    channel: SRS_CHANNEL,
    computer: device.computer,
    data: [{ value: JSON.stringify({ Description: 'App restarts.', ResourceState: 'Healthy', OperationName: 'AppRestart', OperationResult: 'Pass', Alias: device.alias, DisplayName: device.displayName, AppVersion: device.appVersion }) }],
  };
}

export function hardwareOk(device: DeviceProfile, time: string): EvtxEventInput {
  return {
    style: 'classic',
    time,
    provider: 'SRS-App',
    eventId: 3000,
    level: 4,
    channel: SRS_CHANNEL,
    computer: device.computer,
    data: [{ value: JSON.stringify({ Description: 'HardwareCheckEngine is healthy.', ResourceState: 'Healthy', OperationName: 'HardwareCheck', OperationResult: 'Pass', Alias: device.alias, DisplayName: device.displayName, AppVersion: device.appVersion }) }],
  };
}
