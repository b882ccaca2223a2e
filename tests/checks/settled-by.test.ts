// "Would be settled by …" names only what this input lacks: never a log the bundle holds, a damaged one as
// damaged, nothing when every source was read.
import { describe, expect, it } from 'vitest';
import { NO_SOURCES } from '../../main/analysis/assemble';
import { runChecks } from '../../main/checks/run-checks';
import type { SourcePresence } from '../../main/model/facts';

const NOW = new Date('2026-03-10T12:00:00Z');
const run = (sources: Partial<SourcePresence>, unreadable: { kind: 'aad' | 'srs' | 'teams'; source: string; message: string }[] = []) =>
  runChecks({ facts: [], sources: { ...NO_SOURCES, ...sources }, window: { from: null, to: null }, unreadable }, { now: NOW }).checks;

describe('would be settled by', () => {
  it('a bundle with an AAD log and heartbeats but no Teams log: the MFA check asks only for the tenant, the license check for a Teams log', () => {
    const checks = run({ aadLog: true, heartbeats: true });
    const mfa = checks.find((c) => c.id === 'mfa');
    expect(mfa?.status).toBe('unknown');
    expect(mfa?.missingSource).toBe('From the tenant, Entra sign-in logs.');
    const license = checks.find((c) => c.id === 'license');
    expect(license?.missingSource).toMatch(/^From the device, a Teams client log/);
    for (const c of checks) expect(c.missingSource ?? '', c.id).not.toMatch(/AAD Operational|heartbeats/);
  });

  it('a damaged AAD log is asked for as a readable copy', () => {
    const mfa = run({}, [{ kind: 'aad', source: 'Windows/EventLog/aad.evtx', message: 'damaged' }]).find((c) => c.id === 'mfa');
    expect(mfa?.missingSource).toMatch(/^From the device, a readable copy of the AAD Operational log/);
  });

  it('every source read and still undecided: nothing is named', () => {
    const all: SourcePresence = { aadLog: true, heartbeats: true, teamsLog: true, graphSignIns: true, graphAccount: true, graphLicenses: true, graphMailbox: true, graphPolicies: true };
    for (const c of run(all)) expect(c.missingSource, c.id).toBeUndefined();
  });
});
