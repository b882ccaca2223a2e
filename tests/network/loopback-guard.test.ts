// The loopback guard (tests/support/network/loopback-guard.ts) that keeps every test on the machine: each way out
// a test could take — TCP/TLS, fetch, a name lookup, a DNS query, UDP — is refused before a packet is sent and
// recorded, in this process and in a Node child, while loopback keeps working. Targets are TEST-NET-1 (192.0.2.0/24,
// never routed) and .invalid names (never resolve), so even a broken guard reaches no service.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import { Resolver } from 'node:dns/promises';
import https from 'node:https';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProxySetting } from '../../main/network/proxy';
import { runLiveNetworkTest } from '../../main/network/live-test';
import { startFakeDns } from '../support/network/dns-server';
import { GUARD_LOG_ENV, takeGuardLog } from '../support/network/loopback-guard';

const OUTSIDE = '192.0.2.1';
const refusedCode = (err: unknown) => (err as NodeJS.ErrnoException).code ?? ((err as Error).cause as NodeJS.ErrnoException | undefined)?.code;

function failure(start: (done: (err: unknown) => void) => void): Promise<unknown> {
  return new Promise((resolve) => start(resolve));
}

// What these tests provoke on purpose is taken off the record, so the per-file check does not fail this file.
afterEach(() => {
  takeGuardLog();
});

describe('loopback guard', () => {
  it('is preloaded into workers and children, and the proxy variables are cleared', () => {
    expect(process.env.NODE_OPTIONS).toMatch(/--require "[^"]*loopback-guard\.cjs"/);
    expect(process.env[GUARD_LOG_ENV]).toMatch(/worker-\d+\.log$/);
    for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy']) expect(process.env[name], name).toBeUndefined();
  });

  it('refuses TCP, TLS, fetch, lookups, DNS queries and UDP beyond loopback, and records each', async () => {
    const tcp = await failure((done) => net.connect({ host: OUTSIDE, port: 443 }).once('error', done));
    expect(refusedCode(tcp)).toBe('ELOOPBACKONLY');
    const tls = await failure((done) => https.get('https://guard-check.invalid/').once('error', done));
    expect(refusedCode(tls)).toBe('ELOOPBACKONLY');
    const fetched = await fetch(`http://${OUTSIDE}/`).catch((err: unknown) => err);
    expect(refusedCode(fetched)).toBe('ELOOPBACKONLY');
    const lookup = await failure((done) => dns.lookup('guard-check.invalid', done));
    expect(refusedCode(lookup)).toBe('ELOOPBACKONLY');
    // The system's DNS servers, and a server set beyond loopback, are never asked.
    await expect(new Resolver().resolve4('guard-check.invalid')).rejects.toMatchObject({ code: 'ELOOPBACKONLY' });
    const far = new Resolver();
    far.setServers([`${OUTSIDE}:53`]);
    await expect(far.resolve4('guard-check.invalid')).rejects.toMatchObject({ code: 'ELOOPBACKONLY' });
    const udp = dgram.createSocket('udp4');
    const sent = await failure((done) => udp.send(Buffer.from('x'), 3478, OUTSIDE, done));
    udp.close();
    expect(refusedCode(sent)).toBe('ELOOPBACKONLY');
    expect(takeGuardLog().map((l) => l.replace(/^\d+ /, ''))).toEqual([
      `TCP ${OUTSIDE}:443`,
      'TCP guard-check.invalid:443',
      `TCP ${OUTSIDE}:80`,
      'lookup guard-check.invalid',
      expect.stringMatching(/^DNS query guard-check\.invalid to /),
      `DNS query guard-check.invalid to ${OUTSIDE}`,
      `UDP ${OUTSIDE}`,
    ]);
  });

  it('leaves loopback alone: TCP to 127.0.0.1 and DNS asked of a server set on loopback', async () => {
    const server = net.createServer((s) => s.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const reply = await new Promise<string>((resolve, reject) => {
      const s = net.connect({ host: 'localhost', port });
      s.once('error', reject).once('data', (d) => resolve(d.toString()));
    });
    server.close();
    expect(reply).toBe('ok');
    const dnsServer = await startFakeDns({ 'room.mtr.test': ['127.0.0.1'] });
    const near = new Resolver();
    near.setServers([dnsServer.server]);
    expect(await near.resolve4('room.mtr.test')).toEqual(['127.0.0.1']);
    await dnsServer.close();
    expect(takeGuardLog()).toEqual([]);
  });

  it('refuses in a Node child the test starts, recording it against this file', async () => {
    const child = spawn(process.execPath, ['-e', `require('net').connect(443, '${OUTSIDE}').on('error', (e) => console.log(e.code))`], { env: process.env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((resolve) => child.once('close', resolve));
    expect(out.trim()).toBe('ELOOPBACKONLY');
    expect(takeGuardLog()).toEqual([`${child.pid} TCP ${OUTSIDE}:443`]);
  });

  it('keeps a live test that forgot its DNS server and proxy from asking the network', async () => {
    const direct: ProxySetting = { url: null, source: '--no-proxy', bypass: [], pac: null, notes: [] };
    const f = await runLiveNetworkTest({
      cloud: 'global',
      endpoints: [{ id: 'entra-login', service: 'sign-in', kind: 'https', host: 'login.guard-check.invalid', port: 443, required: true }],
      proxy: direct,
      stepTimeoutMs: 1000,
      totalTimeoutMs: 3000,
    });
    expect(f.endpoints[0]).toMatchObject({ status: 'fail', problem: 'dns-no-answer' });
    expect(takeGuardLog()).toEqual([expect.stringMatching(/ DNS query login\.guard-check\.invalid to /)]);
  });
});
