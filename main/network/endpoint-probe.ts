// One endpoint, step by step: DNS → TCP (or CONNECT through the proxy) → TLS → HTTP (+ Date), or a STUN
// Binding for the media relay. Each step has its own timeout; the first failing step decides the verdict.
import { BlockList, isIPv6, type Socket } from 'node:net';
import type { LiveEndpointResult, LiveProblem, LiveProbeStep } from '../model/facts';
import { StepAborted, withStep } from './abort';
import type { Endpoint } from './endpoints';
import { isAddress, looksLikeHtml, resolverServers, tcpConnect, tlsHandshake, httpGet, type ResolveName } from './probes';
import { bypasses, connectThroughProxy, ProxyError, type ProxySetting } from './proxy';
import { stunOverUdp } from './stun';

/**
 * Sign-in breaks when the clocks differ by more than this: Kerberos' default tolerance ("Maximum tolerance for
 * computer clock synchronization", 5 minutes) and the 5 minutes Microsoft's token validation allows by default
 * (TokenValidationParameters.DefaultClockSkew). Beyond it the probe fails, as its sentence says.
 */
export const MAX_SKEW_SECONDS = 5 * 60;

export interface ProbeEnv {
  resolve: ResolveName;
  dnsServers: string[] | null;
  proxy: ProxySetting;
  stepTimeoutMs: number;
  /** The run's signal: cancelled by the caller or by the total deadline. */
  signal: AbortSignal;
  /** Told the local address of each TCP connection that opened (to an endpoint or to the proxy). */
  onConnected?: (localAddress: string) => void;
}

/** An endpoint's result before any step ran: status unknown, nothing seen. */
export function blankResult(e: Endpoint): LiveEndpointResult {
  return {
    id: e.id,
    service: e.service,
    host: e.host,
    port: e.port,
    kind: e.kind,
    status: 'unknown',
    problem: null,
    message: '',
    steps: [],
    addresses: [],
    resolvers: [],
    inPublishedRanges: null,
    tlsIssuer: null,
    tlsTrusted: null,
    httpStatus: null,
    clockSkewSeconds: null,
  };
}

class Outcome {
  readonly r: LiveEndpointResult;
  constructor(e: Endpoint) {
    this.r = blankResult(e);
  }
  step(step: LiveProbeStep['step'], status: LiveProbeStep['status'], ms: number, detail: string): void {
    this.r.steps.push({ step, status, ms: Math.round(ms), detail });
  }
  end(status: LiveEndpointResult['status'], problem: LiveProblem | null, message: string): LiveEndpointResult {
    this.r.status = status;
    this.r.problem = problem;
    this.r.message = message;
    return this.r;
  }
}

function where(e: Endpoint): string {
  return `${e.host}:${e.port}`;
}

function named(host: string, addresses: string[]): string {
  return addresses[0] && addresses[0] !== host ? `${host} (${addresses[0]})` : host;
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message ?? String(err);
}

/** A step that was cut short: by its own timeout, or by the run stopping (cancel or total deadline). */
function aborted(o: Outcome, e: Endpoint, err: unknown, what: string): LiveEndpointResult | null {
  if (!(err instanceof StepAborted)) return null;
  if (err.why === 'timeout') return null;
  return o.end('unknown', err.why === 'cancelled' ? 'cancelled' : 'timeout', `${what} for ${where(e)} did not finish: ${err.message}.`);
}

function inRanges(addresses: string[], ranges: string[] | undefined): boolean | null {
  if (!ranges || ranges.length === 0 || addresses.length === 0) return null;
  const list = new BlockList();
  for (const r of ranges) {
    const [a, bits] = r.split('/');
    list.addSubnet(a ?? '', Number(bits), isIPv6(a ?? '') ? 'ipv6' : 'ipv4');
  }
  return addresses.every((a) => list.check(a, isIPv6(a) ? 'ipv6' : 'ipv4'));
}

