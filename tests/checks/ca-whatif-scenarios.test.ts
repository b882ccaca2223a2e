// The offline What If through the whole tenant path (real MSAL, real Graph client, the fake tenant on 127.0.0.1):
// each Conditional Access tenant of tests/support/fake-tenant/ca-scenarios.ts (its sources are cited there) gives
// the check's status AND each policy's outcome and reason, which is what a technician acts on.
import { afterEach, describe, expect, it } from 'vitest';
import { analyse as analyseInput } from '../../main/analysis/analyse';
import type { AnalysisResult, CheckId } from '../../main/model/analysis';
import type { FakeTenant } from '../support/fake-tenant';
import { CA_EXCLUSIONS_GROUP } from '../support/fake-tenant/ca-scenarios';
import { GROUPS } from '../support/fake-tenant/ids';
import type { TenantScenarioName } from '../support/fake-tenant/scenarios';
import { signedIn } from '../graph/support';

const NOW = new Date('2026-03-10T12:00:00Z');
let tenant: FakeTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

const check = (r: AnalysisResult, id: CheckId) => r.checks.find((c) => c.id === id) as AnalysisResult['checks'][number];

async function analyse(scenario: TenantScenarioName, graph: { nonPremium?: boolean } = {}) {
  const s = await signedIn({ scenario, now: NOW, graph });
  tenant = s.tenant;
  return analyseInput({ tenant: { auth: s.auth, graphUrl: s.tenant.graphBaseUrl, account: s.tenant.room.upn, tenantName: 'contoso.com' } }, { now: NOW });
}

/** Policy display name → [What If, Reason] as the evidence carries them. */
function reasons(r: AnalysisResult): Record<string, [string, string]> {
  const out: Record<string, [string, string]> = {};
  for (const e of check(r, 'conditional-access').evidence) {
    if (!e.locator.startsWith('policy "')) continue;
    const field = (label: string) => e.fields?.find((f) => f.label === label)?.value ?? '';
    out[e.locator.slice(8, -1)] = [field('What If'), field('Reason')];
  }
  return out;
}

