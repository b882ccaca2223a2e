// The Diagnosis' rules (main/analysis/diagnosis.ts): one ranking, one headline per state, banners in the right
// tense and the exit code, over hand-made verdicts. The property over every sample is in diagnosis-views.test.ts.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../main/analysis/diagnosis';
import { CHECK_IDS, type CheckId, type CheckResult, type CheckStatus, type DeviceInfo, type ReasonCode } from '../../main/model/analysis';

const device: DeviceInfo = { computer: 'MTR-1', displayName: 'Room 1', account: 'room1@contoso.com', appVersion: '5.2', generation: '5.x', generationNote: '', os: null, ipv4: null, utcOffsetMinutes: 60 };

function check(id: CheckId, status: CheckStatus, code: ReasonCode, extra: Partial<CheckResult> = {}): CheckResult {
  return {
    id,
    title: `T-${id}`,
    status,
    summary: `${id} summary`,
    evidence: [],
    remedy: [`remedy ${id}`],
    links: [],
    reason: { code, text: `${id} because` },
    checked: [],
    ...(status === 'fail' || status === 'warn' ? { action: `Do ${id} now.` } : {}),
    ...extra,
  };
}
const allPass = () => CHECK_IDS.map((id) => check(id, 'pass', 'healthy'));
const withChecks = (...over: CheckResult[]) => allPass().map((c) => over.find((o) => o.id === c.id) ?? c);
const run = (checks: CheckResult[], nothing: string | null = null) => diagnose({ checks, device, input: { kind: 'bundle', name: 'a.zip', sources: [] }, nothingEvaluated: nothing });

describe('Diagnosis state, headline and exit code', () => {
  it('says "no problem" only when all seven pass', () => {
    const d = run(allPass());
    expect(d).toMatchObject({ state: 'all-clear', exitCode: 0, actions: [], undecided: [] });
    expect(d.headline).toMatch(/No sign-in problem found/);
  });

  it('an undecided check is not an all-clear: exit 1 and the headline names it and what settles it', () => {
    const d = run(withChecks(check('license', 'unknown', 'no-source', { missingSource: 'the Teams client log (Logs.txt)' })));
    expect(d.state).toBe('undecided');
    expect(d.exitCode).toBe(1);
    expect(d.headline).not.toMatch(/no sign-in problem/i);
    expect(d.headline).toContain('T-license');
    expect(d.undecided).toEqual([{ check: 'license', title: 'T-license', reason: 'no-source', settle: 'the Teams client log (Logs.txt)' }]);
  });

  it('failing wins over undecided and says both', () => {
    const d = run(withChecks(check('mfa', 'fail', 'failing'), check('license', 'unknown', 'no-source')));
    expect(d).toMatchObject({ state: 'failing', exitCode: 1 });
    expect(d.headline).toMatch(/^1 of 7 checks fail/);
    expect(d.headline).toMatch(/could not be decided \(T-license\)/);
  });

  it('nothing evaluated is exit 2 whatever the checks say', () => {
    const d = run(CHECK_IDS.map((id) => check(id, 'unknown', 'no-source')), 'these logs are from a Windows PC.');
    expect(d).toMatchObject({ state: 'not-analysable', exitCode: 2 });
    expect(d.headline).toContain('these logs are from a Windows PC');
  });

  it('warnings alone are all-clear (exit 0) but never "no problem found"', () => {
    const d = run(withChecks(check('password', 'warn', 'risk')));
    expect(d).toMatchObject({ state: 'all-clear', exitCode: 0 });
    expect(d.headline).not.toMatch(/No sign-in problem/);
    expect(d.actions.map((a) => a.kind)).toEqual(['risk']);
  });

  it('a check missing from the result is undecided, never an all-clear by omission', () => {
    const d = run(allPass().filter((c) => c.id !== 'mailbox'));
    expect(d.state).toBe('undecided');
    expect(d.banners.mailbox.state).toBe('undecided');
  });
});

