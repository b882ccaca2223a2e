// The single steps of a live probe: DNS, TCP connect, TLS handshake, one HTTP request. Each takes an AbortSignal,
// closes what it opened when it fires, and never retries; the caller (endpoint-probe.ts) bounds each with a timeout.
import { Resolver } from 'node:dns/promises';
import http from 'node:http';
import net, { isIP, type Socket } from 'node:net';
import tls, { type PeerCertificate, type TLSSocket } from 'node:tls';

export interface DnsAnswer {
  addresses: string[];
  /** The servers the resolver asked, in order (c-ares does not say which one answered; the first that did). */
  servers: string[];
}

/** Resolves a name; injectable so tests point it at a DNS server on 127.0.0.1. */
export type ResolveName = (host: string, signal: AbortSignal) => Promise<DnsAnswer>;

/** A resolver over the system's DNS servers, or the ones given ("127.0.0.1:5353"). One try per server, no retries. */
export function dnsResolver(servers: string[] | null, timeoutMs: number): ResolveName {
  return async (host, signal) => {
    // One Resolver per lookup: cancel() stops every query on a resolver, and probes run in parallel.
    const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
    if (servers && servers.length > 0) resolver.setServers(servers);
    const onAbort = () => resolver.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      let addresses: string[];
      try {
        addresses = await resolver.resolve4(host);
      } catch (err) {
        // An IPv6-only name is still a name that resolves.
        if ((err as NodeJS.ErrnoException).code !== 'ENODATA') throw err;
        addresses = await resolver.resolve6(host);
      }
      return { addresses, servers: resolver.getServers() };
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  };
}

/** The servers a resolver would ask, for the report when the lookup itself failed. */
export function resolverServers(servers: string[] | null): string[] {
  if (servers && servers.length > 0) return servers;
  return new Resolver().getServers();
}

export function isAddress(host: string): boolean {
  return isIP(host) !== 0;
}

/** A plain TCP connection; the socket is destroyed if the signal fires first. */
export function tcpConnect(host: string, port: number, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const onAbort = () => socket.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      signal.removeEventListener('abort', onAbort);
      socket.removeListener('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

export interface TlsInfo {
  socket: TLSSocket;
  protocol: string | null;
  /** Whether Node's trust store (its CA list plus NODE_EXTRA_CA_CERTS) accepts the chain and the name. */
  trusted: boolean;
  /** OpenSSL/Node code when not trusted: SELF_SIGNED_CERT_IN_CHAIN, UNABLE_TO_GET_ISSUER_CERT_LOCALLY, ERR_TLS_CERT_ALTNAME_INVALID … */
  error: string | null;
  /** The leaf certificate's issuer and the top of the chain the server sent, as "CN, O". */
  issuer: string;
  root: string;
  /** Every issuer name in the chain, to match against the issuers Microsoft uses. */
  names: string[];
}

function dn(name: PeerCertificate['issuer'] | undefined): string {
  if (!name) return '?';
  const parts = [name.CN, name.O].flat().filter((p): p is string => typeof p === 'string' && p.length > 0);
  return parts.length > 0 ? parts.join(', ') : '?';
}

/** TLS over an open socket. Certificates are checked, not enforced, so an inspecting proxy's issuer can be named. */
export function tlsHandshake(socket: Socket, servername: string | null, signal: AbortSignal): Promise<TlsInfo> {
  return new Promise((resolve, reject) => {
    const secure = tls.connect({
      socket,
      ...(servername ? { servername } : {}),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const onAbort = () => secure.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    secure.once('error', reject);
    secure.once('secureConnect', () => {
      signal.removeEventListener('abort', onAbort);
      secure.removeListener('error', reject);
      const leaf = secure.getPeerCertificate(true);
      const names: string[] = [];
      let top = leaf;
      for (let i = 0, c: tls.DetailedPeerCertificate | undefined = leaf; c && i < 10; i++) {
        // Issuers only: a forged leaf carries the real host name (login.microsoftonline.com) as its subject.
        names.push(dn(c.issuer));
        top = c;
        if (!c.issuerCertificate || c.issuerCertificate === c) break;
        c = c.issuerCertificate;
      }
      const err = secure.authorizationError as unknown;
      resolve({
        socket: secure,
        protocol: secure.getProtocol(),
        trusted: secure.authorized,
        error: err ? String(err instanceof Error ? ((err as NodeJS.ErrnoException).code ?? err.message) : err) : null,
        issuer: dn(leaf.issuer),
        root: dn(top.issuer),
        names,
      });
    });
  });
}

export interface HttpAnswer {
  status: number;
  contentType: string | null;
  location: string | null;
  date: string | null;
  /** Local time (ms) when the answer's headers arrived: what the server Date is compared with. */
  receivedAt: number;
  /** The first bytes of the body (at most 16 KiB). */
  body: string;
}

const BODY_LIMIT = 16 * 1024;

/**
 * One GET over `socket` (a TCP or TLS connection, possibly a CONNECT tunnel, or a connection to a proxy when
 * `absolute`: plain http through a proxy takes the absolute URL). Connection: close, the body read only to BODY_LIMIT.
 */
export function httpGet(target: { host: string; port: number; path: string; socket: Socket; absolute?: boolean }, signal: AbortSignal): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const hostHeader = target.port === 80 || target.port === 443 ? target.host : `${target.host}:${target.port}`;
    const headers = { Host: hostHeader, 'User-Agent': 'MTR-Doctor network test', Accept: '*/*', Connection: 'close' };
    const socket = target.socket;
    const path = target.absolute ? `http://${hostHeader}${target.path}` : target.path;
    const req = http.request({ createConnection: () => socket, path, method: 'GET', headers, signal });
    req.once('error', reject);
    req.once('response', (res) => {
      const receivedAt = Date.now();
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        res.destroy();
        req.destroy();
        const header = (name: string) => {
          const v = res.headers[name];
          return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
        };
        resolve({
          status: res.statusCode ?? 0,
          contentType: header('content-type'),
          location: header('location'),
          date: header('date'),
          receivedAt,
          body: Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString('utf8'),
        });
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= BODY_LIMIT) done();
      });
      res.once('end', done);
      res.once('error', done);
    });
    req.end();
  });
}

/** What a captive portal or a proxy's error page looks like: an HTML document. */
export function looksLikeHtml(answer: Pick<HttpAnswer, 'contentType' | 'body'>): boolean {
  return /text\/html|application\/xhtml/i.test(answer.contentType ?? '') || /^\s*(<!doctype html|<html)/i.test(answer.body);
}
