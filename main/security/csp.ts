// Content Security Policy for the renderer: only our own scripts and styles, no network at all
// (the renderer reaches main through the preload, never over HTTP). Sent as a header by the app://
// handler; renderer/index.html repeats it in a <meta> (tests/security/csp.test.ts keeps the two equal).
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The same policy as a <meta> may state it: browsers ignore frame-ancestors there (CSP3 §6.4.2). */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
