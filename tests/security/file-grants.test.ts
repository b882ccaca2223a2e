// Handles for files the technician chose: issued by main, resolved by main, nothing else accepted.
import { describe, expect, it } from 'vitest';
import { FileGrants, GrantRefused, isDevicePath, isUncPath } from '../../main/security/file-grants';

describe('FileGrants', () => {
  it('resolves only handles it issued, and shows only the base name', () => {
    const grants = new FileGrants();
    const g = grants.issue('/home/tech/Downloads/room-42.zip', 'drop');
    expect(g.name).toBe('room-42.zip');
    expect(g.handle).toMatch(/^[0-9a-f-]{36}$/);
    expect(grants.resolve(g.handle)).toBe('/home/tech/Downloads/room-42.zip');
    expect(() => grants.resolve('/etc')).toThrow(GrantRefused);
    expect(() => grants.resolve('00000000-0000-4000-8000-000000000000')).toThrow(/not chosen in this window/);
    expect(grants.issue('C:\\Users\\tech\\room.zip', 'dialog').name).toBe('room.zip');
  });

  it('refuses UNC and device paths unless they were picked in the dialog', () => {
    for (const p of ['\\\\fileserver\\logs\\room.zip', '//fileserver/logs/room.zip', '\\\\?\\C:\\room.zip', '\\\\.\\PhysicalDrive0', '//?/C:/x']) {
      expect(isUncPath(p) || isDevicePath(p), p).toBe(true);
      expect(() => new FileGrants().issue(p, 'drop'), p).toThrow(/network share or a device path/);
      expect(() => new FileGrants().issue(p, 'sample'), p).toThrow(GrantRefused);
      const grants = new FileGrants();
      expect(grants.resolve(grants.issue(p, 'dialog').handle)).toBe(p);
    }
    for (const p of ['C:\\Users\\x\\room.zip', '/tmp/room.zip', 'relative\\x.zip']) {
      expect(isUncPath(p) || isDevicePath(p), p).toBe(false);
    }
  });

  it('keeps a bounded number of handles', () => {
    const grants = new FileGrants();
    const first = grants.issue('/a/first.zip', 'drop');
    for (let i = 0; i < 300; i++) grants.issue(`/a/${i}.zip`, 'drop');
    expect(() => grants.resolve(first.handle)).toThrow(GrantRefused);
  });
});
