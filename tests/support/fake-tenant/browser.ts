// The test plays the technician's browser: open the /authorize URL MSAL hands to openBrowser, then submit
// Entra's form_post page to MSAL's loopback server — exactly what a real browser does, minus rendering.

export interface BrowserVisit {
  authorizeUrl: string;
  /** HTTP status and text of the page the loopback server answered with (MSAL's success/error template). */
  loopbackStatus: number | null;
  loopbackPage: string | null;
  /** When /authorize showed an error page instead of redirecting (unknown app, bad redirect URI …). */
  errorPage: string | null;
}

function decodeEntities(text: string): string {
  return text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');
}

/** Follows a form_post page: the form's action and its hidden inputs. */
function parseForm(html: string): { action: string; fields: URLSearchParams } | null {
  const action = /<form[^>]*action="([^"]*)"/i.exec(html)?.[1];
  if (!action) return null;
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields.append(m[1] ?? '', decodeEntities(m[2] ?? ''));
  }
  return { action: decodeEntities(action), fields };
}

export async function visitAuthorizeUrl(authorizeUrl: string): Promise<BrowserVisit> {
  const response = await fetch(authorizeUrl, { redirect: 'manual' });
  const html = await response.text();
  const form = response.ok ? parseForm(html) : null;
  if (!form) return { authorizeUrl, loopbackStatus: null, loopbackPage: null, errorPage: html };
  const target = new URL(form.action);
  // Browsers resolve localhost to the loopback address MSAL listens on.
  if (target.hostname === 'localhost') target.hostname = '127.0.0.1';
  const posted = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.fields.toString(),
  });
  return { authorizeUrl, loopbackStatus: posted.status, loopbackPage: await posted.text(), errorPage: null };
}

/**
 * An openBrowser for tests. Like the system browser it returns at once and completes the sign-in in the
 * background; `visits` resolves with what happened. `mode: 'ignore'` records the URL but never signs in
 * (a technician who walks away), for cancellation tests.
 */
export function fakeBrowser(mode: 'sign-in' | 'ignore' = 'sign-in'): {
  openBrowser: (url: string) => Promise<void>;
  opened: string[];
  visits: Promise<BrowserVisit>[];
} {
  const opened: string[] = [];
  const visits: Promise<BrowserVisit>[] = [];
  return {
    opened,
    visits,
    openBrowser: async (url) => {
      opened.push(url);
      if (mode === 'sign-in') visits.push(visitAuthorizeUrl(url));
    },
  };
}

/** The technician types the device code on the verification page. */
export async function enterDeviceCode(verificationUri: string, userCode: string): Promise<number> {
  const response = await fetch(verificationUri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ otc: userCode }).toString(),
  });
  await response.text();
  return response.status;
}
