// Times as the technician compares them with the portals: the device's local time, with UTC beside it.
// The engine words its sentences with the same functions (main/model/display-format.ts).
export { formatCount, formatDevicePeriod, formatDeviceTime, offsetLabel, zoneNote } from '../model/display-format';
