// One CSP: the header the app:// handler sends and the <meta> in renderer/index.html must say the same.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../main/security/csp';

const html = readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');

describe('renderer CSP', () => {
  it('index.html carries exactly security/csp.ts policy (less frame-ancestors, which a <meta> cannot set)', () => {
    const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)].map((m) => m[1]);
    expect(metas).toEqual([META_CONTENT_SECURITY_POLICY]);
    expect(CONTENT_SECURITY_POLICY).toBe(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  });
});
