// The renderer's origin, written once: the protocol handler serves it, the IPC gate trusts only it,
// the navigation guard keeps the window on it.
export const APP_SCHEME = 'app';
export const APP_HOST = 'mtr-doctor';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True for URLs on our own origin (app://mtr-doctor/…), false for anything else, lookalikes included. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}
