// Check 6: does the room mailbox exist? (heartbeat Exchange status GeneralError; AutodiscoveryError is related;
// from Graph: the room in /places, Exchange in the account's plans, mailboxSettings)
import type { CheckResult } from '../model/analysis';
import { failureOutcome, result, selectEvidence, span, unknown, weight, when } from './compose';
import type { CheckContext } from './context';

export function checkMailbox(ctx: CheckContext): CheckResult {
  const heartbeats = ctx.heartbeats();
  const general = heartbeats.filter((h) => /^GeneralError$/i.test(h.exchange ?? ''));
  const autodiscover = heartbeats.filter((h) => /^AutodiscoveryError$/i.test(h.exchange ?? ''));
  const version = heartbeats.filter((h) => /^ServerVersionNotSupported$/i.test(h.exchange ?? ''));
  const mailbox = ctx.of('mailbox')[0];
  const account = ctx.of('account')[0];
  const exchangeHealthy = (h: { exchange: string | null }) => /^(Connected|Healthy|NotApplicable)$/i.test(h.exchange ?? '');

  if (general.length > 0) {
    return result(
      ctx,
      'mailbox',
      {
        ...failureOutcome(
          ctx,
          general,
          ({ count, span: s }) => `Exchange found no mailbox for the account: heartbeats reported Exchange status GeneralError ${count}, ${s}.`,
          ['Create the room mailbox (New-Mailbox -Room) or, if the account has a user mailbox, convert it: Set-Mailbox <account> -Type Room.'],
        ),
        // Recovery for this check is an Exchange connection, not any healthy heartbeat.
        recoveredAt: ctx.recoveredAfter(general.map((h) => h.lastTime).sort().at(-1) ?? null, exchangeHealthy),
      },
    );
  }
  const graphMissing = mailbox && (mailbox.roomFound === false || mailbox.mailboxMissing === true);
  if (graphMissing || account?.exchangePlanEnabled === false) {
    const reasons = [
      mailbox?.roomFound === false && 'no room with this address in the tenant\'s room list (/places)',
      mailbox?.mailboxMissing === true && 'Exchange answered MailboxNotEnabledForRESTAPI (no mailbox)',
      account?.exchangePlanEnabled === false && 'no enabled Exchange Online plan in the account\'s licenses',
    ].filter(Boolean);
    return result(ctx, 'mailbox', {
      status: 'fail',
      summary: `The resource account has no usable room mailbox: ${reasons.join('; ')}.`,
      evidence: [mailbox?.evidence, account?.evidence].filter((e): e is NonNullable<typeof e> => !!e),
      remedy: ['Create the room mailbox (New-Mailbox -Room -EnableRoomMailboxAccount $true) or convert the user mailbox to a room, and make sure the license includes Exchange Online.'],
    });
  }
  if (autodiscover.length > 0 || version.length > 0) {
    const list = [...autodiscover, ...version].sort((a, b) => a.time.localeCompare(b.time));
    const lastSeen = list.map((h) => h.lastTime).sort().at(-1) ?? null;
    return result(ctx, 'mailbox', {
      status: 'warn',
      summary: `Exchange discovery trouble rather than a missing mailbox: ${autodiscover.length ? `AutodiscoveryError ${weight(autodiscover)} times` : ''}${autodiscover.length && version.length ? ', ' : ''}${version.length ? `ServerVersionNotSupported ${weight(version)} times` : ''}, ${span(list[0]?.time ?? null, lastSeen)}.`,
      evidence: selectEvidence(list),
      firstSeen: list[0]?.time,
      lastSeen,
      occurrences: weight(list),
      remedy: [
        'AutodiscoveryError points to autodiscover DNS records or, in Exchange hybrid, an on-premises mailbox that is not synchronised: check autodiscover.<domain> and the hybrid configuration.',
      ],
    });
  }
  const connected = heartbeats.filter((h) => /^Connected$/i.test(h.exchange ?? ''));
  if (connected.length > 0 || (mailbox && mailbox.roomFound === true)) {
    const last = connected.at(-1);
    return result(ctx, 'mailbox', {
      status: 'pass',
      summary: connected.length > 0 ? `Heartbeats report Exchange status Connected (last at ${when(last?.lastTime)}).` : 'The account is listed as a room in the tenant.',
      evidence: [last?.evidence, mailbox?.evidence].filter((e): e is NonNullable<typeof e> => !!e),
    });
  }
  if (heartbeats.length > 0) {
    return result(ctx, 'mailbox', { status: 'pass', summary: 'No heartbeat reported an Exchange mailbox error.' });
  }
  return unknown(ctx, 'mailbox');
}
