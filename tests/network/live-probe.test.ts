// The live network probe against loopback fakes only: every name resolves through our own DNS server on
// 127.0.0.1 and every endpoint is a fake on 127.0.0.1 (nothing here reaches beyond 127.0.0.0/8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveNetworkFact } from '../../main/model/facts';
import type { Endpoint } from '../../main/network/endpoints';
import type { ProxySetting } from '../../main/network/proxy';
import { runLiveNetworkTest, type LiveTestOptions } from '../../main/network/live-test';
import { startFakeDns, type FakeDns } from '../support/network/dns-server';
import { closedPort, DOMAIN, INSPECTION_CA, makeCertificates, startHttps, startPlainHttp, startProxy, startSilentTcp, startStun, type Fake } from '../support/network/fakes';

const DIRECT: ProxySetting = { url: null, source: '--no-proxy', bypass: [], pac: null, notes: [] };
const names = ['healthy', 'inspected', 'inspected-2', 'portal', 'skewed', 'silent', 'relay', 'quiet-relay', 'tunnelled', 'ncsi'];

let dns: FakeDns;
let certs: ReturnType<typeof makeCertificates>;
const fakes: Record<string, Fake> = {};
let authProxy: Awaited<ReturnType<typeof startProxy>>;
let tunnelProxy: Awaited<ReturnType<typeof startProxy>>;

beforeAll(async () => {
  certs = makeCertificates();
  fakes.healthy = await startHttps(certs.trusted);
  fakes.inspected = await startHttps(certs.inspected);
  fakes['inspected-2'] = await startHttps(certs.inspected);
  fakes.ncsi = await startPlainHttp('Microsoft Connect Test');
  fakes.portal = await startHttps(certs.trusted, { contentType: 'text/html', body: '<!DOCTYPE html><html><body>Welcome to Guest Wi-Fi. Accept the terms to continue.</body></html>' });
  fakes.skewed = await startHttps(certs.trusted, { date: () => new Date(Date.now() - 20 * 60_000) });
  fakes.silent = await startSilentTcp();
  fakes.relay = await startStun();
  fakes['quiet-relay'] = await startStun(true);
  authProxy = await startProxy('auth');
  tunnelProxy = await startProxy('tunnel');
  // "tunnelled" exists only behind the proxy: the local DNS server does not know it.
  dns = await startFakeDns(Object.fromEntries(names.filter((n) => n !== 'tunnelled').map((n) => [`${n}.${DOMAIN}`, ['127.0.0.1']])), [`unanswered.${DOMAIN}`], [`refused.${DOMAIN}`]);
});

afterAll(async () => {
  await Promise.all([...Object.values(fakes), authProxy, tunnelProxy, dns].map((f) => f?.close()));
  certs?.cleanup();
});

function https(name: string, port = fakes[name]?.port ?? 9, expect: 'json' | 'any' = 'json'): Endpoint {
  return { id: name, service: 'sign-in', kind: 'https', host: `${name}.${DOMAIN}`, port, required: true, http: { path: '/common/.well-known/openid-configuration', expect } };
}

function plain(name: string): Endpoint {
  return { id: name, service: 'connectivity', kind: 'http', host: `${name}.${DOMAIN}`, port: fakes[name]?.port ?? 9, required: true, http: { path: '/connecttest.txt', expect: 'body', body: 'Microsoft Connect Test' } };
}

function stun(name: string, tcpPort?: number): Endpoint {
  return { id: name, service: 'media', kind: 'stun', host: `${name}.${DOMAIN}`, port: fakes[name]?.port ?? 9, required: false, ...(tcpPort ? { tcpPort } : {}) };
}

function run(endpoints: Endpoint[], extra: Partial<LiveTestOptions> = {}): Promise<LiveNetworkFact> {
  return runLiveNetworkTest({ cloud: 'global', endpoints, proxy: DIRECT, dnsServers: [dns.server], stepTimeoutMs: 1500, totalTimeoutMs: 8000, ...extra });
}

const only = (f: LiveNetworkFact) => {
  expect(f.endpoints).toHaveLength(1);
  return f.endpoints[0]!;
};

