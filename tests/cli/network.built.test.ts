// `mtr-doctor network` as a technician runs it (the built CLI), pointed at loopback fakes through --endpoints
// (replace: true, so the built-in Microsoft list is never contacted), --dns and --proxy/--no-proxy.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/app-harness';
import { startFakeDns, type FakeDns } from '../support/network/dns-server';
import { DOMAIN, makeCertificates, startHttps, startProxy, startStun, type Fake } from '../support/network/fakes';

const cli = path.join(repoRoot, 'dist/cli/mtr-doctor.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-cli-network-'));
let certs: ReturnType<typeof makeCertificates>;
let healthy: Fake;
let stun: Fake;
let proxy: Fake;
let dns: FakeDns;

beforeAll(async () => {
  certs = makeCertificates();
  healthy = await startHttps(certs.trusted);
  stun = await startStun();
  proxy = await startProxy('auth');
  dns = await startFakeDns({ [`login.${DOMAIN}`]: ['127.0.0.1'], [`relay.${DOMAIN}`]: ['127.0.0.1'] });
});
afterAll(async () => {
  await Promise.all([healthy, stun, proxy, dns].map((f) => f?.close()));
  certs?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function endpointsFile(): string {
  const file = path.join(dir, 'endpoints.json');
  writeFileSync(
    file,
    JSON.stringify({
      replace: true,
      endpoints: [
        { id: 'entra-login', service: 'sign-in', kind: 'https', host: `login.${DOMAIN}`, port: healthy.port, http: { path: '/common/.well-known/openid-configuration', expect: 'json' } },
        { id: 'teams-relay', service: 'media', kind: 'stun', host: `relay.${DOMAIN}`, port: stun.port, required: false },
      ],
    }),
  );
  return file;
}

/** Async, so the fakes in this process keep answering while the CLI runs. */
function run(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!existsSync(cli)) throw new Error('dist/cli/mtr-doctor.js is missing: run `npm run build` first (npm test does).');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'network', ...args], { cwd: dir, env: { ...process.env, HTTPS_PROXY: '', HTTP_PROXY: '', https_proxy: '', http_proxy: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('mtr-doctor network', () => {
  it('exits 0 on a healthy network and prints each endpoint, the machine and the verdict', async () => {
    const r = await run('--endpoints', endpointsFile(), '--dns', dns.server, '--no-proxy');
    expect(r.stderr).toContain('[2/2]');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Live network test from ${os.hostname()}, `));
    expect(r.stdout).toMatch(/^PASS {2}sign-in {6}login\.mtr\.test:\d+ {2}login\.mtr\.test answered as Microsoft does \(HTTP 200 application\/json\)\./m);
    expect(r.stdout).toMatch(/^ +tls +ok .*issued by MTR Doctor fake tenant test CA, trusted$/m);
    expect(r.stdout).toMatch(/^PASS {2}media .*answered STUN/m);
    expect(r.stdout).toMatch(/^Verdict: PASS — Live test from .*: all 2 endpoints answered as Microsoft does/m);
  });

  it('writes the LiveNetworkFact as JSON', async () => {
    const r = await run('--endpoints', endpointsFile(), '--dns', dns.server, '--no-proxy', '--format', 'json');
    expect(r.code).toBe(0);
    const fact = JSON.parse(r.stdout);
    expect(fact).toMatchObject({ kind: 'live-network', verdict: 'pass', machine: os.hostname(), proxy: { url: null, source: '--no-proxy' } });
    expect(fact.evidence.source).toBe(`live:${os.hostname()}`);
    expect(fact.endpoints.map((e: { resolvers: string[] }) => e.resolvers)).toEqual([[dns.server], [dns.server]]);
  });

  it('exits 1 on a proxy that wants authentication, quoting the article', async () => {
    const r = await run('--endpoints', endpointsFile(), '--dns', dns.server, '--proxy', `http://127.0.0.1:${proxy.port}`);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {2}sign-in .*requires authentication \(407 Proxy Authentication Required\)/m);
    expect(r.stdout).toContain(`1. "Teams Rooms doesn't support proxy authentication." Let the room's traffic`);
  });

  it('carries in its JSON the very advice the text prints, one entry per cause with its hosts', async () => {
    const args = ['--endpoints', endpointsFile(), '--dns', dns.server, '--proxy', `http://127.0.0.1:${proxy.port}`];
    const [text, json] = await Promise.all([run(...args), run(...args, '--format', 'json')]);
    expect(json.code).toBe(1);
    const fact = JSON.parse(json.stdout);
    // The relay is probed through the proxy too (TCP fallback); its UDP answer passes it, so one cause, one host.
    expect(fact.advice).toEqual([{ cause: 'proxy-auth', hosts: [`login.${DOMAIN}`], text: expect.stringContaining(`"Teams Rooms doesn't support proxy authentication." Let the room's traffic to login.${DOMAIN} through the proxy`) }]);
    const printed = text.stdout.split('What to do:\n')[1]?.trimEnd().split('\n');
    expect(printed).toEqual(fact.advice.map((a: { text: string }, i: number) => `  ${i + 1}. ${a.text}`));
  });

  it('exits 2 with a clear message when it cannot run', async () => {
    const cloud = await run('--cloud', 'mars');
    expect(cloud.code).toBe(2);
    expect(cloud.stderr).toMatch(/--cloud must be one of global, usgov, dod, china, not "mars"/);
    const missing = path.join(dir, 'nope.json');
    const file = await run('--endpoints', missing, '--no-proxy');
    expect(file.code).toBe(2);
    expect(file.stderr).toContain(`mtr-doctor network: ${missing}: cannot be read (ENOENT)`);
    const both = await run('--proxy', 'http://p:1', '--no-proxy');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--proxy and --no-proxy cannot be used together');
    // A --dns that is not an address is a usage error, not a network fault.
    for (const bad of ['localhost', '127.0.0.1:xx', '127.0.0.1:70000', '']) {
      const dnsArg = await run('--dns', bad, '--no-proxy');
      expect(dnsArg.code, bad).toBe(2);
      expect(dnsArg.stderr).toContain(`--dns takes DNS server addresses (10.0.0.53, 10.0.0.53:5353 or [2001:db8::53]:53), not "${bad}"`);
      expect(dnsArg.stdout).toBe('');
    }
    const timeout = await run('--timeout-ms', '0');
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toContain('--timeout-ms must be a positive whole number of milliseconds, not "0"');
  });
});