async function resolveStep(o: Outcome, e: Endpoint, env: ProbeEnv, required: boolean): Promise<LiveEndpointResult | string[]> {
  if (isAddress(e.host)) {
    o.step('dns', 'skipped', 0, `${e.host} is an address`);
    o.r.addresses = [e.host];
    return [e.host];
  }
  const t0 = performance.now();
  try {
    const answer = await withStep(env.signal, env.stepTimeoutMs, (s) => env.resolve(e.host, s));
    o.r.addresses = answer.addresses;
    o.r.resolvers = answer.servers;
    o.r.inPublishedRanges = inRanges(answer.addresses, e.ipRanges);
    const outside = o.r.inPublishedRanges === false ? ' (outside Microsoft\'s published ranges)' : '';
    o.step('dns', 'ok', performance.now() - t0, `${answer.addresses.join(', ')} from ${answer.servers.join(', ') || 'the system resolver'}${outside}`);
    return answer.addresses;
  } catch (err) {
    const ms = performance.now() - t0;
    o.r.resolvers = resolverServers(env.dnsServers);
    const stop = aborted(o, e, err, 'DNS resolution');
    if (stop) return stop;
    const code = errorCode(err);
    const timedOut = err instanceof StepAborted || code === 'ETIMEOUT';
    const detail = timedOut ? `no answer within ${env.stepTimeoutMs} ms` : code;
    const servers = o.r.resolvers.join(', ') || 'the system resolver';
    // Through a proxy the proxy resolves names, so a local DNS failure does not stop the probe.
    if (!required) {
      o.step('dns', 'warn', ms, `${detail} (asked ${servers}); the proxy resolves it`);
      return [];
    }
    o.step('dns', 'fail', ms, `${detail} (asked ${servers})`);
    // c-ares codes: NXDOMAIN / no records / SERVFAIL: the server answered that it cannot resolve the name.
    // REFUSED: it answered that it will not (not this network's resolver). Anything else: no answer at all.
    if (code === 'ENOTFOUND' || code === 'ENODATA') return o.end('fail', 'dns-failed', `${e.host} does not resolve (${code}, asked ${servers}).`);
    if (code === 'ESERVFAIL') return o.end('fail', 'dns-failed', `The DNS server could not resolve ${e.host} (SERVFAIL, asked ${servers}).`);
    if (code === 'EREFUSED') return o.end('fail', 'dns-refused', `The DNS server refused to resolve ${e.host} (REFUSED, asked ${servers}).`);
    if (code === 'ECONNREFUSED') return o.end('fail', 'dns-no-answer', `Nothing answers DNS at ${servers} (ECONNREFUSED) for ${e.host}.`);
    return o.end('fail', 'dns-no-answer', `DNS gave no answer for ${e.host} (${detail}, asked ${servers}).`);
  }
}

/** TCP to the endpoint, directly or through a CONNECT tunnel. */
async function connectStep(o: Outcome, e: Endpoint, port: number, env: ProbeEnv, addresses: string[], viaProxy: boolean): Promise<LiveEndpointResult | Socket> {
  const t0 = performance.now();
  const stepName = viaProxy ? 'proxy' : 'tcp';
  try {
    const socket = await withStep(env.signal, env.stepTimeoutMs, (s) =>
      viaProxy && env.proxy.url ? connectThroughProxy(env.proxy.url, e.host, port, s) : tcpConnect(addresses[0] ?? e.host, port, s),
    );
    if (socket.localAddress) env.onConnected?.(socket.localAddress);
    o.step(stepName, 'ok', performance.now() - t0, viaProxy ? `CONNECT ${e.host}:${port} through ${env.proxy.url} accepted` : `connected to ${addresses[0]}:${port}`);
    return socket;
  } catch (err) {
    const ms = performance.now() - t0;
    const stop = aborted(o, e, err, 'Connecting');
    if (stop) return stop;
    if (err instanceof ProxyError) {
      o.step('proxy', 'fail', ms, `CONNECT ${e.host}:${port}: ${err.message}`);
      return err.status === 407
        ? o.end('fail', 'proxy-auth', `The proxy ${env.proxy.url} requires authentication (407 Proxy Authentication Required) for ${e.host}.`)
        : o.end('fail', 'proxy-failed', `The proxy ${env.proxy.url} refused ${e.host}:${port} (${err.message}).`);
    }
    const timedOut = err instanceof StepAborted;
    const detail = timedOut ? `no answer within ${env.stepTimeoutMs} ms` : errorCode(err);
    o.step(stepName, 'fail', ms, detail);
    if (viaProxy) return o.end('fail', 'proxy-failed', `Could not reach the proxy ${env.proxy.url} for ${e.host} (${detail}).`);
    return timedOut
      ? o.end('fail', 'blackhole', `TCP ${port} to ${named(e.host, addresses)} got no answer within ${env.stepTimeoutMs} ms: something silently drops it (a firewall or a dead route).`)
      : o.end('fail', 'tcp-refused', `TCP ${port} to ${named(e.host, addresses)} failed (${detail}).`);
  }
}

