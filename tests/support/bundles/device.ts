// A Teams Rooms device as its logs describe it.
export interface DeviceProfile {
  computer: string;
  alias: string;
  displayName: string;
  appVersion: string;
  os: string;
  osVersion: string;
  ipv4: string;
}

export const BOARDROOM: DeviceProfile = {
  computer: 'MTR-BOARDRM-01',
  alias: 'boardroom@contoso.com',
  displayName: 'Boardroom (12 seats)',
  appVersion: '4.19.57.0',
  os: 'Windows 10 IoT Enterprise',
  osVersion: '10.0.19045.4291',
  ipv4: '10.20.30.41',
};

export const HUDDLE_5X: DeviceProfile = {
  computer: 'MTR-HUDDLE-07',
  alias: 'huddle7@contoso.com',
  displayName: 'Huddle 7',
  appVersion: '5.2.115.0',
  os: 'Windows 11 IoT Enterprise',
  osVersion: '10.0.22631.3527',
  ipv4: '10.20.31.77',
};
