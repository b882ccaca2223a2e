// Teams client log lines: classic Logs.txt form and the new Teams (5.x) MSTeams_*.log form.
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "Wed Jan 20 2021 13:20:53 GMT+0000 (Coordinated Universal Time) <16408> -- info -- …" */
export function classicLine(iso: string, level: 'info' | 'warning' | 'error', text: string, pid = 16408): string {
  const d = new Date(iso);
  const stamp = `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${stamp} GMT+0000 (Coordinated Universal Time) <${pid}> -- ${level} -- ${text}`;
}

/** New Teams log form (unconfirmed on rooms; shaped after the desktop client's MSTeams logs). */
export function newTeamsLine(iso: string, level: 'INF' | 'WRN' | 'ERR', text: string): string {
  return `${iso.replace('Z', '')}000+00:00 0x00003f10 <${level}> ${text}`;
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
