// `mtr-doctor analyze --tenant … --account …` headless: device code sign-in against the fake tenant
// (HTTPS on 127.0.0.1, real MSAL, real Graph client), then the seven checks over Graph evidence.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analysisResultSchema } from '../../main/model/analysis-schema';
import { repoRoot } from '../support/app-harness';
import { enterDeviceCode, startFakeTenant, type FakeTenant } from '../support/fake-tenant';

const cli = path.join(repoRoot, 'dist/cli/mtr-doctor.js');
let tenant: FakeTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

/** Runs the CLI, playing the technician who types the device code on another machine. */
function runWithDeviceCode(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; codesShown: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env: process.env });
    let stdout = '';
    let stderr = '';
    let codesShown = 0;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /open the page (\S+) and enter the code (\S+)/.exec(stderr);
      if (m && codesShown === 0) {
        codesShown += 1;
        void enterDeviceCode(m[1] as string, (m[2] as string).replace(/[^A-Z0-9]/gi, '')).catch(reject);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, codesShown }));
  });
}

describe('mtr-doctor analyze --tenant', () => {
  it('signs in with a device code and fails the MFA check from Entra sign-in logs', async () => {
    tenant = await startFakeTenant({ scenario: 'mfa', now: new Date() });
    const r = await runWithDeviceCode([
      'analyze', '--tenant', tenant.tenantId, '--account', tenant.room.upn, '--client-id', tenant.clientId,
      '--login-url', tenant.loginUrl, '--graph-url', tenant.graphUrl, '--format', 'json',
    ]);
    expect(r.codesShown).toBe(1);
    expect(r.stderr).toMatch(/To sign in, use a web browser to open the page/);
    expect(r.stderr).toMatch(new RegExp(`signed in as ${tenant.technician.upn.replace('.', '\\.')}`));
    expect(r.code).toBe(1);
    const result = analysisResultSchema.parse(JSON.parse(r.stdout));
    expect(result.input).toMatchObject({ kind: 'tenant', name: tenant.tenantId });
    const mfa = result.checks.find((c) => c.id === 'mfa');
    expect(mfa?.status).toBe('fail');
    expect(mfa?.evidence.every((e) => e.source.startsWith('graph:/'))).toBe(true);
    // The token never reaches the output.
    for (const token of tenant.issuedTokens()) {
      expect(r.stdout).not.toContain(token);
      expect(r.stderr).not.toContain(token);
    }
  });

  it('explains a tenant without Entra ID P1/P2 and still runs the other Graph checks', async () => {
    tenant = await startFakeTenant({ scenario: 'license', now: new Date(), graph: { nonPremium: true } });
    const r = await runWithDeviceCode([
      'analyze', '--tenant', tenant.tenantId, '--account', tenant.room.upn, '--client-id', tenant.clientId,
      '--login-url', tenant.loginUrl, '--graph-url', tenant.graphUrl, '--format', 'json',
    ]);
    expect(r.stderr).toMatch(/Entra ID P1 or P2|premium/i);
    const result = analysisResultSchema.parse(JSON.parse(r.stdout));
    expect(result.checks.find((c) => c.id === 'license')?.status).toBe('fail');
    expect(result.warnings.some((w) => w.source.startsWith('graph:/auditLogs/signIns'))).toBe(true);
  });

  it('--all-rooms: every room of the tenant as CSV, a line per room as it arrives, the worst room decides the exit', async () => {
    tenant = await startFakeTenant({ rooms: 27, now: new Date() });
    const r = await runWithDeviceCode([
      'analyze', '--tenant', tenant.tenantId, '--all-rooms', '--client-id', tenant.clientId,
      '--login-url', tenant.loginUrl, '--graph-url', tenant.graphUrl, '--format', 'csv',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[27\/27\] room-\d{4}@contoso\.com: /);
    expect(r.stderr).toMatch(/rooms are saved in \S+\.jsonl as they finish; if the run stops, add --resume/);
    const lines = r.stdout.split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^file,room,computer,app_version,account,mfa,conditional-access,/);
    // 27 Teams Rooms, then the bookable room that has no Teams Rooms account, apart and not checked.
    expect(lines).toHaveLength(1 + 27 + 1);
    expect(lines.at(-1)).toMatch(/^meeting-room-000@contoso\.com,Meeting room 0,.*,not-checked,.*bookable room/);
    for (const room of tenant.fleet?.rooms.filter((x) => x.scenario === 'license') ?? []) {
      expect(lines.find((l) => l.startsWith(`${room.upn},`))).toMatch(/,license,fail,/);
    }
    const healthy = tenant.fleet?.rooms.filter((x) => x.scenario.startsWith('healthy')).map((x) => x.upn) ?? [];
    expect(healthy.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.endsWith(',all-clear,')).map((l) => l.split(',')[0])).toEqual(healthy);
  });

  it('refuses to start without a client id, exit 2', async () => {
    const r = await runWithDeviceCode(['analyze', '--tenant', 'contoso.com', '--account', 'room@contoso.com']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Application \(client\) ID/);
  });
});
