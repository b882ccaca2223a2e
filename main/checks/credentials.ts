// Check 4: does the device use the right username and password? (AADSTS50126, 50053 lockout, 50057, 50034, 50056)
import type { CheckResult } from '../model/analysis';
import { failureOutcome, result, unknown, when } from './compose';
import type { CheckContext } from './context';
import { attempts, codeNames, codeRemedies, viaText } from './describe-codes';

export function checkCredentials(ctx: CheckContext): CheckResult {
  const occ = ctx.occurrencesFor('credentials');
  const account = ctx.of('account')[0];
  const disabled = account?.accountEnabled === false;
  const passwordCodes = ctx.occurrencesFor('password');

  if (occ.length > 0) {
    const wrong = occ.filter((o) => o.code === '50126');
    const lock = occ.find((o) => o.code === '50053');
    const notFound = occ.some((o) => o.code === '50034');
    const parts: string[] = [];
    if (wrong.length) parts.push(`the password or username was refused ${attempts(wrong) === 1 ? 'once' : `${attempts(wrong)} times`} (AADSTS50126)`);
    if (lock) parts.push(`the account was locked at ${when(lock.time)} (AADSTS50053)`);
    if (notFound) parts.push('the sign-in name does not exist in the directory (AADSTS50034)');
    if (occ.some((o) => o.code === '50057')) parts.push('the account is disabled (AADSTS50057)');
    if (occ.some((o) => o.code === '50056')) parts.push('the account has no password (AADSTS50056)');
    const after = passwordCodes.length > 0 ? ' These errors also follow an expired password: see the expired-password check.' : '';
    const o = failureOutcome(
      ctx,
      occ,
      ({ span }) => `Wrong credentials: ${parts.join(', then ')}; ${codeNames(occ, ctx.tables)} in ${viaText(occ)}, ${span}.${after}`,
      codeRemedies(occ, ctx.tables),
      attempts(occ),
    );
    if (account) o.evidence = [...(o.evidence ?? []), account.evidence];
    return result(ctx, 'credentials', o);
  }
  if (disabled && account) {
    return result(ctx, 'credentials', {
      status: 'fail',
      summary: `The resource account ${account.userPrincipalName} is disabled (accountEnabled: false): it cannot sign in.`,
      evidence: [account.evidence],
      remedy: ['Enable the account: Microsoft 365 admin center › Users › the room › Sign-in allowed, or Update-MgUser -AccountEnabled:$true.'],
    });
  }
  if (ctx.sources.aadLog || ctx.sources.graphSignIns) {
    const where = [ctx.sources.aadLog && 'the device AAD log', ctx.sources.graphSignIns && 'Entra sign-in logs'].filter(Boolean).join(' and ');
    return result(ctx, 'credentials', { status: 'pass', summary: `No credential errors (AADSTS50126, 50053, 50057, 50034) in ${where}.` });
  }
  return unknown(ctx, 'credentials');
}
