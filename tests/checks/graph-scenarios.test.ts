// The same seven checks over Microsoft Graph evidence from the fake tenant (real MSAL, real Graph client,
// HTTPS on 127.0.0.1): each scenario fails its own check with graph: evidence; a healthy tenant passes.
// And a bundle plus Graph together give one result with the device's attempts linked to Entra's sign-ins.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyse as analyseInput } from '../../main/analysis/analyse';
import { AppTemp } from '../../main/fs/app-temp';
import { CHECK_IDS, type AnalysisResult, type CheckId, type CheckStatus } from '../../main/model/analysis';
import { analysisResultSchema } from '../../main/model/analysis-schema';
import { writeBundleZip } from '../support/bundles/build';
import { scenario } from '../support/bundles/scenarios';
import type { FakeTenant } from '../support/fake-tenant';
import { signedIn } from '../graph/support';

const NOW = new Date('2026-03-10T12:00:00Z');
let tenant: FakeTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

const statuses = (r: AnalysisResult) => Object.fromEntries(r.checks.map((c) => [c.id, c.status])) as Record<CheckId, CheckStatus>;
const allPassBut = (over: Partial<Record<CheckId, CheckStatus>>) => Object.fromEntries(CHECK_IDS.map((id) => [id, over[id] ?? 'pass']));
const check = (r: AnalysisResult, id: CheckId) => r.checks.find((c) => c.id === id) as AnalysisResult['checks'][number];

async function analyse(name: Parameters<typeof signedIn>[0] extends infer O ? (O extends { scenario?: infer S } ? S : never) : never, opts: { perUserMfa?: boolean } = {}) {
  const s = await signedIn({ scenario: name, now: NOW });
  tenant = s.tenant;
  const result = await analyseInput({ tenant: { auth: s.auth, graphUrl: s.tenant.graphBaseUrl, account: s.tenant.room.upn, tenantName: 'contoso.com', ...opts } }, { now: NOW });
  analysisResultSchema.parse(JSON.parse(JSON.stringify(result)));
  return result;
}

describe('Graph evidence through the seven checks', () => {
  it('healthy tenant: all seven pass', async () => {
    const r = await analyse('healthy');
    expect(statuses(r)).toEqual(allPassBut({}));
    expect(r.input).toMatchObject({ kind: 'tenant', name: 'contoso.com' });
    expect(check(r, 'license').summary).toBe('The account has Microsoft Teams Rooms Pro with Microsoft Teams enabled.');
    expect(check(r, 'password').summary).toMatch(/never expires/);
    expect(check(r, 'mailbox').summary).toMatch(/room listed in the tenant/);
    // Every pass names its positive evidence and what was read.
    for (const c of r.checks) {
      expect(c.reason.code).toBe('healthy');
      expect(c.checked.length).toBeGreaterThan(0);
    }
    // A room mailbox needs no license: the healthy room has no Exchange plan and still passes.
    expect(check(r, 'mailbox').summary).not.toMatch(/Exchange Online plan/);
  });

  // Each failure fails its own check; checks a failure hides are unknown "not-reached", never pass.
  it.each([
    ['mfa', 'mfa', /AADSTS50076|AADSTS50079/, { 'conditional-access': 'unknown' }],
    ['conditional-access', 'conditional-access', /AADSTS53003.*Failed policies: "Require MFA for all users"/, {}],
    ['password', 'password', /\(cloud account\): AADSTS50055/, {}],
    ['password-synced', 'password', /synced account\): AADSTS50144/, { mfa: 'unknown', 'conditional-access': 'unknown' }],
    ['credentials', 'credentials', /AADSTS50126.*locked.*AADSTS50053/, { mfa: 'unknown', 'conditional-access': 'unknown' }],
    ['mailbox', 'mailbox', /no usable room mailbox: no room with this address/, {}],
    ['license', 'license', /Teams Shared Devices \(MCOCAP\) but no Teams Rooms license/, {}],
  ] as const)('%s scenario: the %s check fails with graph: evidence', async (name, id, summary, others) => {
    const r = await analyse(name);
    expect(statuses(r)).toEqual(allPassBut({ ...others, [id]: 'fail' }));
    const c = check(r, id);
    expect(c.summary).toMatch(summary);
    expect(c.reason.code).toBe('failing');
    expect(c.evidence.length).toBeGreaterThan(0);
    expect(c.evidence.every((e) => e.source.startsWith('graph:/'))).toBe(true);
    for (const [other, status] of Object.entries(others)) {
      if (status === 'unknown') expect(['not-reached', 'no-positive-evidence']).toContain(check(r, other as CheckId).reason.code);
    }
  });

  it('no sign-ins in the window: network warns and names the causes Entra cannot tell apart; nothing passes on silence', async () => {
    const r = await analyse('network');
    const net = check(r, 'network');
    expect(net.status).toBe('warn');
    expect(net.summary).toMatch(/No sign-in attempt reached Entra for mtr-boardroom@contoso\.com/);
    expect(net.summary).toMatch(/network.*different username.*off/);
    for (const id of ['mfa', 'conditional-access', 'credentials'] as const) {
      expect(check(r, id)).toMatchObject({ status: 'unknown', reason: { code: 'no-positive-evidence' } });
    }
  });

  it('MFA from Graph also names per-user MFA (when asked for) and security defaults in the fix', async () => {
    const r = await analyse('mfa', { perUserMfa: true });
    const mfa = check(r, 'mfa');
    expect(mfa.remedy.join('\n')).toMatch(/Per-user MFA is enforced for this account: set it to Disabled/);
    expect(mfa.remedy.join('\n')).toMatch(/Security defaults are on/);
    expect(mfa.evidence.some((e) => e.source.includes('identitySecurityDefaultsEnforcementPolicy'))).toBe(true);
  });
});

