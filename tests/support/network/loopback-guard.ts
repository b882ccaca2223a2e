// Keeps every test process on the machine: loaded first in each test worker and in every Node child they start
// (NODE_OPTIONS=--require, set by the global setup), it refuses, before any packet is sent, a TCP/TLS connection,
// a UDP datagram, a name lookup or a DNS query that would leave 127.0.0.0/8 (or ::1), and records it. The per-file
// check (loopback-only.ts) fails the test file that tried; the guard's own test proves each refusal.
// Built to CommonJS by the global setup (children run plain node), so it imports nothing of ours.
import dgram from 'node:dgram';
import dns from 'node:dns';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

/** Where the guard records what it refused, one line each (the per-file check reads it); set per worker. */
export const GUARD_LOG_ENV = 'MTR_LOOPBACK_GUARD_LOG';
const INSTALLED = Symbol.for('mtr-doctor.loopback-guard');

export function isLoopbackAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '');
  if (net.isIPv4(a)) return a.startsWith('127.') || a === '0.0.0.0';
  if (net.isIPv6(a)) return a === '::1' || a === '::' || /^(0+:){7}0*1$/.test(a) || /^::ffff:127\./i.test(a);
  return false;
}

/** Names that resolve without asking any server (the hosts file). */
function isLoopbackName(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || isLoopbackAddress(h);
}

function guardError(what: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`loopback guard: refused ${what}; tests may reach only 127.0.0.0/8`);
  err.code = 'ELOOPBACKONLY';
  return err;
}

function record(what: string): NodeJS.ErrnoException {
  const line = `${process.pid} ${what}`;
  const file = process.env[GUARD_LOG_ENV];
  if (file) {
    try {
      appendFileSync(file, `${line}\n`);
    } catch {
      // The per-file check then misses it, but the connection is still refused.
    }
  }
  return guardError(what);
}

/** host and port from net.Socket#connect's many forms; `path` (a pipe or Unix socket) never leaves the machine. */
function target(args: unknown[]): { path?: string; host?: string; port?: unknown; lookup?: unknown } {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first && typeof first === 'object') return first as { path?: string; host?: string; port?: unknown };
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  const inner = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  return { port: inner[0], host: typeof inner[1] === 'string' ? inner[1] : undefined };
}

function guardTcp(): void {
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const t = target(args);
    if (typeof t.path !== 'string') {
      const host = t.host ?? 'localhost';
      if (!isLoopbackName(host)) {
        const err = record(`TCP ${host}:${String(t.port)}`);
        process.nextTick(() => this.destroy(err));
        return this;
      }
    }
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
}

function guardUdp(): void {
  const send = dgram.Socket.prototype.send;
  dgram.Socket.prototype.send = function guardedSend(this: dgram.Socket, ...args: unknown[]) {
    // send(msg, [offset, length,] port, address, cb): the address is the first string after the message.
    const address = args.slice(1).find((a): a is string => typeof a === 'string');
    if (address !== undefined && !isLoopbackName(address)) {
      const err = record(`UDP ${address}`);
      const callback = args.find((a): a is (e: Error) => void => typeof a === 'function');
      process.nextTick(() => (callback ? callback(err) : this.emit('error', err)));
      return;
    }
    return (send as (...a: unknown[]) => void).apply(this, args);
  } as typeof dgram.Socket.prototype.send;
  const connect = dgram.Socket.prototype.connect;
  dgram.Socket.prototype.connect = function guardedConnect(this: dgram.Socket, ...args: unknown[]) {
    const address = args.find((a): a is string => typeof a === 'string');
    if (address !== undefined && !isLoopbackName(address)) throw record(`UDP ${address}`);
    return (connect as (...a: unknown[]) => void).apply(this, args);
  } as typeof dgram.Socket.prototype.connect;
}

/** getaddrinfo may ask the network's DNS: only names the hosts file answers are looked up. */
function guardLookup(): void {
  const lookup = dns.lookup;
  const guarded = function guardedLookup(hostname: string, ...rest: unknown[]) {
    if (!isLoopbackName(String(hostname))) {
      const err = record(`lookup ${hostname}`);
      const callback = rest.find((a): a is (e: Error) => void => typeof a === 'function');
      if (callback) process.nextTick(() => callback(err));
      return {};
    }
    return (lookup as (...a: unknown[]) => unknown)(hostname, ...rest);
  };
  Object.assign(guarded, lookup);
  (dns as { lookup: unknown }).lookup = guarded;
  const lookupPromise = dns.promises.lookup;
  (dns.promises as { lookup: unknown }).lookup = (hostname: string, ...rest: unknown[]) =>
    isLoopbackName(String(hostname)) ? (lookupPromise as (...a: unknown[]) => Promise<unknown>)(hostname, ...rest) : Promise.reject(record(`lookup ${hostname}`));
}

/**
 * DNS queries (c-ares) go only to servers a test set explicitly on loopback: the system's servers, even a local
 * stub such as 127.0.0.53, forward to the network.
 */
function guardResolvers(): void {
  const explicit = new WeakSet<object>();
  const serverOf = (s: string) => (/^\[([^\]]+)\]/.exec(s)?.[1] ?? (net.isIP(s) ? s : s.replace(/:\d+$/, '')));
  const promiseProto = dns.promises.Resolver.prototype as unknown as Record<string, unknown>;
  for (const proto of [dns.Resolver.prototype as unknown as Record<string, unknown>, promiseProto]) {
    const setServers = proto.setServers as (this: object, servers: string[]) => void;
    proto.setServers = function guardedSetServers(this: object, servers: string[]) {
      setServers.call(this, servers);
      if (servers.every((s) => isLoopbackAddress(serverOf(s)))) explicit.add(this);
      else explicit.delete(this);
    };
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = proto[name];
      if (!/^(resolve|reverse)/.test(name) || typeof method !== 'function') continue;
      const promises = proto === promiseProto;
      proto[name] = function guardedQuery(this: { getServers(): string[] }, ...args: unknown[]) {
        if (explicit.has(this)) return (method as (...a: unknown[]) => unknown).apply(this, args);
        const err = record(`DNS query ${String(args[0])} to ${this.getServers().join(', ') || 'the system resolver'}`);
        if (promises) return Promise.reject(err);
        const callback = args.find((a): a is (e: Error) => void => typeof a === 'function');
        if (callback) process.nextTick(() => callback(err));
        return undefined;
      };
    }
  }
  // The module-level dns.resolve* use the system's servers.
  for (const mod of [dns, dns.promises] as unknown as Record<string, unknown>[]) {
    for (const name of Object.keys(mod)) {
      if (!/^(resolve|reverse)/.test(name) || typeof mod[name] !== 'function') continue;
      mod[name] = (...args: unknown[]) => {
        const err = record(`DNS query ${String(args[0])} to the system resolver`);
        if (mod === (dns.promises as unknown)) return Promise.reject(err);
        const callback = args.find((a): a is (e: Error) => void => typeof a === 'function');
        if (callback) process.nextTick(() => callback(err));
        return undefined;
      };
    }
  }
}

export function installLoopbackGuard(): void {
  const g = globalThis as Record<symbol, unknown>;
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  guardTcp();
  guardUdp();
  guardLookup();
  guardResolvers();
  // `import { lookup } from 'node:dns'` sees the guarded functions too.
  syncBuiltinESMExports();
}

/** What the guard refused in this worker and its children since the last call, one line each; clears the record. */
export function takeGuardLog(): string[] {
  const file = process.env[GUARD_LOG_ENV];
  if (!file) return [];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  writeFileSync(file, '');
  return text.split('\n').filter(Boolean);
}

installLoopbackGuard();
