// Check 3: has the password expired? (AADSTS50055 cloud, 50144 synced AD, sessions revoked by a change;
// from Graph: the password policy and last change give the expiry date ahead of time)
import type { CheckResult } from '../model/analysis';
import type { AccountFact } from '../model/facts';
import { failureOutcome, result, unknown, when } from './compose';
import type { CheckContext } from './context';
import { attempts, codeNames, codeRemedies, viaText } from './describe-codes';

const DAY = 86_400_000;
/** Warn this many days ahead of expiry: enough to schedule a visit. */
const WARN_DAYS = 14;

interface Expiry {
  /** never: policy disables expiry; synced: on-premises AD decides; date: cloud policy expiry. */
  kind: 'never' | 'synced' | 'date' | 'unknown';
  at?: Date;
}

export function passwordExpiry(a: AccountFact): Expiry {
  if (a.onPremisesSyncEnabled) return { kind: 'synced' };
  if ((a.passwordPolicies ?? '').split(',').map((s) => s.trim()).includes('DisablePasswordExpiration')) return { kind: 'never' };
  const days = a.passwordValidityDays;
  if (days === null) return { kind: 'unknown' };
  if (!Number.isFinite(days) || days >= 2147483647) return { kind: 'never' };
  if (!a.lastPasswordChangeDateTime) return { kind: 'unknown' };
  return { kind: 'date', at: new Date(Date.parse(a.lastPasswordChangeDateTime) + days * DAY) };
}

export function checkPassword(ctx: CheckContext): CheckResult {
  const occ = ctx.occurrencesFor('password');
  const account = ctx.of('account')[0];
  const expiry = account ? passwordExpiry(account) : { kind: 'unknown' as const };

  if (occ.length > 0) {
    const synced = occ.some((o) => o.code === '50144') || account?.onPremisesSyncEnabled === true;
    const changed = occ.every((o) => o.code === '50133' || o.code === '50132');
    const kind = changed
      ? 'The password was changed (or expired) and the device still uses the old one'
      : synced
        ? 'The password has expired in on-premises Active Directory (synced account)'
        : 'The password has expired (cloud account)';
    const extra = synced
      ? ['This account is synced from Active Directory: reset the password there and set "Password never expires" on the AD account; Entra\'s DisablePasswordExpiration does not apply to it.']
      : ['Turn off expiry for this account: Update-MgUser -UserId <account> -PasswordPolicies DisablePasswordExpiration (or the admin center\'s "Make this password never expire").'];
    const o = failureOutcome(ctx, occ, ({ span }) => `${kind}: ${codeNames(occ, ctx.tables)} in ${viaText(occ)}, ${span}.`, [
      ...codeRemedies(occ, ctx.tables),
      ...extra,
    ], attempts(occ));
    if (account) o.evidence = [...(o.evidence ?? []), account.evidence];
    return result(ctx, 'password', o);
  }

  if (account && expiry.kind === 'date' && expiry.at) {
    const msLeft = expiry.at.getTime() - ctx.now.getTime();
    const days = Math.ceil(msLeft / DAY);
    const turnOff = 'Turn off password expiration for the resource account so the device is not locked out on that date.';
    if (msLeft < 0) {
      return result(ctx, 'password', {
        status: 'fail',
        summary: `The password expired on ${when(expiry.at.toISOString())} (last changed ${when(account.lastPasswordChangeDateTime)}, valid ${account.passwordValidityDays} days).`,
        evidence: [account.evidence],
      });
    }
    if (days <= WARN_DAYS) {
      return result(ctx, 'password', {
        status: 'warn',
        summary: `The password expires in ${msLeft < DAY ? 'less than a day' : `${days} days`}, on ${when(expiry.at.toISOString())}; the room will stop signing in then.`,
        evidence: [account.evidence],
        remedy: [turnOff],
      });
    }
    return result(ctx, 'password', {
      status: 'pass',
      summary: `The password is valid until ${when(expiry.at.toISOString())}. Consider turning off expiration for room accounts.`,
      evidence: [account.evidence],
    });
  }
  if (account && expiry.kind === 'never') {
    return result(ctx, 'password', { status: 'pass', summary: 'The password never expires (DisablePasswordExpiration or a tenant policy without expiry).', evidence: [account.evidence] });
  }
  if (ctx.sources.aadLog || ctx.sources.graphSignIns) {
    const synced = account && expiry.kind === 'synced' ? ' The account is synced from Active Directory: its expiry is set there.' : '';
    return result(ctx, 'password', {
      status: 'pass',
      summary: `No expired-password errors (AADSTS50055, 50144) in ${[ctx.sources.aadLog && 'the device AAD log', ctx.sources.graphSignIns && 'Entra sign-in logs'].filter(Boolean).join(' and ')}.${synced}`,
    });
  }
  return unknown(ctx, 'password');
}