describe('a bundle and Graph together', () => {
  it('merges both into one result and links the device attempts to their Entra sign-ins', async () => {
    const s = await signedIn({ scenario: 'mfa', now: NOW });
    tenant = s.tenant;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-merge-'));
    try {
      // A bundle from the same room (the device signs in as the tenant's room account) whose failed attempts
      // carry the Correlation IDs Entra has.
      const zip = path.join(dir, 'room.zip');
      const base = scenario('mfa');
      await writeBundleZip({ ...base, device: { ...base.device, alias: s.tenant.room.upn }, start: '2026-03-09T06:00:00.000Z' }, zip, { correlationIds: s.tenant.deviceCorrelationIds });
      const r = await analyseInput(
        { bundle: { path: zip, temp: new AppTemp(path.join(dir, 'temp')) }, tenant: { auth: s.auth, graphUrl: s.tenant.graphBaseUrl, account: s.tenant.room.upn, tenantName: 'contoso.com' } },
        { now: NOW },
      );
      expect(r.input.kind).toBe('bundle+tenant');
      const n = s.tenant.deviceCorrelationIds.length;
      expect(r.input.sources.join('\n')).toMatch(new RegExp(`${n} device attempt\\(s\\) confirmed in Entra sign-ins by Correlation ID`));
      expect(r.warnings.filter((w) => w.source === 'account')).toEqual([]);
      const mfa = check(r, 'mfa');
      expect(mfa.status).toBe('fail');
      // Evidence from both ends.
      expect(mfa.evidence.some((e) => e.source.startsWith('Windows/EventLog/'))).toBe(true);
      expect(mfa.summary).toMatch(new RegExp(`failed sign-ins in the device AAD log \\(${n} of them confirmed in Entra\\)`));
      // The link is data: each matched device attempt carries its Entra row, counted once.
      const corr = s.tenant.deviceCorrelationIds[0] as string;
      const deviceAttempts = (r.attempts ?? []).filter((a) => a.correlationId === corr && a.device);
      expect(deviceAttempts.length).toBe(1);
      const matched = (r.attempts ?? []).filter((a) => a.entraState === 'matched');
      expect(matched).toHaveLength(n);
      expect(matched.every((a) => a.device && a.entra && /^AADSTS5007[69]$/.test(a.code ?? ''))).toBe(true);
      expect(mfa.attemptCounts?.confirmedInEntra).toBe(n);
      expect(mfa.attemptCounts?.total).toBe(mfa.occurrences);
      expect(new Set(mfa.attemptIds).size).toBe(mfa.attemptIds?.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
