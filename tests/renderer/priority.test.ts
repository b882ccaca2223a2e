// "Do this first": current failures before resolved ones before risks; blocking (network, account) before dependent.
import { describe, expect, it } from 'vitest';
import type { CheckId, CheckStatus, ReasonCode } from '../../main/model/analysis';
import { actionSentence, rankFindings, urgency } from '../../main/sheet/priority';

const check = (id: CheckId, status: CheckStatus, code: ReasonCode) => ({ id, status, reason: { code, text: '' } });
const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

describe('rankFindings', () => {
  it('leaves out pass and no-data checks', () => {
    expect(rankFindings([check('mfa', 'pass', 'healthy'), check('network', 'unknown', 'no-source')])).toEqual([]);
  });

  it('puts current failures before resolved ones, and resolved ones before risks', () => {
    const ranked = rankFindings([check('mfa', 'warn', 'resolved'), check('password', 'warn', 'risk'), check('license', 'fail', 'failing')]);
    expect(ids(ranked)).toEqual(['license', 'mfa', 'password']);
  });

  it('puts blocking checks (network, then the account) before dependent ones among failures', () => {
    const ranked = rankFindings([
      check('mfa', 'fail', 'failing'),
      check('conditional-access', 'fail', 'failing'),
      check('credentials', 'fail', 'failing'),
      check('network', 'fail', 'failing'),
      check('license', 'fail', 'failing'),
      check('password', 'fail', 'failing'),
    ]);
    expect(ids(ranked)).toEqual(['network', 'password', 'credentials', 'mfa', 'conditional-access', 'license']);
  });

  it('keeps the article order between dependent checks of the same urgency', () => {
    expect(ids(rankFindings([check('license', 'fail', 'failing'), check('mailbox', 'fail', 'failing'), check('conditional-access', 'fail', 'failing')]))).toEqual([
      'conditional-access',
      'mailbox',
      'license',
    ]);
  });

  it('a fail whose reason says resolved ranks with the resolved ones', () => {
    expect(urgency(check('network', 'fail', 'resolved'))).toBe(1);
    expect(ids(rankFindings([check('network', 'fail', 'resolved'), check('license', 'fail', 'failing')]))).toEqual(['license', 'network']);
  });
});

describe('actionSentence', () => {
  it('uses the check’s action, else its title and summary', () => {
    expect(actionSentence({ title: 'Conditional Access', summary: 'AADSTS53003 48 times.', action: 'Exclude the room account from policy X.' })).toBe(
      'Exclude the room account from policy X.',
    );
    expect(actionSentence({ title: 'Conditional Access', summary: 'AADSTS53003 48 times.' })).toBe('Conditional Access: AADSTS53003 48 times.');
  });
});
