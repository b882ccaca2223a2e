// One test per Electron security guard, driven through fakes shaped like Electron's objects.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createExternalOpener, isAllowedExternalUrl } from '../../main/security/external-links';
import { denyAllPermissions, type PermissionSession } from '../../main/security/permissions';
import { guardWebContents, type GuardedContents } from '../../main/security/web-contents';
import { CONTENT_SECURITY_POLICY } from '../../main/security/csp';

class FakeContents extends EventEmitter {
  windowOpenHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }) {
    this.windowOpenHandler = h;
  }
  /** Fires an event the way Electron does and reports whether a listener prevented it. */
  fire(event: string, url?: string): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

function guarded() {
  const contents = new FakeContents();
  const opened: string[] = [];
  const openExternal = createExternalOpener(async (u) => {
    opened.push(u);
  });
  guardWebContents(contents as unknown as GuardedContents, { openExternal });
  return { contents, opened };
}

describe('navigation guard', () => {
  it('blocks navigation away from the app and redirects, allows the app reloading itself', () => {
    const { contents } = guarded();
    expect(contents.fire('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-frame-navigate', 'https://learn.microsoft.com/')).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'app://mtr-doctor/index.html')).toBe(false);
    expect(contents.fire('will-navigate', 'app://mtr-doctor.evil/index.html')).toBe(true);
  });

  it('blocks webviews', () => {
    const { contents } = guarded();
    expect(contents.fire('will-attach-webview')).toBe(true);
  });
});

describe('window.open guard', () => {
  it('denies every new window and sends only allowlisted links to the system browser', async () => {
    const { contents, opened } = guarded();
    const handler = contents.windowOpenHandler;
    expect(handler).not.toBeNull();
    expect(handler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'https://learn.microsoft.com/microsoftteams/rooms/rooms-authentication' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(opened).toEqual(['https://learn.microsoft.com/microsoftteams/rooms/rooms-authentication']));
  });
});

describe('openExternal allowlist', () => {
  it.each([
    ['https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes', true],
    ['https://portal.rooms.microsoft.com/', true],
    ['https://entra.microsoft.com/#view/Microsoft_AAD_IAM', true],
    ['http://learn.microsoft.com/', false],
    ['https://learn.microsoft.com.evil.example/', false],
    ['https://evil.example/?u=https://learn.microsoft.com', false],
    ['https://user:pass@learn.microsoft.com/', false],
    ['https://learn.microsoft.com:8443/', false],
    ['file:///C:/Windows/System32/calc.exe', false],
    ['javascript:alert(1)', false],
    ['ms-settings:network', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });

  it('never calls the system opener for a refused URL', async () => {
    const open = vi.fn(async () => undefined);
    const opener = createExternalOpener(open);
    expect(await opener('file:///etc/passwd')).toBe(false);
    expect(open).not.toHaveBeenCalled();
    expect(await opener('https://admin.teams.microsoft.com/devices')).toBe(true);
    expect(open).toHaveBeenCalledWith('https://admin.teams.microsoft.com/devices');
  });
});

describe('permission requests', () => {
  it('denies every permission request, check and device request', () => {
    let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | null = null;
    let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | null = null;
    let device: (() => boolean) | null = null;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
      setDevicePermissionHandler: (h) => (device = h),
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'openExternal']) {
      const cb = vi.fn();
      request!(null, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(check!(null, permission)).toBe(false);
    }
    expect(device!()).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows only our own scripts and no network from the renderer', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});
