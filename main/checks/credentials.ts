// Check 4: does the device use the right username and password? (AADSTS50126, 50053 lockout, 50057, 50034, 50056;
// from Graph: the account exists and is enabled)
import type { CheckResult } from '../model/analysis';
import { formatCount } from '../model/display-format';
import { result, times, when } from './compose';
import type { CheckContext, CodeOccurrence, HealthSighting } from './context';
import type { SignInFact } from '../model/facts';
import { attempts, codeNames, codeRemedies, viaText } from './describe-codes';
import { tokenHealthImplied } from './health';
import { decide } from './verdict';

/** The account lookup answered 404: no such user in the tenant. */
export function accountNotFound(ctx: CheckContext) {
  return ctx.of('source-problem').find((p) => p.status === 404 && p.source.startsWith('graph:/users/')) ?? null;
}

export function checkCredentials(ctx: CheckContext, blockers: CheckResult[] = []): CheckResult {
  const occ = ctx.occurrencesFor('credentials');
  const account = ctx.of('account')[0];
  const missing = accountNotFound(ctx);
  // The 404 itself is the evidence: which lookup, what Graph answered.
  const missingEvidence = missing
    ? [{ source: missing.source, locator: `HTTP ${missing.status ?? 404}`, time: null, excerpt: `${missing.code ?? 'Request_ResourceNotFound'}: ${missing.message}` }]
    : [];
  const health = tokenHealthImplied(ctx, ['password', 'mfa', 'conditional-access'], 'the username and password');
  // Attempts the device logged as AADSTS50126 whose Entra row says something more specific (50055 …).
  const relabelled = ctx.attempts.filter((a) => a.deviceCode === '50126' && a.code !== '50126');
  const followNote = relabelled.length
    ? ` ${formatCount(relabelled.length)} attempt${relabelled.length === 1 ? '' : 's'} the device logged as AADSTS50126 follow${relabelled.length === 1 ? 's' : ''} from ${relabelled[0]?.code === '50055' || relabelled[0]?.code === '50144' ? 'the expired password' : `AADSTS${relabelled[0]?.code}`}: Entra's sign-in for the same Correlation ID says AADSTS${relabelled[0]?.code}.`
    : '';
  const base = {
    id: 'credentials' as const,
    health,
    blockers,
    aspect: 'token' as const,
    sources: ['aad', 'srs', 'signins', 'account'] as ('aad' | 'srs' | 'signins' | 'account')[],
    history: ctx.historyFor('credentials'),
    extraEvidence: account ? [account.evidence] : missingEvidence,
  };

  if (missing && occ.length === 0) {
    return result(ctx, 'credentials', {
      status: 'fail',
      summary: `No such account in this tenant: ${missing.message}`,
      evidence: missingEvidence,
      remedy: ['Check the sign-in name on the device: it must be the resource account\'s user principal name, and the account must exist in this tenant.'],
      reason: { code: 'failing', text: 'The account lookup in Entra answered 404 (no such user).' },
      action: 'The room signs in with an account that does not exist in this tenant. Check the sign-in name on the device and create or correct the room account.',
    });
  }
  if (occ.length > 0) {
    const wrong = occ.filter((o) => o.code === '50126');
    const lock = occ.find((o) => o.code === '50053');
    const notFound = occ.some((o) => o.code === '50034');
    const parts: string[] = [];
    if (wrong.length) parts.push(`the password or username was refused ${times(attempts(wrong))} (AADSTS50126)`);
    if (lock) parts.push(`the account was locked at ${when(lock.time)} (AADSTS50053)`);
    if (notFound) parts.push('the sign-in name does not exist in the directory (AADSTS50034)');
    if (occ.some((o) => o.code === '50057')) parts.push('the account is disabled (AADSTS50057)');
    if (occ.some((o) => o.code === '50056')) parts.push('the account has no password (AADSTS50056)');
    const after = ctx.occurrencesFor('password').length > 0 ? ' These errors also follow an expired password: see the expired-password check.' : '';
    const elsewhere = lock ? lockoutsFromElsewhere(ctx, occ, health, lock.time) : null;
    if (elsewhere) {
      return decide(ctx, {
        ...base,
        failures: occ,
        describe: ({ span }) =>
          `The account is being locked out (AADSTS50053) while this room's own sign-ins succeed, so the room's password is right: the lockouts come from ${elsewhere.from}. ${codeNames(occ, ctx.tables)} in ${viaText(occ)}, ${span}; the room signed in fine at ${when(elsewhere.roomOk)} (${elsewhere.what}).`,
        remedy: [
          `Find the other device or app that still signs in to the room account with an old password (${elsewhere.from}) and update or remove it: Entra's sign-in logs for the account, filtered by error 50053 and 50126, show each attempt's client app and IP address.`,
          'Then wait for the lockout to expire or unlock the account; the room itself needs no new password.',
        ],
        count: attempts(occ),
        passText: () => '',
        quietText: '',
        action: `Another device or app still signs in to the room account with an old password and locks it out; the room's own password is right. Find it (${elsewhere.from}) and update or remove it.`,
      });
    }
    return decide(ctx, {
      ...base,
      failures: occ,
      describe: ({ span }) => `Wrong credentials: ${parts.join(', then ')}; ${codeNames(occ, ctx.tables)} in ${viaText(occ)}, ${span}.${after}${followNote}`,
      remedy: codeRemedies(occ, ctx.tables),
      count: attempts(occ),
      passText: () => '',
      quietText: '',
      action: lock
        ? 'The room account is locked after repeated wrong passwords. Unlock it, then enter the current password on the device.'
        : notFound
          ? 'The room signs in with a name that does not exist in the directory. Correct the sign-in name on the device.'
          : 'The room cannot sign in because its password (or username) is wrong. Enter the account\'s current password on the device.',
    });
  }
  if (account?.accountEnabled === false) {
    return result(ctx, 'credentials', {
      status: 'fail',
      summary: `The resource account ${account.userPrincipalName} is disabled (accountEnabled: false): it cannot sign in.`,
      evidence: [account.evidence],
      remedy: ['Enable the account: Microsoft 365 admin center › Users › the room › Sign-in allowed, or Update-MgUser -AccountEnabled:$true.'],
      reason: { code: 'failing', text: 'Entra says the account is disabled.' },
      action: 'The room account is disabled in Microsoft Entra. Enable sign-in for it.',
    });
  }
  return decide(ctx, {
    ...base,
    failures: [],
    describe: () => '',
    remedy: [],
    passText: (last) => `The username and password are accepted: ${last.what} (${when(last.lastTime)}), and no AADSTS50126, 50053, 50057 or 50034 came after it.${followNote}`,
    quietText: `No credential error (AADSTS50126, 50053, 50057, 50034) was found.${followNote}`,
  });
}