describe('live network probe (loopback fakes)', () => {
  it('passes a healthy endpoint with positive evidence for every step', async () => {
    const f = await run([https('healthy')]);
    const r = only(f);
    expect(r).toMatchObject({ status: 'pass', problem: null, addresses: ['127.0.0.1'], resolvers: [dns.server], tlsTrusted: true, httpStatus: 200 });
    expect(r.tlsIssuer).toMatch(/MTR Doctor fake tenant test CA/);
    expect(r.steps.map((s) => [s.step, s.status])).toEqual([['dns', 'ok'], ['tcp', 'ok'], ['tls', 'ok'], ['http', 'ok']]);
    expect(Math.abs(r.clockSkewSeconds ?? 99)).toBeLessThanOrEqual(2);
    expect(f.verdict).toBe('pass');
    expect(f.evidence.source).toMatch(/^live:/);
    expect(f.machine.length).toBeGreaterThan(0);
    expect(f.interfaces.every((i) => i.address.length > 0)).toBe(true);
    // Provenance: the connections left from loopback, which no listed (non-internal) interface holds.
    expect(f.route).toEqual({ localAddress: '127.0.0.1', interface: null });
    expect(f.evidence.fields).toContainEqual({ label: 'Left from', value: '127.0.0.1' });
    expect(dns.queries).toContain(`healthy.${DOMAIN}`);
  });

  it('calls a chain from an untrusted issuer TLS inspection, naming the issuer and 0xCAA82F8F', async () => {
    const r = only(await run([https('inspected')]));
    expect(r).toMatchObject({ status: 'fail', problem: 'tls-inspection', tlsTrusted: false });
    expect(r.tlsIssuer).toContain(INSPECTION_CA);
    expect(r.message).toMatch(/^TLS inspection: inspected\.mtr\.test answered with a certificate issued by Contoso Inspection CA/);
    expect(r.message).toContain('0xCAA82F8F');
  });

  it('warns when a trusted chain does not lead to an issuer the endpoint uses (an inspection CA installed here)', async () => {
    const r = only(await run([{ ...https('healthy'), issuers: ['DigiCert', 'Microsoft'] } as Endpoint]));
    expect(r).toMatchObject({ status: 'warn', problem: 'tls-inspection', tlsTrusted: true });
    expect(r.message).toMatch(/This laptop trusts that issuer, but it is not one Microsoft uses/);
    // Only issuers count: the leaf's own name (*.mtr.test) is what a forged certificate copies.
    const forged = only(await run([{ ...https('healthy'), issuers: ['mtr.test'] } as Endpoint]));
    expect(forged).toMatchObject({ status: 'warn', problem: 'tls-inspection' });
    const expected = only(await run([{ ...https('healthy'), issuers: ['fake tenant test CA'] } as Endpoint]));
    expect(expected).toMatchObject({ status: 'pass', problem: null });
  });

  it('recognises a captive portal: HTML where Microsoft answers JSON (0x8007000D)', async () => {
    const r = only(await run([https('portal')]));
    expect(r).toMatchObject({ status: 'fail', problem: 'captive-portal', httpStatus: 200 });
    expect(r.message).toMatch(/captive portal or a proxy's error page answered for portal\.mtr\.test: HTTP 200 text\/html with an HTML page where Microsoft answers JSON/);
    expect(r.message).toContain('0x8007000D');
  });

  it('fails a server Date 20 minutes off as clock skew: past 5 minutes sign-in breaks, and the verdict says so', async () => {
    const f = await run([https('skewed')]);
    const r = only(f);
    expect(r).toMatchObject({ status: 'fail', problem: 'clock-skew' });
    expect(r.clockSkewSeconds).toBeGreaterThanOrEqual(-1202);
    expect(r.clockSkewSeconds).toBeLessThanOrEqual(-1198);
    expect(r.message).toMatch(/20 minutes behind this machine's clock\. Over 5 minutes breaks sign-in/);
    expect(f.verdict).toBe('fail');
    expect(f.advice).toEqual([
      {
        cause: 'clock-skew',
        hosts: [`skewed.${DOMAIN}`],
        text: `This machine's clock is 20 minutes ahead of Microsoft's (skewed.${DOMAIN}). Beyond 5 minutes Entra ID sign-in tokens and Kerberos are refused: set the time source (NTP) and time zone right on this machine and on the Teams Room.`,
      },
    ]);
  });

  it('calls a handshake that gets no answer a blackhole, not a TLS ending, within the step timeout', async () => {
    const f = await run([https('silent')], { stepTimeoutMs: 400 });
    const r = only(f);
    expect(r).toMatchObject({ status: 'fail', problem: 'blackhole' });
    expect(r.message).toBe('The TLS handshake with silent.mtr.test got no answer within 400 ms: the connection opened, then something silently dropped it (a firewall or a dead route).');
    expect(f.advice.map((a) => a.cause)).toEqual(['blackhole']);
    expect(f.advice[0]?.text).toMatch(/^Connections to silent\.mtr\.test on TCP \d+ got no answer at all: something silently drops them/);
    // The deadline logic, not a benchmark: the run ends on the step timeout, far before its 8 s limit.
    expect(f.durationMs).toBeLessThan(8000);
    expect(f.incomplete).toBeNull();
  });

  it('fails a name that does not resolve, one the DNS server never answers and one it refuses, saying which server was asked', async () => {
    const f = await run([https('missing'), https('unanswered'), https('refused')], { stepTimeoutMs: 500 });
    const [missing, unanswered, refused] = f.endpoints;
    expect(refused).toMatchObject({ status: 'fail', problem: 'dns-refused' });
    expect(refused?.message).toBe(`The DNS server refused to resolve refused.${DOMAIN} (REFUSED, asked ${dns.server}).`);
    expect(f.advice.map((a) => [a.cause, a.hosts])).toEqual([
      ['dns-failed', [`missing.${DOMAIN}`]],
      ['dns-no-answer', [`unanswered.${DOMAIN}`]],
      ['dns-refused', [`refused.${DOMAIN}`]],
    ]);
    expect(f.advice[2]?.text).toMatch(/refused to answer for refused\.mtr\.test \(REFUSED\)/);
    expect(missing).toMatchObject({ status: 'fail', problem: 'dns-failed', resolvers: [dns.server] });
    expect(missing?.message).toBe(`missing.${DOMAIN} does not resolve (ENOTFOUND, asked ${dns.server}).`);
    expect(unanswered).toMatchObject({ status: 'fail', problem: 'dns-no-answer' });
    expect(unanswered?.message).toMatch(/^DNS gave no answer for unanswered\.mtr\.test/);
    expect(f.verdict).toBe('fail');
  });

  it('fails clearly on a proxy that answers 407 Proxy Authentication Required', async () => {
    const proxy: ProxySetting = { ...DIRECT, url: `http://127.0.0.1:${authProxy.port}`, source: '--proxy' };
    const f = await run([https('healthy')], { proxy });
    const r = only(f);
    expect(r).toMatchObject({ status: 'fail', problem: 'proxy-auth' });
    expect(r.message).toBe(`The proxy http://127.0.0.1:${authProxy.port} requires authentication (407 Proxy Authentication Required) for healthy.mtr.test.`);
    expect(authProxy.connects).toContain(`healthy.${DOMAIN}:${fakes.healthy?.port}`);
    expect(f.verdict).toBe('fail');
  });

  it('names an unreachable proxy as such on the HTTPS and the plain-HTTP rows, with one piece of advice for both', async () => {
    const port = await closedPort();
    const proxy: ProxySetting = { ...DIRECT, url: `http://127.0.0.1:${port}`, source: '--proxy' };
    const f = await run([https('healthy'), plain('ncsi')], { proxy });
    expect(f.endpoints.map((r) => [r.problem, r.message])).toEqual([
      ['proxy-failed', `Could not reach the proxy http://127.0.0.1:${port} for healthy.${DOMAIN} (ECONNREFUSED).`],
      ['proxy-failed', `Could not reach the proxy http://127.0.0.1:${port} for ncsi.${DOMAIN} (ECONNREFUSED).`],
    ]);
    expect(f.advice).toHaveLength(1);
    expect(f.advice[0]).toMatchObject({ cause: 'proxy-failed', hosts: [`healthy.${DOMAIN}`, `ncsi.${DOMAIN}`] });
  });

  it('gets Windows\' connectivity test through a working proxy in absolute form', async () => {
    const proxy: ProxySetting = { ...DIRECT, url: `http://127.0.0.1:${tunnelProxy.port}`, source: '--proxy' };
    const r = only(await run([plain('ncsi')], { proxy }));
    expect(r).toMatchObject({ status: 'pass', httpStatus: 200 });
    expect(r.steps.map((s) => [s.step, s.status])).toEqual([['dns', 'ok'], ['proxy', 'ok'], ['http', 'ok']]);
  });

  it('gives one piece of advice per cause, naming every host', async () => {
    const f = await run([https('inspected'), https('inspected-2'), https('healthy')]);
    expect(f.endpoints.map((r) => r.problem)).toEqual(['tls-inspection', 'tls-inspection', null]);
    expect(f.advice).toEqual([
      {
        cause: 'tls-inspection',
        hosts: [`inspected.${DOMAIN}`, `inspected-2.${DOMAIN}`],
        text: `Exclude inspected.${DOMAIN} and inspected-2.${DOMAIN} from TLS inspection (issuer seen: ${INSPECTION_CA}, Contoso Firewall); the device fails with 0xCAA82F8F otherwise.`,
      },
    ]);
  });

  it('tests through a working proxy with CONNECT, where the proxy resolves names local DNS does not', async () => {
    const proxy: ProxySetting = { ...DIRECT, url: `http://127.0.0.1:${tunnelProxy.port}`, source: 'HTTPS_PROXY' };
    const f = await run([https('tunnelled', fakes.healthy?.port)], { proxy });
    const r = only(f);
    expect(r.status).toBe('pass');
    expect(r.steps.map((s) => [s.step, s.status])).toEqual([['dns', 'warn'], ['proxy', 'ok'], ['tls', 'ok'], ['http', 'ok']]);
    expect(tunnelProxy.connects).toContain(`tunnelled.${DOMAIN}:${fakes.healthy?.port}`);
  });

  it('gets a STUN answer from the media relay on UDP, and only warns when UDP is blocked', async () => {
    const f = await run([https('healthy'), stun('relay'), stun('quiet-relay', fakes.healthy?.port)], { stepTimeoutMs: 500 });
    const [, relay, quiet] = f.endpoints;
    expect(relay).toMatchObject({ status: 'pass', problem: null });
    expect(relay?.message).toMatch(/answered STUN on UDP \d+ \(public address 127\.0\.0\.1\)/);
    expect(quiet).toMatchObject({ status: 'warn', problem: 'media-udp-blocked' });
    expect(quiet?.message).toMatch(/did not answer STUN on UDP \d+, but TCP \d+ connects.*Sign-in is not affected/);
    // Media is a warning, never a sign-in failure.
    expect(f.verdict).toBe('warn');
  });

  it('gives a media relay that does not resolve DNS advice, not firewall advice', async () => {
    const f = await run([https('healthy'), { ...stun('relay'), host: `gone-relay.${DOMAIN}` }]);
    const relay = f.endpoints[1];
    expect(relay).toMatchObject({ status: 'warn', problem: 'dns-failed' });
    expect(relay?.message).toBe(`Teams media: gone-relay.${DOMAIN} does not resolve (ENOTFOUND, asked ${dns.server}).`);
    expect(f.advice.map((a) => a.cause)).toEqual(['dns-failed']);
    expect(f.advice[0]?.text).not.toMatch(/UDP 3478/);
    expect(f.verdict).toBe('warn');
  });

  it('stops at the total deadline and reports what was not tested', async () => {
    const endpoints = [https('silent'), { ...https('silent'), id: 'silent-2' }, { ...https('silent'), id: 'silent-3' }];
    const f = await run(endpoints, { stepTimeoutMs: 5000, totalTimeoutMs: 600, concurrency: 2 });
    expect(f.incomplete).toBe('deadline');
    expect(f.verdict).toBe('unknown');
    expect(f.endpoints.every((r) => r.status === 'unknown' && r.problem === 'timeout')).toBe(true);
    expect(f.endpoints[2]?.message).toBe(`silent.${DOMAIN}:${fakes.silent?.port} was not tested within the test's 0.6 s limit.`);
    expect(f.untested).toEqual({ count: 3, reason: 'deadline' });
    expect(f.summary).toMatch(/ran out of time: 3 of 3 endpoints were not tested: the whole test stopped at its 0\.6 s limit\.$/);
    // Ended by the 600 ms deadline, not by the 5 s step timeouts.
    expect(f.durationMs).toBeLessThan(5000);
  });

  it('says how many endpoints were not tested when failures and the deadline meet', async () => {
    const endpoints = [https('missing'), https('silent'), { ...https('silent'), id: 'silent-2' }];
    const f = await run(endpoints, { stepTimeoutMs: 5000, totalTimeoutMs: 700, concurrency: 1 });
    expect(f.verdict).toBe('fail');
    expect(f.untested).toEqual({ count: 2, reason: 'deadline' });
    expect(f.summary).toMatch(/: 1 of 3 endpoints fail \(2 of 3 endpoints were not tested: the whole test stopped at its 0\.7 s limit\) — missing\.mtr\.test does not resolve/);
  });

  it('cancels through the AbortSignal, keeping the results it has', async () => {
    const cancel = new AbortController();
    const f = await run([https('healthy'), https('silent')], {
      stepTimeoutMs: 5000,
      concurrency: 1,
      signal: cancel.signal,
      onProgress: () => cancel.abort(),
    });
    expect(f.incomplete).toBe('cancelled');
    expect(f.verdict).toBe('unknown');
    expect(f.endpoints[0]?.status).toBe('pass');
    expect(f.endpoints[1]).toMatchObject({ status: 'unknown', problem: 'cancelled' });
    expect(f.summary).toMatch(/was cancelled after 1 of 2 endpoints/);
  });

  it('never passes with no required endpoint tested', async () => {
    const f = await run([stun('relay')]);
    expect(f.endpoints[0]?.status).toBe('pass');
    expect(f.verdict).toBe('unknown');
  });
});
