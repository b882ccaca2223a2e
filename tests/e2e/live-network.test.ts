// "Test this network now" in the wizard's network check, in Chromium with the real handlers behind it. The live
// test is pointed (through the composition's liveNetwork config) at loopback fakes and a DNS server on 127.0.0.1.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveNetworkConfig } from '../../main/app/live-network';
import type { Endpoint } from '../../main/network/endpoints';
import { SCREENSHOTS, startHarness, type Harness } from '../support/app-harness';
import { axeViolations } from '../support/axe';
import { startFakeDns, type FakeDns } from '../support/network/dns-server';
import { DOMAIN, makeCertificates, startHttps, startSilentTcp, startStun, type Fake } from '../support/network/fakes';

let h: Harness;
let dns: FakeDns;
let certs: ReturnType<typeof makeCertificates>;
let login: Fake;
let relay: Fake;
let silent: Fake;
// The session reads this at every test run, so each test sets the endpoints it needs.
const config: LiveNetworkConfig = { stepTimeoutMs: 1500, totalTimeoutMs: 15_000 };

const loginEndpoint = (): Endpoint => ({
  id: 'entra-login', service: 'sign-in', kind: 'https', host: `login.${DOMAIN}`, port: login.port, required: true,
  http: { path: '/common/.well-known/openid-configuration', expect: 'json' },
});

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  certs = makeCertificates();
  login = await startHttps(certs.trusted);
  relay = await startStun();
  silent = await startSilentTcp();
  dns = await startFakeDns({ [`login.${DOMAIN}`]: ['127.0.0.1'], [`relay.${DOMAIN}`]: ['127.0.0.1'], [`slow.${DOMAIN}`]: ['127.0.0.1'] });
  config.dnsServers = [dns.server];
  h = await startHarness({ now: () => new Date('2026-11-19T08:00:00Z'), liveNetwork: config });
});
afterAll(async () => {
  await h?.close();
  await Promise.all([login, relay, silent, dns].map((f) => f?.close()));
  certs?.cleanup();
});

async function openNetworkCheck(page: Page) {
  await page.locator('.sample', { hasText: 'Healthy room' }).click();
  await page.getByRole('button', { name: 'Run the seven checks' }).click();
  await expect.poll(() => page.locator('.verdict-tile').count(), { timeout: 20_000 }).toBe(4);
  await page.locator('.check-link', { hasText: 'Network connectivity' }).click();
  await expect.poll(() => page.locator('.check-head h1').innerText()).toBe('Network connectivity');
}

describe('live network test in the wizard', () => {
  it('runs with progress, shows each endpoint, and joins the network check as live: evidence', async () => {
    config.endpoints = [
      loginEndpoint(),
      { id: 'teams-relay', service: 'media', kind: 'stun', host: `relay.${DOMAIN}`, port: relay.port, required: false },
    ];
    const page = await h.newPage();
    await openNetworkCheck(page);
    expect(await page.locator('.evidence-source', { hasText: /^live:/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Test this network now' }).click();
    const result = page.locator('.live-network-result');
    await expect.poll(() => result.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await result.locator('p').first().innerText()).toMatch(/Pass\s+Live test from .*: all 2 endpoints answered as Microsoft does/);
    const rows = await result.locator('tbody tr').allInnerTexts();
    expect(rows).toEqual([
      expect.stringMatching(new RegExp(`login\\.mtr\\.test:${login.port}[\\s\\S]*sign-in[\\s\\S]*Pass[\\s\\S]*answered as Microsoft does \\(HTTP 200 application/json\\)`)),
      expect.stringMatching(/relay\.mtr\.test:\d+[\s\S]*media[\s\S]*Pass[\s\S]*answered STUN on UDP/),
    ]);
    // The check itself now carries the live test, apart from the device's log evidence.
    expect(await page.locator('.check-summary').innerText()).toMatch(/^The device reached Microsoft 365: heartbeats report Network status Healthy .* Live test from .*: all 2 endpoints answered/);
    expect(await page.locator('.evidence-source', { hasText: /^live:/ }).count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'live-network-pass-light.png') });
    expect(await axeViolations(page)).toEqual([]);
    // …and so does the findings sheet, in one line.
    await page.locator('.check-link', { hasText: 'Teams Rooms license' }).click();
    await page.locator('.step-footer .button-primary').click();
    await expect.poll(() => page.locator('.sheet').isVisible()).toBe(true);
    expect(await page.locator('.sheet-live').innerText()).toMatch(/^Live network test \(.*UTC\): Live test from .*: all 2 endpoints answered/);
    await page.close();
  });

  it('cancels a running test and says what was tested', async () => {
    config.endpoints = [
      loginEndpoint(),
      { id: 'slow', service: 'teams', kind: 'https', host: `slow.${DOMAIN}`, port: silent.port, required: true, http: { path: '/', expect: 'any' } },
    ];
    config.stepTimeoutMs = 10_000;
    const page = await h.newPage({ colorScheme: 'dark' });
    await openNetworkCheck(page);
    await page.getByRole('button', { name: 'Test this network now' }).click();
    const progress = page.locator('.live-network .progress-panel');
    await expect.poll(() => progress.locator('.progress-message').innerText(), { timeout: 10_000 }).toMatch(/login\.mtr\.test:\d+: login\.mtr\.test answered/);
    expect(await progress.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'live-network-progress-dark.png') });
    expect(await axeViolations(page)).toEqual([]);
    await progress.getByRole('button', { name: 'Cancel' }).click();
    const result = page.locator('.live-network-result');
    await expect.poll(() => result.isVisible(), { timeout: 5_000 }).toBe(true);
    expect(await result.locator('p').first().innerText()).toMatch(/Live test from .* was cancelled after 1 of 2 endpoints/);
    expect(await result.locator('tbody tr').nth(1).innerText()).toMatch(/slow\.mtr\.test[\s\S]*did not finish: cancelled/);
    // A cancelled test says nothing about the network: the check keeps the session's last complete test (the first one).
    const live = page.locator('.evidence-item', { has: page.locator('.evidence-source', { hasText: /^live:/ }) });
    expect(await live.count()).toBe(1);
    expect(await live.locator('.evidence-excerpt').innerText()).toMatch(/all 2 endpoints answered as Microsoft does/);
    await page.close();
    config.stepTimeoutMs = 1500;
  });
});