/**
 * Lockouts (AADSTS50053) caused by another client still using an old password: the room itself never had its
 * password refused (no AADSTS50126 from its own AAD log) and signed in fine after the first lockout. Where the
 * lockouts come from: the client app and IP of Entra's failed rows that are not the room's own attempts.
 */
function lockoutsFromElsewhere(ctx: CheckContext, occ: CodeOccurrence[], health: HealthSighting[], firstLock: string | null): { from: string; roomOk: string; what: string } | null {
  if (!firstLock || occ.some((o) => o.code === '50126' && o.via === 'aad-log')) return null;
  const ok = health.find((h) => h.lastTime > firstLock);
  if (!ok) return null;
  const sources = new Map<string, number>();
  for (const o of occ) {
    if (o.via !== 'sign-in' || o.attempt?.deviceFact) continue;
    const row = o.fact as SignInFact;
    const app = [row.appDisplayName, row.clientAppUsed && row.clientAppUsed !== row.appDisplayName ? `(${row.clientAppUsed})` : null].filter(Boolean).join(' ');
    const key = `${app || 'an unnamed client'}${row.ipAddress ? ` from IP ${row.ipAddress}` : ''}`;
    sources.set(key, (sources.get(key) ?? 0) + 1);
  }
  const named = [...sources.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, n]) => `${k} (${formatCount(n)} failed sign-in${n === 1 ? '' : 's'})`);
  const from = named.length ? named.join(', ') : 'another device or app (Entra\'s sign-in logs name its client app and IP address; the device logs cannot)';
  return { from, roomOk: ok.lastTime, what: ok.what };
}
