// Serves the built renderer under app://mtr-doctor/ instead of file://, so the page has a real origin,
// the CSP applies, and no other file on disk is reachable from it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from '../security/app-origin';
import { CONTENT_SECURITY_POLICY } from '../security/csp';

export { APP_HOST, APP_SCHEME };

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

export type AppRequestResolution = { ok: true; file: string; mime: string } | { ok: false; status: 400 | 403 | 404 };

/** Maps an app:// URL to a file under `root`, refusing other hosts and anything outside the root. */
export function resolveAppRequest(root: string, rawUrl: string): AppRequestResolution {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 403 };
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (rel.includes('\0')) return { ok: false, status: 400 };
  if (rel === '/' || rel === '') rel = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${rel}`);
  if (!file.startsWith(base + path.sep)) return { ok: false, status: 403 };
  const mime = MIME[path.extname(file).toLowerCase()];
  if (!mime) return { ok: false, status: 404 };
  return { ok: true, file, mime };
}

/** A fetch-style handler for protocol.handle. */
export function createAppProtocolHandler(root: string): (request: { url: string }) => Promise<Response> {
  return async (request) => {
    const r = resolveAppRequest(root, request.url);
    if (!r.ok) return new Response(null, { status: r.status });
    try {
      const body = await readFile(r.file);
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': r.mime,
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  };
}
