// Ends MSAL's pending interactive sign-in from our side. MSAL node has no cancel for acquireTokenInteractive:
// its loopback server waits for the browser forever. Posting an OAuth error response (with the request's own
// state) to that server is the one thing that makes MSAL settle and close the server, releasing the port.

export const CANCEL_DESCRIPTION = 'Sign-in cancelled in MTR Doctor';

/** @param authorizeUrl the URL MSAL asked us to open; it carries the loopback redirect_uri and the state. */
export async function cancelPendingInteractive(authorizeUrl: string): Promise<void> {
  let url: URL;
  try {
    url = new URL(authorizeUrl);
  } catch {
    return;
  }
  const redirectUri = url.searchParams.get('redirect_uri');
  const state = url.searchParams.get('state');
  if (!redirectUri || !state) return;
  const loopback = new URL(redirectUri);
  // MSAL listens on 127.0.0.1 but names it "localhost"; go straight to the address it listens on.
  if (loopback.hostname !== 'localhost' && loopback.hostname !== '127.0.0.1') return;
  loopback.hostname = '127.0.0.1';
  const body = new URLSearchParams({ error: 'access_denied', error_description: CANCEL_DESCRIPTION, state });
  try {
    const response = await fetch(loopback, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      signal: AbortSignal.timeout(5_000),
    });
    await response.arrayBuffer();
  } catch {
    // The server already closed (the browser finished first): nothing left to cancel.
  }
}
