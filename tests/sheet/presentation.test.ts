// How times, identifiers, sources and settings errors read in the wizard and on the sheet.
import { describe, expect, it } from 'vitest';
import { codesIn, evidenceFields, excerptAround, sourceLabel } from '../../main/sheet/evidence-view';
import { formatCount, formatDevicePeriod, formatDeviceTime, offsetLabel, zoneNote } from '../../main/sheet/time';
import { settingsFieldProblems } from '../../renderer/src/store/describe-error';

describe('device local time', () => {
  it('shows local time with UTC beside it, and says which zone', () => {
    const zone = { utcOffsetMinutes: 60, utcOffsetSource: 'the Teams log' };
    expect(formatDeviceTime('2026-11-18T23:30:00Z', zone)).toBe('2026-11-19 00:30 (23:30 UTC)');
    expect(formatDeviceTime('2026-11-18T06:01:00Z', { utcOffsetMinutes: -330 })).toBe('2026-11-18 00:31 (06:01 UTC)');
    expect(zoneNote(zone)).toBe("Times are the device's local time, UTC+01:00, from the Teams log; UTC in brackets.");
    expect(offsetLabel(-330)).toBe('-05:30');
    expect(formatDevicePeriod('2026-11-17T06:00:00Z', '2026-11-19T05:55:00Z', zone)).toBe('2026-11-17 07:00 – 2026-11-19 06:55 (UTC+01:00; 2026-11-17 06:00 – 2026-11-19 05:55 UTC)');
  });

  it('falls back to UTC, and says so, when the zone is unknown', () => {
    expect(formatDeviceTime('2026-11-18T06:01:00Z', { utcOffsetMinutes: null })).toBe('2026-11-18 06:01 UTC');
    expect(formatDeviceTime(null, undefined)).toBe('—');
    expect(zoneNote({})).toMatch(/in UTC/);
  });

  it('writes every count one way', () => {
    expect(formatCount(6609)).toBe('6,609');
  });
});

describe('evidence', () => {
  const GUID = '6a4a0a5e-b8cb-402e-b0f8-230efa39b77e';

  it('names Graph sources as the portals do', () => {
    expect(sourceLabel('graph:/auditLogs/signIns/abc')).toBe('Entra sign-in logs');
    expect(sourceLabel('graph:/identity/conditionalAccess/policies/1')).toBe('Entra Conditional Access policy');
    expect(sourceLabel('Windows/EventLog/Skype Room System.evtx')).toBe('Windows/EventLog/Skype Room System.evtx');
  });

  it('takes the fields the evidence carries, else the Correlation ID its excerpt names', () => {
    expect(evidenceFields({ excerpt: 'x', fields: [{ label: 'Request ID', value: GUID, copy: true }] })).toEqual([{ label: 'Request ID', value: GUID, copy: true }]);
    expect(evidenceFields({ excerpt: `AADSTS53003: blocked. — Correlation ID: ${GUID}` })).toEqual([{ label: 'Correlation ID', value: GUID, copy: true }]);
    expect(evidenceFields({ excerpt: 'no ids here' })).toEqual([]);
  });

  it('cuts an excerpt around the matched code, not at its start', () => {
    const text = `${'a '.repeat(200)}AADSTS53003: Access has been blocked by Conditional Access policies. ${'b '.repeat(200)}`;
    const cut = excerptAround(text, ['AADSTS53003'], 160);
    expect(cut).toContain('AADSTS53003: Access has been blocked');
    expect(cut.startsWith('…')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(162);
    expect(excerptAround('short', ['x'])).toBe('short');
    expect(codesIn('AADSTS53003 and 0xCAA82EE2 in 80131500')).toEqual(['AADSTS53003', '0xCAA82EE2', '80131500']);
  });
});

describe('settings errors', () => {
  it('turns main’s field keys into the form’s words', () => {
    const fields = settingsFieldProblems('clientId: the Application (client) ID, a GUID; tenant: a tenant ID (GUID) or a domain such as contoso.onmicrosoft.com');
    expect(fields?.clientId).toMatch(/^Enter the Application \(client\) ID/);
    expect(fields?.tenant).toMatch(/^Enter the tenant ID/);
    expect(JSON.stringify(fields)).not.toMatch(/clientId:/);
    expect(settingsFieldProblems('Something else went wrong')).toBeNull();
  });
});
