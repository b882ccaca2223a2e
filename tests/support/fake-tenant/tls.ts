// A throwaway CA and a 127.0.0.1 server certificate, made with the openssl CLI, so the fake tenant speaks real HTTPS.
// Clients trust the CA through NODE_EXTRA_CA_CERTS, which Node reads only at process start (see global-setup.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestTls {
  dir: string;
  /** The CA certificate (PEM) clients must trust. */
  caFile: string;
  certFile: string;
  keyFile: string;
}

/** Set by global-setup.ts for vitest workers: the directory holding the certificates below. */
export const TLS_DIR_ENV = 'MTR_FAKE_TENANT_TLS_DIR';

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function filesIn(dir: string): TestTls {
  return { dir, caFile: join(dir, 'ca.pem'), certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server.key') };
}

export function generateTestTls(dir: string): TestTls {
  const tls = filesIn(dir);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    [
      'req', '-x509', '-new', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '7',
      '-subj', '/CN=MTR Doctor fake tenant test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  openssl(['req', '-new', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
  writeFileSync(
    join(dir, 'server.ext'),
    [
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      '',
    ].join('\n'),
  );
  openssl(
    [
      'x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', String(Date.now()),
      '-out', 'server.pem', '-days', '7', '-extfile', 'server.ext',
    ],
    dir,
  );
  return tls;
}

/** The certificates global-setup.ts made for this test run, if any. */
export function tlsFromEnvironment(): TestTls | null {
  const dir = process.env[TLS_DIR_ENV];
  if (!dir) return null;
  const tls = filesIn(dir);
  return existsSync(tls.caFile) && existsSync(tls.certFile) && existsSync(tls.keyFile) ? tls : null;
}

/** Whether this process was started trusting the CA (NODE_EXTRA_CA_CERTS is read once, at start-up). */
export function processTrusts(caFile: string): boolean {
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  if (!extra || !existsSync(extra)) return false;
  return readFileSync(extra, 'utf8').includes(readFileSync(caFile, 'utf8').trim());
}
