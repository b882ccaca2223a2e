// Loopback fakes for the live network probe: Microsoft-like HTTPS endpoints (trusted through the test CA that
// vitest's global setup puts in NODE_EXTRA_CA_CERTS), a TLS-inspecting one, a captive portal, a skewed clock,
// a port that never answers, proxies (407 and a working CONNECT tunnel) and a STUN server. 127.0.0.1 only.
import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processTrusts, tlsFromEnvironment } from '../fake-tenant/tls';

export const DOMAIN = 'mtr.test';
export const INSPECTION_CA = 'Contoso Inspection CA';

interface KeyPair {
  cert: string;
  key: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function leaf(dir: string, name: string, caFile: string, caKey: string): KeyPair {
  openssl(['req', '-new', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=*.${DOMAIN}`], dir);
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=DNS:*.${DOMAIN},IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', caFile, '-CAkey', caKey, '-set_serial', String(Date.now()), '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`], dir);
  return { cert: readFileSync(join(dir, `${name}.pem`), 'utf8'), key: readFileSync(join(dir, `${name}.key`), 'utf8') };
}

/** Certificates for *.mtr.test: one from the trusted test CA, one from an "inspection" CA nobody trusts. */
export function makeCertificates(): { trusted: KeyPair; inspected: KeyPair; cleanup(): void } {
  const tls = tlsFromEnvironment();
  if (!tls || !processTrusts(tls.caFile)) {
    throw new Error('The test CA is not in NODE_EXTRA_CA_CERTS: run these tests through vitest (its global setup makes the CA).');
  }
  const dir = mkdtempSync(join(tmpdir(), 'mtr-net-certs-'));
  const trusted = leaf(dir, 'trusted', tls.caFile, join(tls.dir, 'ca.key'));
  openssl(['req', '-x509', '-new', ...ec, '-keyout', 'inspect-ca.key', '-out', 'inspect-ca.pem', '-days', '2', '-subj', `/CN=${INSPECTION_CA}/O=Contoso Firewall`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  const inspected = leaf(dir, 'inspected', 'inspect-ca.pem', 'inspect-ca.key');
  // Inspection proxies send their CA along with the leaf.
  inspected.cert += readFileSync(join(dir, 'inspect-ca.pem'), 'utf8');
  return { trusted, inspected, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Fake {
  port: number;
  close(): Promise<void>;
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function closer(server: net.Server, sockets: Set<net.Socket>): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

function track(server: net.Server): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return sockets;
}

/** An HTTPS endpoint: answers every GET with `body`, optionally with a Date header of its own. */
export async function startHttps(keys: KeyPair, opts: { body?: string; contentType?: string; date?: () => Date } = {}): Promise<Fake> {
  const server = https.createServer({ cert: keys.cert, key: keys.key }, (req, res) => {
    if (opts.date) res.setHeader('Date', opts.date().toUTCString());
    res.writeHead(200, { 'Content-Type': opts.contentType ?? 'application/json; charset=utf-8' });
    res.end(opts.body ?? '{"issuer":"https://login.mtr.test/common/v2.0"}');
  });
  const sockets = track(server);
  return { port: await listen(server), close: closer(server, sockets) };
}

/** Plain HTTP (Windows' connectivity test): answers every GET with `body` as text/plain. */
export async function startPlainHttp(body: string): Promise<Fake> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(body);
  });
  const sockets = track(server);
  return { port: await listen(server), close: closer(server, sockets) };
}

/** A loopback port nothing listens on (bound, then closed): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts TCP and never says a word: a TLS handshake to it times out (a blackhole). */
export async function startSilentTcp(): Promise<Fake> {
  const server = net.createServer(() => undefined);
  const sockets = track(server);
  return { port: await listen(server), close: closer(server, sockets) };
}

/**
 * An HTTP proxy. `auth`: answers every request with 407; otherwise tunnels CONNECT, and forwards absolute-form GETs,
 * to 127.0.0.1 at the requested port (whatever the name: nothing leaves loopback).
 */
export async function startProxy(mode: 'auth' | 'tunnel'): Promise<Fake & { connects: string[] }> {
  const connects: string[] = [];
  const server = http.createServer((req, res) => {
    if (mode === 'auth') {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="corp"' });
      res.end();
      return;
    }
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const upstream = http.get({ host: '127.0.0.1', port: Number(target.port || 80), path: `${target.pathname}${target.search}`, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
    connects.push(req.url ?? '');
    if (mode === 'auth') {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const port = Number((req.url ?? '').split(':').pop());
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const sockets = track(server);
  return { port: await listen(server), connects, close: closer(server, sockets) };
}

/** A STUN server (RFC 5389 Binding) on UDP loopback; `silent` drops every request (UDP blocked). */
export async function startStun(silent = false): Promise<Fake & { requests: number }> {
  const socket = dgram.createSocket('udp4');
  const state = { requests: 0 };
  socket.on('message', (msg, rinfo) => {
    state.requests++;
    if (silent || msg.length < 20 || msg.readUInt16BE(0) !== 0x0001) return;
    const reply = Buffer.alloc(32);
    reply.writeUInt16BE(0x0101, 0);
    reply.writeUInt16BE(12, 2);
    msg.copy(reply, 4, 4, 20); // magic cookie + transaction id
    reply.writeUInt16BE(0x0020, 20); // XOR-MAPPED-ADDRESS
    reply.writeUInt16BE(8, 22);
    reply.writeUInt16BE(0x0001, 24);
    reply.writeUInt16BE(rinfo.port ^ 0x2112, 26);
    const ip = rinfo.address.split('.').reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;
    reply.writeUInt32BE((ip ^ 0x2112a442) >>> 0, 28);
    socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: (socket.address() as AddressInfo).port,
    get requests() {
      return state.requests;
    },
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
