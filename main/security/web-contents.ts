// Guards for every web contents: no navigation away from the app, no new windows, no webviews.
// Typed structurally so the guards are tested without Electron.
import { APP_ORIGIN } from './app-origin';

interface PreventableEvent {
  preventDefault(): void;
}

export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface GuardOptions {
  /** Called with links the app asked to open (target=_blank); it applies the external allowlist. */
  openExternal: (url: string) => Promise<boolean>;
  log?: (message: string) => void;
}

/** The renderer is a single page: any navigation is either a reload of itself or an attack. */
export function isInAppNavigation(url: string): boolean {
  try {
    return new URL(url).origin === new URL(`${APP_ORIGIN}/`).origin && url.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
}

export function guardWebContents(contents: GuardedContents, opts: GuardOptions): void {
  const log = opts.log ?? (() => undefined);
  const block = (kind: string) => (event: PreventableEvent, url: string) => {
    if (kind === 'will-navigate' && isInAppNavigation(url)) return;
    event.preventDefault();
    log(`blocked ${kind} to ${url}`);
  };
  contents.on('will-navigate', block('will-navigate'));
  contents.on('will-frame-navigate', block('will-navigate'));
  contents.on('will-redirect', block('will-redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    // New windows are never created; allowlisted documentation links go to the system browser instead.
    // opts.openExternal applies the https allowlist before the system browser sees the URL.
    void opts.openExternal(url).then((opened) => { // eng-disable OPEN_EXTERNAL_JS_CHECK
      if (!opened) log(`blocked window.open to ${url}`);
    });
    return { action: 'deny' };
  });
}
