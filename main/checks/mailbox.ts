// Check 6: does the room mailbox exist? (heartbeat Exchange status GeneralError; AutodiscoveryError is related;
// from Graph: the room in /places and mailboxSettings). Room mailboxes need no license: an Exchange plan
// missing from the account's licenses is never evidence of a missing mailbox (DOMAIN.md).
import type { CheckResult } from '../model/analysis';
import { formatCount } from '../model/display-format';
import { result, selectEvidence, span, weight, when } from './compose';
import type { HeartbeatFact } from '../model/facts';
import type { CheckContext } from './context';
import { decide } from './verdict';
import { compareText } from '../model/order';

/** GeneralError for at most this long, then Connected: a transient error (a missing mailbox never connects). */
const TRANSIENT_MS = 60 * 60_000;

export function checkMailbox(ctx: CheckContext, blockers: CheckResult[] = []): CheckResult {
  const heartbeats = ctx.heartbeats();
  // One pass over weeks of heartbeats, sorted by the Exchange status they report.
  const general: HeartbeatFact[] = [];
  const autodiscover: HeartbeatFact[] = [];
  const version: HeartbeatFact[] = [];
  for (const h of heartbeats) {
    if (!h.exchange) continue;
    if (/^GeneralError$/i.test(h.exchange)) general.push(h);
    else if (/^AutodiscoveryError$/i.test(h.exchange)) autodiscover.push(h);
    else if (/^ServerVersionNotSupported$/i.test(h.exchange)) version.push(h);
  }
  const mailbox = ctx.of('mailbox')[0];
  const health = ctx.health('exchange');
  const graphMissing = mailbox && (mailbox.mailboxMissing === true || (mailbox.roomFound === false && mailbox.mailboxMissing !== false));
  const action = 'The room account has no room mailbox, so the room has no calendar. Ask your Exchange admin to create the room mailbox for this account (or convert its mailbox to a room).';
  const base = {
    id: 'mailbox' as const,
    health,
    blockers,
    aspect: 'exchange' as const,
    sources: ['srs', 'mailbox'] as ('srs' | 'mailbox')[],
    remedy: ['Create the room mailbox (New-Mailbox -Room -EnableRoomMailboxAccount $true) or, if the account has a user mailbox, convert it: Set-Mailbox <account> -Type Room.'],
  };

  if (general.length > 0) {
    // Exchange connected after the errors: the mailbox exists. A short spell of errors is a transient error, not a missing mailbox.
    const first = general[0]?.time ?? null;
    const last = general.reduce((a, h) => (h.lastTime > a ? h.lastTime : a), first ?? '');
    const recovered = ctx.recoveredAfter(last, health);
    const transient = recovered !== null && first !== null && Date.parse(last) - Date.parse(first) <= TRANSIENT_MS;
    return decide(ctx, {
      ...base,
      failures: general,
      describe: ({ count, span: s }) =>
        transient
          ? `A transient Exchange error, not a missing mailbox: heartbeats reported Exchange status GeneralError ${count}, ${s}, then Exchange connected again (it cannot connect to a mailbox that does not exist).`
          : recovered
            ? `Exchange reported GeneralError (often no room mailbox) ${count}, ${s}, then connected: the mailbox exists now.`
            : `Exchange found no mailbox for the account: heartbeats reported Exchange status GeneralError ${count}, ${s}.`,
      ...(recovered ? { remedy: ['If Exchange status GeneralError comes back and stays, check that the room mailbox exists for the account (Get-Mailbox <account> shows RecipientTypeDetails RoomMailbox).'] } : {}),
      passText: () => '',
      quietText: '',
      action: transient
        ? 'Exchange reported an error for a short while and then connected again: nothing to fix now. If it comes back and stays, ask your Exchange admin to check the room mailbox.'
        : action,
      extraEvidence: mailbox ? [mailbox.evidence] : [],
    });
  }
  if (graphMissing && mailbox) {
    const reasons = [
      mailbox.roomFound === false && 'no room with this address in the tenant\'s room list (/places)',
      mailbox.mailboxMissing === true && 'Exchange answered MailboxNotEnabledForRESTAPI (no mailbox)',
    ].filter(Boolean);
    return result(ctx, 'mailbox', {
      status: 'fail',
      summary: `The resource account has no usable room mailbox: ${reasons.join('; ')}.`,
      evidence: [mailbox.evidence],
      remedy: base.remedy,
      reason: { code: 'failing', text: `Microsoft Graph: ${reasons.join('; ')}.` },
      action,
    });
  }
  const discovery = [...autodiscover, ...version].sort((a, b) => compareText(a.time, b.time));
  const lastDiscovery = discovery.map((h) => h.lastTime).sort().at(-1) ?? null;
  if (discovery.length > 0 && !ctx.recoveredAfter(lastDiscovery, health)) {
    return result(ctx, 'mailbox', {
      status: 'warn',
      summary: `Exchange discovery trouble rather than a missing mailbox: ${autodiscover.length ? `AutodiscoveryError ${formatCount(weight(autodiscover))} times` : ''}${autodiscover.length && version.length ? ', ' : ''}${version.length ? `ServerVersionNotSupported ${formatCount(weight(version))} times` : ''}, ${span(discovery[0]?.time ?? null, lastDiscovery)}.`,
      evidence: selectEvidence(discovery),
      firstSeen: discovery[0]?.time,
      lastSeen: lastDiscovery,
      occurrences: weight(discovery),
      remedy: [
        'AutodiscoveryError points to autodiscover DNS records or, in Exchange hybrid, an on-premises mailbox that is not synchronised: check autodiscover.<domain> and the hybrid configuration.',
      ],
      reason: { code: 'risk', text: 'Exchange could not discover the mailbox; it may exist.' },
      action: 'The room cannot find its mailbox through Autodiscover. Ask your Exchange admin to check the autodiscover DNS record and, in hybrid, the mailbox synchronisation.',
    });
  }
  return decide(ctx, {
    ...base,
    failures: [],
    describe: () => '',
    history: [],
    passText: (last) =>
      last.what.startsWith('heartbeat')
        ? `The room mailbox answers: ${last.what.replace(/^heartbeat /, 'heartbeats report ')}, last at ${when(last.lastTime)}.`
        : `The room mailbox exists: ${last.what}.`,
    quietText: 'No heartbeat reported an Exchange mailbox error, but none showed Exchange connected either.',
  });
}