describe('Conditional Access What If, tenant by tenant', () => {
  it('baseline with the room excluded: passes, and names for each policy the condition that keeps it off the room', async () => {
    const r = await analyse('ca-baseline-excluded');
    const ca = check(r, 'conditional-access');
    expect(ca.status).toBe('pass');
    expect(ca.summary).toMatch(/What If over 8 enabled or report-only policies: 1 apply, 7 do not apply, 0 may apply, 0 report-only; none is known to block the room/);
    const why = reasons(r);
    expect(why['CA001: Require multifactor authentication for all users']).toEqual([
      'does-not-apply',
      `Does not apply (users): the policy excludes group "${GROUPS.teamsRooms.displayName}", of which the room account is a member (directly or nested).`,
    ]);
    expect(why['CA002: Block legacy authentication']?.[1]).toMatch(/^Does not apply \(client apps\): the policy targets only exchangeActiveSync, other/);
    expect(why['CA003: Block access outside allowed countries']?.[1]).toBe(
      'Does not apply (locations): the room signs in from 203.0.113.24 (US), inside "Allowed countries", which the policy excludes; it would apply if the room signed in from outside it.',
    );
    expect(why['CA004: Block device code flow']?.[1]).toMatch(/^Does not apply \(authentication flows\): .*deviceCodeFlow; a Teams Room signs in with its password/);
    expect(why['CA005: Require app protection policy on iOS and Android']?.[1]).toMatch(/^Does not apply \(device platforms\): the policy targets only android, iOS, not Windows/);
    // The risk policy depends on a rating Entra makes per sign-in; the logs recorded it as not applied: they win.
    expect(why['CA006: Block high sign-in risk']).toEqual([
      'does-not-apply',
      "Does not apply (as Entra recorded it on the room's sign-ins: notApplied ×12); by its conditions it depends on Entra ID Protection rating the room at sign-in risk high (its sign-ins in the logs: risk none).",
    ]);
    expect(why['CA007: Require MFA to register security information']?.[1]).toMatch(/^Does not apply \(target resources\): the policy targets the user action urn:user:registersecurityinfo/);
    expect(why['Teams Rooms: require compliant device']?.[0]).toBe('applies');
  });

  it('the same baseline without the exclusion: fails on the failed sign-ins, and the MFA policy applies to the room', async () => {
    const r = await analyse('ca-baseline-not-excluded');
    const ca = check(r, 'conditional-access');
    expect(ca.status).toBe('fail');
    expect(ca.summary).toMatch(/Failed policies: "CA001: Require multifactor authentication for all users"/);
    expect(reasons(r)['CA001: Require multifactor authentication for all users']).toEqual([
      'applies',
      'Applies: it includes All users, targets all resources, and every other condition includes the room.',
    ]);
    expect(ca.remedy).toContain('Policy "CA001: Require multifactor authentication for all users" applies to the room and requires multifactor authentication: exclude the resource account (or its group) or change the grant.');
  });

  it('without sign-in logs (no Entra ID P1) the same tenant fails only on the policy that certainly applies and blocks', async () => {
    const r = await analyse('ca-baseline-not-excluded', { nonPremium: true });
    const ca = check(r, 'conditional-access');
    expect(ca.status).toBe('fail');
    expect(ca.summary).toBe('A Conditional Access policy applies to the resource account with controls a room cannot satisfy: "CA001: Require multifactor authentication for all users" (requires multifactor authentication).');
    // Without a sign-in to take the IP from, the location policy depends on it: may apply, not a failure.
    expect(reasons(r)['CA003: Block access outside allowed countries']).toEqual([
      'may-apply',
      'May apply: it depends on the IP address the room signs in from (no sign-in in the logs names it).',
    ]);
  });

  it('location: the room inside the trusted range passes; the reason says when the block would apply', async () => {
    const r = await analyse('ca-location-inside');
    expect(check(r, 'conditional-access').status).toBe('pass');
    expect(reasons(r)['Block access from untrusted locations']).toEqual([
      'does-not-apply',
      'Does not apply (locations): the room signs in from 203.0.113.24 (US), inside trusted location "Headquarters", which the policy excludes; it would apply if the room signed in from outside it.',
    ]);
  });

  it('location: the room outside fails, and the policy applies from its address', async () => {
    const r = await analyse('ca-location-outside');
    const ca = check(r, 'conditional-access');
    expect(ca.status).toBe('fail');
    expect(ca.summary).toMatch(/AADSTS53003.*Failed policies: "Block access from untrusted locations"/);
    expect(reasons(r)['Block access from untrusted locations']?.[0]).toBe('applies');
  });

  it('a block policy whose device filter excludes Teams Rooms devices does not apply to the room (device attributes read from Entra)', async () => {
    const r = await analyse('ca-device-filter');
    expect(check(r, 'conditional-access').status).toBe('pass');
    expect(reasons(r)['Block room accounts except on Teams Rooms devices']).toEqual([
      'does-not-apply',
      'Does not apply (filter for devices): the policy excludes filtered devices, and the Entra device "MTR-BOARDROOM" matches device.extensionAttribute1 -eq "TeamsRoom" -and device.isCompliant -eq True.',
    ]);
    expect(tenant?.requests.some((q) => q.path === '/v1.0/devices' && q.query.$filter?.includes('deviceId eq'))).toBe(true);
  });

  it('report-only MFA for all users: a warning (risk), not a failure, with what it would do', async () => {
    const r = await analyse('ca-report-only');
    const ca = check(r, 'conditional-access');
    expect(ca).toMatchObject({ status: 'warn', reason: { code: 'risk' } });
    expect(ca.summary).toMatch(/report-only "Require MFA for all users \(report-only\)" would block the room if enforced/);
    expect(reasons(r)['Require MFA for all users (report-only)']).toEqual([
      'report-only (if enforced: applies)',
      'Applies: it includes All users, targets all resources, and every other condition includes the room.',
    ]);
  });

  it('nested-group exclusion: the room is excluded through the group that holds its group', async () => {
    const r = await analyse('ca-nested-group');
    expect(check(r, 'conditional-access').status).toBe('pass');
    expect(reasons(r)['CA001: Require multifactor authentication for all users']).toEqual([
      'does-not-apply',
      `Does not apply (users): the policy excludes group "${CA_EXCLUSIONS_GROUP.displayName}", of which the room account is a member (directly or nested).`,
    ]);
  });
});
