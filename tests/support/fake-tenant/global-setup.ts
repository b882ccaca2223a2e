// vitest globalSetup: runs in the main process before any worker starts, so the CA it makes can be put in
// NODE_EXTRA_CA_CERTS for every worker (Node reads that variable only at process start). Both MSAL node's HTTP
// client and the Graph client use Node's global fetch, which honours it.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTestTls, TLS_DIR_ENV } from './tls';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'mtr-fake-tenant-tls-'));
  const tls = generateTestTls(dir);
  // Keep a CA the developer already trusts this way (corporate proxy CA) alongside ours.
  const previous = process.env.NODE_EXTRA_CA_CERTS;
  const bundle = join(dir, 'trust-bundle.pem');
  const existing = previous && existsSync(previous) ? `${readFileSync(previous, 'utf8').trim()}\n` : '';
  writeFileSync(bundle, `${existing}${readFileSync(tls.caFile, 'utf8')}`);
  process.env.NODE_EXTRA_CA_CERTS = bundle;
  process.env[TLS_DIR_ENV] = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = previous;
    delete process.env[TLS_DIR_ENV];
  };
}
