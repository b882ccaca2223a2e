// Teams client log lines: classic Logs.txt form and the new Teams (5.x) MSTeams_*.log form.
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

export interface Zone {
  utcOffsetMinutes: number;
  /** Localized on real devices ("Mitteleuropäische Normalzeit"): only GMT±hhmm may be parsed. */
  zoneName: string;
}

export const UTC_ZONE: Zone = { utcOffsetMinutes: 0, zoneName: 'Coordinated Universal Time' };

function offsetText(minutes: number, colon: boolean): string {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

/** "Wed Jan 20 2021 13:20:53 GMT+0100 (Mitteleuropäische Normalzeit) <16408> -- info -- …" in the device's local time. */
export function classicLine(iso: string, level: 'info' | 'warning' | 'error', text: string, zone: Zone = UTC_ZONE, pid = 16408): string {
  const d = new Date(Date.parse(iso) + zone.utcOffsetMinutes * 60_000);
  const stamp = `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${stamp} GMT${offsetText(zone.utcOffsetMinutes, false)} (${zone.zoneName}) <${pid}> -- ${level} -- ${text}`;
}

/**
 * New Teams (5.x) as rooms write it: UTC digits with the device's local offset appended
 * (a file named 12-24-08 local holds 11:24:22.599+01:00), level tokens <INF>/<WARN>/<ERR>.
 */
export function newTeamsLine(iso: string, level: 'INF' | 'WARN' | 'ERR', text: string, zone: Zone = UTC_ZONE): string {
  return `${iso.replace('Z', '')}0000${offsetText(zone.utcOffsetMinutes, true)} 0x00003f10 <${level}> ${text}`;
}

/** The file name new Teams gives a log: its local start time. */
export function newTeamsFileName(iso: string, zone: Zone): string {
  const d = new Date(Date.parse(iso) + zone.utcOffsetMinutes * 60_000).toISOString();
  return `MSTeams_${d.slice(0, 10)}_${d.slice(11, 13)}-${d.slice(14, 16)}-${d.slice(17, 19)}.00.log`;
}

export const LICENSE_ERROR = 'AuthenticationService: sign in failed for resource account: errorCode: FailedAuthentication, errorStep: get_skype_license, errorState: licenseError';

export const ROUTINE = [
  'SkypeSettings: loaded configuration from C:\\Users\\Skype\\AppData\\Local\\Packages\\Microsoft.SkypeRoomSystem_8wekyb3d8bbwe\\LocalState\\SkypeSettings.xml',
  'CalendarService: synced 6 meetings for today',
  'HeartbeatService: heartbeat sent',
  'DeviceManager: camera "Logitech Rally Camera" is ready',
  'DeviceManager: default speaker "Logitech Rally Speaker" is ready',
  'AuthenticationService: token refreshed for https://api.spaces.skype.com',
  'MeetingService: no meeting in progress',
];
