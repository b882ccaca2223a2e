// Skype Room System channel events (source SRS-App) written by the Teams Rooms app: 5-minute heartbeats
// with a JSON payload, app restarts, hardware state.
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

export function heartbeat(device: DeviceProfile, time: string, h: Health): EvtxEventInput {
  const healthy = isHealthy(h);
  const json = {
    Description: `Network status : ${h.network}. Exchange status : ${h.exchange}. Signin status: ${h.signin}. Teams Signin status: ${h.teams}.`,
    ResourceState: healthy ? 'Healthy' : 'Unhealthy',
    OperationName: 'Heartbeat',
    OperationResult: healthy ? 'Pass' : 'Fail',
    OS: device.os,
    OSVersion: device.osVersion,
    Alias: device.alias,
    DisplayName: device.displayName,
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
    data: [{ value: JSON.stringify({ Description: 'App restarted.', ResourceState: 'Healthy', OperationName: 'AppRestart', OperationResult: 'Pass', AppVersion: device.appVersion }) }],
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
    data: [{ value: JSON.stringify({ Description: 'Hardware status : Healthy. Camera: Healthy. Microphone: Healthy. Speaker: Healthy.', ResourceState: 'Healthy', OperationName: 'HardwareCheck', OperationResult: 'Pass' }) }],
  };
}