/** Plain http through a proxy: a TCP connection to the proxy itself, which then takes the absolute URL. */
async function proxyStep(o: Outcome, e: Endpoint, env: ProbeEnv, proxyUrl: string): Promise<LiveEndpointResult | Socket> {
  const t0 = performance.now();
  const proxy = new URL(proxyUrl);
  try {
    const socket = await withStep(env.signal, env.stepTimeoutMs, (s) => tcpConnect(proxy.hostname.replace(/^\[|\]$/g, ''), Number(proxy.port || 80), s));
    if (socket.localAddress) env.onConnected?.(socket.localAddress);
    o.step('proxy', 'ok', performance.now() - t0, `connected to the proxy ${proxyUrl}`);
    return socket;
  } catch (err) {
    const stop = aborted(o, e, err, 'Connecting to the proxy');
    if (stop) return stop;
    const detail = err instanceof StepAborted ? `no answer within ${env.stepTimeoutMs} ms` : errorCode(err);
    o.step('proxy', 'fail', performance.now() - t0, detail);
    return o.end('fail', 'proxy-failed', `Could not reach the proxy ${proxyUrl} for ${e.host} (${detail}).`);
  }
}

function closeSocket(socket: Socket | null): void {
  socket?.destroy();
}

async function probeHttps(o: Outcome, e: Endpoint & { kind: 'https' | 'http' }, env: ProbeEnv): Promise<LiveEndpointResult> {
  const viaProxy = !!env.proxy.url && !bypasses(e.host, env.proxy.bypass);
  const resolved = await resolveStep(o, e, env, !viaProxy);
  if (!Array.isArray(resolved)) return resolved;
  const plainViaProxy = viaProxy && e.kind === 'http';
  let socket: Socket | null = null;
  let warn: { problem: LiveProblem; message: string } | null = null;
  try {
    const connected = plainViaProxy && env.proxy.url ? await proxyStep(o, e, env, env.proxy.url) : await connectStep(o, e, e.port, env, resolved, viaProxy);
    if (!('write' in connected)) return connected;
    socket = connected;
    if (e.kind === 'https' && socket) {
      const t0 = performance.now();
      try {
        const info = await withStep(env.signal, env.stepTimeoutMs, (s) => tlsHandshake(socket as Socket, isAddress(e.host) ? null : e.host, s));
        socket = info.socket;
        o.r.tlsIssuer = info.issuer;
        o.r.tlsTrusted = info.trusted;
        const chain = `issued by ${info.issuer}${info.root !== info.issuer ? ` (chain to ${info.root})` : ''}`;
        if (!info.trusted) {
          o.step('tls', 'fail', performance.now() - t0, `${info.protocol ?? 'TLS'}, ${chain}, not trusted: ${info.error}`);
          if (info.error === 'CERT_HAS_EXPIRED' || info.error === 'CERT_NOT_YET_VALID') {
            return o.end('fail', 'tls-invalid', `The certificate for ${e.host} is ${info.error === 'CERT_HAS_EXPIRED' ? 'expired' : 'not yet valid'} by this machine's clock (${chain}): check the clock, or something on this network presents a stale certificate.`);
          }
          if (info.error === 'ERR_TLS_CERT_ALTNAME_INVALID') {
            return o.end('fail', 'tls-invalid', `${e.host} answered with a certificate for another name (${chain}): something on this network intercepts the connection.`);
          }
          return o.end('fail', 'tls-inspection', `TLS inspection: ${e.host} answered with a certificate ${chain}, an issuer this machine does not trust. A Teams Room fails to sign in through it (0xCAA82F8F).`);
        }
        // A chain this laptop trusts but to an issuer the endpoint never uses: an inspecting proxy whose CA is installed here.
        const expected = !e.issuers || info.names.some((n) => e.issuers?.some((i) => n.toLowerCase().includes(i.toLowerCase())));
        o.step('tls', expected ? 'ok' : 'warn', performance.now() - t0, `${info.protocol ?? 'TLS'}, ${chain}, trusted`);
        if (!expected) {
          warn = { problem: 'tls-inspection', message: `TLS inspection: ${e.host} answered with a certificate ${chain}. This laptop trusts that issuer, but it is not one Microsoft uses: a Teams Room that does not trust it fails to sign in (0xCAA82F8F).` };
        }
      } catch (err) {
        const stop = aborted(o, e, err, 'The TLS handshake');
        if (stop) return stop;
        // No answer is not an ending: the connection opened and then nothing came back (dropped in silence).
        if (err instanceof StepAborted) {
          o.step('tls', 'fail', performance.now() - t0, `no answer to the handshake within ${env.stepTimeoutMs} ms`);
          return o.end('fail', 'blackhole', `The TLS handshake with ${e.host} got no answer within ${env.stepTimeoutMs} ms: the connection opened, then something silently dropped it (a firewall or a dead route).`);
        }
        o.step('tls', 'fail', performance.now() - t0, errorCode(err));
        return o.end('fail', 'tls-failed', `Something ended the TLS handshake with ${e.host} (${errorCode(err)}).`);
      }
    }
    if (!e.http) return warn ? o.end('warn', warn.problem, warn.message) : o.end('pass', null, `${e.host} reachable.`);
    const http = e.http;
    const t0 = performance.now();
    const sentAt = Date.now();
    let answer;
    try {
      answer = await withStep(env.signal, env.stepTimeoutMs, (s) =>
        httpGet({ host: e.host, port: e.port, path: http.path, socket: socket as Socket, absolute: plainViaProxy }, s),
      );
    } catch (err) {
      const stop = aborted(o, e, err, 'The HTTP request');
      if (stop) return stop;
      const detail = err instanceof StepAborted ? `no answer within ${env.stepTimeoutMs} ms` : errorCode(err);
      o.step('http', 'fail', performance.now() - t0, detail);
      return o.end('fail', 'http-failed', `GET ${http.path} on ${e.host} failed (${detail}).`);
    }
    o.r.httpStatus = answer.status;
    const ms = performance.now() - t0;
    const what = `HTTP ${answer.status}${answer.contentType ? ` ${answer.contentType.split(';')[0]}` : ''}${answer.location ? ` → ${answer.location}` : ''}`;
    if (plainViaProxy && answer.status === 407) {
      o.step('proxy', 'fail', ms, `GET through ${env.proxy.url}: ${what}`);
      return o.end('fail', 'proxy-auth', `The proxy ${env.proxy.url} requires authentication (407 Proxy Authentication Required) for ${e.host}.`);
    }
    // Clock: the server's Date against this machine's clock halfway through the request.
    const serverTime = answer.date ? Date.parse(answer.date) : NaN;
    const skew = Number.isNaN(serverTime) ? null : Math.round((serverTime - (sentAt + answer.receivedAt) / 2) / 1000);
    o.r.clockSkewSeconds = skew;
    const html = looksLikeHtml(answer);
    let verdict: { status: 'ok' | 'fail'; problem?: LiveProblem; message?: string } = { status: 'ok' };
    if (http.expect !== 'any') {
      const redirected = answer.status >= 300 && answer.status < 400;
      const ok =
        http.expect === 'json'
          ? answer.status >= 200 && answer.status < 300 && (/json/i.test(answer.contentType ?? '') || /^\s*[{[]/.test(answer.body))
          : answer.status === 200 && answer.body.includes(http.body);
      if (!ok) {
        const expected = http.expect === 'json' ? 'JSON' : `"${http.body}"`;
        verdict =
          html || redirected
            ? { status: 'fail', problem: 'captive-portal', message: `A captive portal or a proxy's error page answered for ${e.host}: ${what} with ${html ? 'an HTML page' : 'a redirect'} where Microsoft answers ${expected}. A Teams Room fails to sign in behind it (0x8007000D).` }
            : { status: 'fail', problem: 'unexpected-answer', message: `${e.host} answered ${what} where Microsoft answers ${expected}: something else on the path answered.` };
      }
    }
    o.step('http', verdict.status, ms, `GET ${http.path}: ${what}${skew !== null ? `, Date ${answer.date} (${skew >= 0 ? '+' : ''}${skew} s)` : ''}`);
    if (verdict.status === 'fail') return o.end('fail', verdict.problem ?? 'unexpected-answer', verdict.message ?? what);
    if (skew !== null && Math.abs(skew) > MAX_SKEW_SECONDS) {
      const minutes = Math.round(Math.abs(skew) / 60);
      return o.end('fail', 'clock-skew', `Clock skew: ${e.host} says the time is ${answer.date}, ${minutes} minutes ${skew > 0 ? 'ahead of' : 'behind'} this machine's clock. Over 5 minutes breaks sign-in (Entra ID tokens, Kerberos): check the clock and time zone of this machine and of the Teams Room.`);
    }
    if (warn) return o.end('warn', warn.problem, warn.message);
    return o.end('pass', null, `${e.host} answered as Microsoft does (${what}).`);
  } finally {
    closeSocket(socket);
  }
}

async function probeStun(o: Outcome, e: Endpoint & { kind: 'stun' }, env: ProbeEnv): Promise<LiveEndpointResult> {
  const resolved = await resolveStep(o, e, env, true);
  if (!Array.isArray(resolved)) {
    // A media relay that does not resolve is a warning (sign-in does not need it) about DNS, not the firewall.
    return o.r.status === 'fail' && o.r.problem ? o.end('warn', o.r.problem, `Teams media: ${o.r.message}`) : resolved;
  }
  const address = resolved[0] ?? e.host;
  const t0 = performance.now();
  try {
    const mapped = await withStep(env.signal, env.stepTimeoutMs, (s) => stunOverUdp(address, e.port, s));
    o.step('stun', 'ok', performance.now() - t0, `UDP ${e.port}: Binding answered, public address ${mapped.address}:${mapped.port}`);
    return o.end('pass', null, `Teams media relay ${e.host} answered STUN on UDP ${e.port} (public address ${mapped.address}).`);
  } catch (err) {
    const stop = aborted(o, e, err, 'The STUN request');
    if (stop) return stop;
    o.step('stun', 'warn', performance.now() - t0, `UDP ${e.port}: ${err instanceof StepAborted ? `no answer within ${env.stepTimeoutMs} ms` : errorCode(err)}`);
  }
  if (!e.tcpPort) return o.end('warn', 'media-udp-blocked', `Teams media relay ${e.host} did not answer STUN on UDP ${e.port}: meetings fall back to TCP or lose audio and video. Sign-in is not affected.`);
  const viaProxy = !!env.proxy.url && !bypasses(e.host, env.proxy.bypass);
  const connected = await connectStep(o, e, e.tcpPort, env, resolved, viaProxy);
  if (!('write' in connected)) {
    if (connected.problem === 'cancelled' || (connected.status === 'unknown' && connected.problem === 'timeout')) return connected;
    return o.end('warn', 'media-blocked', `Teams media relay ${e.host} answered neither STUN on UDP ${e.port} nor TCP ${e.tcpPort}: meetings will have no audio or video. Sign-in is not affected.`);
  }
  connected.destroy();
  return o.end('warn', 'media-udp-blocked', `Teams media relay ${e.host} did not answer STUN on UDP ${e.port}, but TCP ${e.tcpPort} connects: meetings fall back to TCP (poorer audio and video). Sign-in is not affected.`);
}

export async function probeEndpoint(e: Endpoint, env: ProbeEnv): Promise<LiveEndpointResult> {
  const o = new Outcome(e);
  try {
    return e.kind === 'stun' ? await probeStun(o, e, env) : await probeHttps(o, e, env);
  } catch (err) {
    const stop = aborted(o, e, err, 'The probe');
    if (stop) return stop;
    return o.end('fail', 'http-failed', `Probing ${where(e)} failed unexpectedly (${errorCode(err)}).`);
  }
}
