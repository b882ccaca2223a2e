// The resource account as Entra sees it (enabled, password policy and age, sync, mail, Exchange plan) and its
// domain's password validity, so the checks can predict an expiry date before the device fails.
import type { AccountFact } from '../model/facts';
import { graphErrorCode, graphErrorStatus } from './read-failure';
import { graphEvidence } from './provenance';
import type { GraphRun } from './graph-run';
import { domainSchema, userSchema, type GraphDomain, type GraphUser } from './payload-schemas';

/** Graph's passwordValidityPeriodInDays for "never expires". */
export const NEVER_EXPIRES_DAYS = 2147483647;

export const USER_FIELDS = [
  'id',
  'userPrincipalName',
  'displayName',
  'mail',
  'accountEnabled',
  'userType',
  'passwordPolicies',
  'lastPasswordChangeDateTime',
  'onPremisesSyncEnabled',
  'assignedPlans',
];

export function exchangePlanEnabled(user: GraphUser): boolean | null {
  if (!user.assignedPlans) return null;
  return user.assignedPlans.some((p) => p.service?.toLowerCase() === 'exchange' && p.capabilityStatus === 'Enabled');
}

/** Reads the account; returns it (for the reads that need its id) or null when it could not be read. */
export async function readAccount(run: GraphRun, upn: string): Promise<GraphUser | null> {
  run.begin('account');
  const source = `graph:/users/${upn}`;
  const user = await run.attempt<GraphUser | null>(
    source,
    `The account ${upn}`,
    'Directory.Read.All (or User.Read.All)',
    () => run.getOne(run.api(`/users/${encodeURIComponent(upn)}`).select(USER_FIELDS), userSchema),
    (error) => {
      if (graphErrorStatus(error) !== 404) return undefined;
      const message = `No user ${upn} exists in this tenant. Check the resource account's sign-in name: it must be its user principal name (and equal its SIP address).`;
      run.facts.push({ kind: 'source-problem', source, message, code: graphErrorCode(error), status: 404 });
      run.warn(source, message);
      return null;
    },
  );
  if (!user) return null;
  run.sources.graphAccount = true;

  const domainName = user.userPrincipalName.split('@')[1] ?? '';
  const domain = domainName
    ? await run.attempt(`graph:/domains/${domainName}`, `The password policy of ${domainName}`, 'Directory.Read.All', () =>
        run.getOne(run.api(`/domains/${encodeURIComponent(domainName)}`), domainSchema),
      )
    : null;
  run.facts.push(accountFact(user, domain));
  return user;
}

/** The account (and its domain's password validity, when read) as the fact the checks read. */
export function accountFact(user: GraphUser, domain: GraphDomain | null): AccountFact {
  const domainName = user.userPrincipalName.split('@')[1] ?? '';
  const validity = domain?.passwordValidityPeriodInDays ?? null;
  const passwordValidityDays = validity === null ? null : validity >= NEVER_EXPIRES_DAYS ? Number.POSITIVE_INFINITY : validity;
  const exchange = exchangePlanEnabled(user);

  const excerpt = [
    `accountEnabled ${String(user.accountEnabled ?? 'unknown')}`,
    `passwordPolicies ${user.passwordPolicies ?? 'None'}`,
    `lastPasswordChangeDateTime ${user.lastPasswordChangeDateTime ?? 'unknown'}`,
    `onPremisesSyncEnabled ${String(user.onPremisesSyncEnabled ?? false)}`,
    domain ? `${domain.id} passwordValidityPeriodInDays ${String(validity ?? 'unknown')}` : null,
    `Exchange plan ${exchange === null ? 'unknown' : exchange ? 'enabled' : 'not enabled'}`,
  ]
    .filter(Boolean)
    .join(', ');
  const fact: AccountFact = {
    kind: 'account',
    userPrincipalName: user.userPrincipalName,
    id: user.id,
    accountEnabled: user.accountEnabled ?? null,
    mail: user.mail ?? null,
    passwordPolicies: user.passwordPolicies ?? null,
    lastPasswordChangeDateTime: user.lastPasswordChangeDateTime ?? null,
    onPremisesSyncEnabled: user.onPremisesSyncEnabled ?? null,
    passwordValidityDays,
    passwordValidityUnknown: validity !== null ? null : domain ? 'unset' : 'unreadable',
    exchangePlanEnabled: exchange,
    domain: domain?.id ?? (domainName || null),
    domainAuthenticationType: domain?.authenticationType ?? null,
    evidence: graphEvidence(`/users/${user.id}`, `userPrincipalName ${user.userPrincipalName}`, null, excerpt, { user, domain }),
  };
  return fact;
}
