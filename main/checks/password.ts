// Check 3: has the password expired? (AADSTS50055 cloud, 50144 synced AD, sessions revoked by a change;
// from Graph: the password policy and last change give the expiry date ahead of time)
import type { CheckResult } from '../model/analysis';
import { formatCount } from '../model/display-format';
import type { AccountFact } from '../model/facts';
import { result, when } from './compose';
import type { CheckContext, HealthSighting } from './context';
import { attempts, codeNames, viaText } from './describe-codes';
import { merged, tokenHealthImplied } from './health';
import { decide } from './verdict';

const DAY = 86_400_000;
/** Warn this many days ahead of expiry: enough to schedule a visit. */
const WARN_DAYS = 14;

interface Expiry {
  /** never: policy disables expiry; synced: on-premises AD decides; date: cloud policy expiry. */
  kind: 'never' | 'synced' | 'date' | 'unknown';
  at?: Date;
  /** For unknown: why, and the date the 90-day default would give. */
  why?: string;
  ifDefault?: Date;
}

/**
 * The domain sets no validity (passwordValidityPeriodInDays null) or cannot be read: Microsoft's docs disagree on
 * the default (Graph's domain resource: 90 days; Entra's "Password policies and account restrictions": no
 * expiration for tenants created from 2021, 90 days before), and the tenant's age is not read, so the expiry is
 * not known. What is known: whether the password works now, and the date the 90-day default would give.
 */
const DEFAULT_DAYS = 90;

export function passwordExpiry(a: AccountFact): Expiry {
  if (a.onPremisesSyncEnabled) return { kind: 'synced' };
  if ((a.passwordPolicies ?? '').split(',').map((s) => s.trim()).includes('DisablePasswordExpiration')) return { kind: 'never' };
  const days = a.passwordValidityDays;
  const changed = a.lastPasswordChangeDateTime ? Date.parse(a.lastPasswordChangeDateTime) : NaN;
  if (days === null) {
    const why =
      a.passwordValidityUnknown === 'unset'
        ? `the domain ${a.domain ?? ''} sets no password validity period, and Entra's default is 90 days for tenants created before 2021 and no expiration since`.replace('domain  ', 'domain ')
        : `the domain's password policy could not be read`;
    return { kind: 'unknown', why, ...(Number.isFinite(changed) ? { ifDefault: new Date(changed + DEFAULT_DAYS * DAY) } : {}) };
  }
  if (!Number.isFinite(days) || days >= 2147483647) return { kind: 'never' };
  if (!a.lastPasswordChangeDateTime) return { kind: 'unknown', why: 'the account has no lastPasswordChangeDateTime' };
  return { kind: 'date', at: new Date(Date.parse(a.lastPasswordChangeDateTime) + days * DAY) };
}

/**
 * The fix for a cloud or a synced account, after "enter the current one" when the password was changed. An
 * account of unknown kind gets the table's generic steps, which name both places to reset it.
 */
function fixFor(ctx: CheckContext, kind: 'cloud' | 'synced' | 'unknown', changed: boolean): string[] {
  const lists = ctx.tables.meta.password.remedyByAccount;
  const steps = lists && kind !== 'unknown' ? lists[kind] : ctx.tables.meta.password.remedy;
  return [...(changed && lists ? lists.changed : []), ...steps];
}