describe('one ranking', () => {
  it('unexplained trouble, then current failures, then resolved, then risks; earlier Entra stage first within each', () => {
    const d = run([
      check('mfa', 'fail', 'failing'),
      check('conditional-access', 'warn', 'risk'),
      check('password', 'fail', 'failing'),
      check('credentials', 'fail', 'failing'),
      check('network', 'warn', 'resolved', { recoveredAt: '2026-11-18T10:00:00Z', firstSeen: '2026-11-17T10:00:00Z', lastSeen: '2026-11-18T09:00:00Z' }),
      check('mailbox', 'unknown', 'no-positive-evidence', { unexplained: { since: '2026-11-18T11:00:00Z', aspect: 'exchange' } }),
      check('license', 'fail', 'failing'),
    ]);
    expect(d.actions.map((a) => `${a.kind}:${a.check}`)).toEqual([
      'unexplained:mailbox',
      'current:credentials',
      'current:password',
      'current:mfa',
      'current:license',
      'resolved:network',
      'risk:conditional-access',
    ]);
    // Ranks are comparable across rooms: strictly increasing here.
    const ranks = d.actions.map((a) => a.rank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it('an expired password followed by wrong-password lockouts: credentials first (Entra checks the password before its expiry)', () => {
    const d = run(withChecks(check('password', 'fail', 'failing'), check('credentials', 'fail', 'failing')));
    expect(d.actions[0]?.check).toBe('credentials');
  });
});

describe('banners', () => {
  it('a resolved problem is worded in the past tense with when it ended, never as today\'s action', () => {
    const d = run(withChecks(check('credentials', 'warn', 'resolved', { firstSeen: '2026-11-10T08:00:00Z', lastSeen: '2026-11-11T08:00:00Z', recoveredAt: '2026-11-11T09:00:00Z', action: 'The account is locked. Unlock it.' })));
    const b = d.banners.credentials;
    expect(b.state).toBe('resolved');
    expect(b.text).toMatch(/^Resolved, nothing to do now: T-credentials failed from 2026-11-10 09:00 \(08:00 UTC\) to 2026-11-11 09:00 \(08:00 UTC\); healthy again since 2026-11-11 10:00/);
    expect(b.text).not.toContain('Unlock it');
    expect(d.actions[0]).toMatchObject({ kind: 'resolved', sentence: b.text, resolvedAt: '2026-11-11T09:00:00Z' });
  });

  it('current, risk, undecided and healthy banners', () => {
    const d = run(withChecks(check('mfa', 'fail', 'failing'), check('password', 'warn', 'risk'), check('license', 'unknown', 'no-source')));
    expect(d.banners.mfa).toEqual({ state: 'current', text: 'Do mfa now.' });
    expect(d.banners.password).toEqual({ state: 'risk', text: 'Do password now.' });
    expect(d.banners.license.state).toBe('undecided');
    expect(d.banners.network.state).toBe('healthy');
  });

  it('unexplained trouble is the first action and says since when and that nothing names the cause', () => {
    const d = run(withChecks(check('license', 'unknown', 'no-positive-evidence', { unexplained: { since: '2026-03-10T07:03:00Z', aspect: 'teams' }, missingSource: 'the Teams client logs' })));
    expect(d.state).toBe('undecided');
    expect(d.actions[0]?.kind).toBe('unexplained');
    expect(d.actions[0]?.sentence).toMatch(/^Teams sign-in on the room has been unhealthy since 2026-03-10 08:03 \(07:03 UTC\), and nothing in this bundle names the cause\. Would be settled by: the Teams client logs/);
  });
});

describe('one action per cause', () => {
  it('two checks failing with the same sentence are one action, at the better rank', () => {
    const same = 'The room cannot sign in: Microsoft Entra refuses it with AADSTS99999.';
    const d = run(withChecks(check('mfa', 'fail', 'failing', { action: same }), check('credentials', 'fail', 'failing', { action: same })));
    expect(d.actions.map((a) => a.check)).toEqual(['credentials']);
    expect(d.banners.mfa.state).toBe('current');
  });
});
