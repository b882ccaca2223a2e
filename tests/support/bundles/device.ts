// A Teams Rooms device as its logs describe it.
export interface DeviceProfile {
  computer: string;
  alias: string;
  displayName: string;
  appVersion: string;
  os: string;
  osVersion: string;
  ipv4: string;
  /** The device's zone: minutes east of UTC, and the (localized) name classic Teams writes after GMT±hhmm. */
  utcOffsetMinutes: number;
  zoneName: string;
  /** Teams-only rooms on 4.x report the unused Skype for Business sign-in as Unhealthy with free text. */
  skypeSignin: 'NotApplicable' | 'teams-only-unhealthy';
}

export const BOARDROOM: DeviceProfile = {
  computer: 'MTR-BOARDRM-01',
  alias: 'mtr-boardroom@contoso.com',
  displayName: 'Boardroom (12 seats)',
  appVersion: '4.19.57.0',
  os: 'Windows 10 IoT Enterprise',
  osVersion: '10.0.19045.4291',
  ipv4: '10.20.30.41',
  utcOffsetMinutes: 60,
  zoneName: 'Mitteleuropäische Normalzeit',
  skypeSignin: 'teams-only-unhealthy',
};

export const HUDDLE_5X: DeviceProfile = {
  computer: 'MTR-HUDDLE-07',
  alias: 'huddle7@contoso.com',
  displayName: 'Huddle 7',
  appVersion: '5.2.115.0',
  os: 'Windows 11 IoT Enterprise',
  osVersion: '10.0.22631.3527',
  ipv4: '10.20.31.77',
  utcOffsetMinutes: 480,
  zoneName: 'China Standard Time',
  skypeSignin: 'NotApplicable',
};

/** A 5.x room in UTC−5, for new-Teams time reading on the other side of UTC. */
export const LOBBY_5X: DeviceProfile = {
  computer: 'MTR-LOBBY-02',
  alias: 'lobby2@contoso.com',
  displayName: 'Lobby 2',
  appVersion: '5.2.115.0',
  os: 'Windows 11 IoT Enterprise',
  osVersion: '10.0.22631.3527',
  ipv4: '10.20.32.12',
  utcOffsetMinutes: -300,
  zoneName: 'Eastern Standard Time',
  skypeSignin: 'NotApplicable',
};