export function checkPassword(ctx: CheckContext, blockers: CheckResult[] = []): CheckResult {
  const occ = ctx.occurrencesFor('password');
  const account = ctx.of('account')[0];
  const expiry = account ? passwordExpiry(account) : { kind: 'unknown' as const };
  const health = tokenHealthImplied(ctx, ['mfa', 'conditional-access'], 'a current password');
  const base = {
    id: 'password' as const,
    health,
    blockers,
    aspect: 'token' as const,
    sources: ['aad', 'srs', 'signins', 'account'] as ('aad' | 'srs' | 'signins' | 'account')[],
    history: ctx.historyFor('password'),
    extraEvidence: account ? [account.evidence] : [],
  };

  if (occ.length > 0) {
    const synced = occ.some((o) => o.code === '50144') || account?.onPremisesSyncEnabled === true;
    const changed = occ.every((o) => o.code === '50133' || o.code === '50132');
    const kind = changed
      ? 'The password was changed (or expired) and the device still uses the old one'
      : synced
        ? 'The password has expired in on-premises Active Directory (synced account)'
        : 'The password has expired (cloud account)';
    const relabelled = occ.filter((o) => o.attempt?.deviceCode && o.attempt.deviceCode !== o.code).length;
    const entraNote = relabelled
      ? ` For ${formatCount(relabelled)} of these attempts the device logged AADSTS${occ.find((o) => o.attempt?.deviceCode && o.attempt.deviceCode !== o.code)?.attempt?.deviceCode}, but Entra's sign-in for the same Correlation ID says the password expired.`
      : '';
    return decide(ctx, {
      ...base,
      failures: occ,
      describe: ({ span }) => `${kind}: ${codeNames(occ, ctx.tables)} in ${viaText(occ)}, ${span}.${entraNote}`,
      // One list for this account's type: a synced account is reset in Active Directory, never in the admin center.
      remedy: fixFor(ctx, synced ? 'synced' : account || occ.some((o) => o.code === '50055') ? 'cloud' : 'unknown', changed),
      replaceRemedy: true,
      count: attempts(occ),
      passText: () => '',
      quietText: '',
      action: `The room cannot sign in because its account's password has expired. Reset the password${synced ? ' in Active Directory' : ''}, enter it on the device, and set it never to expire.`,
    });
  }

  if (account && expiry.kind === 'date' && expiry.at) {
    const msLeft = expiry.at.getTime() - ctx.now.getTime();
    const days = Math.ceil(msLeft / DAY);
    if (msLeft < 0) {
      return result(ctx, 'password', {
        status: 'fail',
        summary: `The password expired on ${when(expiry.at.toISOString())} (last changed ${when(account.lastPasswordChangeDateTime)}, valid ${account.passwordValidityDays} days).`,
        evidence: [account.evidence],
        reason: { code: 'failing', text: `By the account's password policy the password expired on ${when(expiry.at.toISOString())}.` },
        remedy: fixFor(ctx, 'cloud', false),
        replaceRemedy: true,
        action: 'The room account\'s password has expired. Reset it, enter it on the device, and set it never to expire.',
      });
    }
    if (days <= WARN_DAYS) {
      return result(ctx, 'password', {
        status: 'warn',
        summary: `The password expires in ${msLeft < DAY ? 'less than a day' : `${days} days`}, on ${when(expiry.at.toISOString())}; the room will stop signing in then.`,
        evidence: [account.evidence],
        remedy: ['Turn off password expiration for the resource account so the device is not locked out on that date.'],
        replaceRemedy: true,
        reason: { code: 'risk', text: `The password expires on ${when(expiry.at.toISOString())}.` },
        action: `The room will stop signing in on ${when(expiry.at.toISOString())}, when its password expires. Set the room account's password never to expire.`,
      });
    }
  }
  if (account && expiry.kind === 'unknown' && expiry.ifDefault) {
    const msLeft = expiry.ifDefault.getTime() - ctx.now.getTime();
    const acceptedSince = ctx.of('signin').some((s) => s.errorCode === 0 && Date.parse(s.time) > (expiry.ifDefault as Date).getTime());
    if (msLeft <= WARN_DAYS * DAY && !acceptedSince) {
      const on = when(expiry.ifDefault.toISOString());
      return result(ctx, 'password', {
        status: 'warn',
        summary: `The password may expire${msLeft < 0 ? '' : ` in ${Math.max(1, Math.ceil(msLeft / DAY))} days`}, on ${on}, if the 90-day default applies: ${expiry.why}. Last changed ${when(account.lastPasswordChangeDateTime)}.`,
        evidence: [account.evidence],
        remedy: ['Turn off password expiration for the resource account (Update-MgUser -PasswordPolicies DisablePasswordExpiration), so its expiry no longer depends on the tenant default.'],
        reason: { code: 'risk', text: `Expiry not known (${expiry.why}); by the 90-day default it is ${on}.` },
        action: `The room may stop signing in on ${on} if its password expires. Set the room account's password never to expire.`,
      });
    }
  }
  // The policy itself is positive evidence that the password has not expired.
  const policyHealth: HealthSighting[] = [];
  const at = ctx.now.toISOString();
  if (account && expiry.kind === 'never') policyHealth.push({ time: at, lastTime: at, sustained: true, what: 'the password policy (never expires)', evidence: account.evidence });
  if (account && expiry.kind === 'date' && expiry.at) policyHealth.push({ time: at, lastTime: at, sustained: true, what: `the password policy (valid until ${when(expiry.at.toISOString())})`, evidence: account.evidence });
  const synced = account && expiry.kind === 'synced' ? ' The account is synced from Active Directory: its expiry is set there.' : '';
  const unknownExpiry = account && expiry.kind === 'unknown' ? ` ${expiryNote(expiry, ctx.of('signin'))}` : '';
  return decide(ctx, {
    ...base,
    health: policyHealth.length ? merged(health, policyHealth) : health,
    failures: [],
    describe: () => '',
    remedy: [],
    passText: (last) =>
      last.what.startsWith('the password policy')
        ? `The password has not expired: ${last.what}.${expiry.kind === 'date' ? ' Consider turning off expiration for room accounts.' : ''}`
        : `The password is accepted and has not expired: ${last.what} (${when(last.lastTime)}), and no AADSTS50055 or 50144 came after it.${synced}${unknownExpiry}`,
    quietText: `No expired-password error (AADSTS50055, 50144) was found.${synced}${unknownExpiry}`,
  });
}

/** What is and is not known about an expiry the policy does not settle. */
function expiryNote(expiry: Expiry, signIns: { errorCode: number; time: string }[]): string {
  const base = `When it expires is not known: ${expiry.why ?? 'the password policy does not say'}.`;
  if (!expiry.ifDefault) return `${base} Set the account's password never to expire to be sure.`;
  const on = when(expiry.ifDefault.toISOString());
  const acceptedAfter = signIns.filter((s) => s.errorCode === 0 && Date.parse(s.time) > (expiry.ifDefault as Date).getTime()).length;
  return acceptedAfter
    ? `${base} The 90-day default would have ended it on ${on}, yet it was accepted after that: no 90-day expiry is in effect for it.`
    : `${base} If the 90-day default applies, it expires on ${on}; set the account's password never to expire to be sure.`;
}
