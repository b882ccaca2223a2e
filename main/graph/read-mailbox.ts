// Whether the account has a room mailbox: listed in /places as a room, and (when Graph lets us ask)
// mailboxSettings not answering MailboxNotEnabledForRESTAPI. The Exchange plan is on the AccountFact.
import type { MailboxFact } from '../model/facts';
import { graphErrorCode } from './read-failure';
import { graphEvidence } from './provenance';
import type { GraphRun } from './graph-run';
import { roomSchema, type GraphRoom, type GraphUser } from './payload-schemas';

export const PLACES = '/places/microsoft.graph.room';

export async function readMailbox(run: GraphRun, upn: string, user: GraphUser | null): Promise<void> {
  run.begin('mailbox');
  const rooms = await run.attempt(`graph:${PLACES}`, 'The tenant\'s room list', 'Place.Read.All', () =>
    run.getAll(run.api(PLACES), roomSchema),
  );
  if (rooms) run.sources.graphMailbox = true;

  // Reading another user's mailboxSettings needs MailboxSettings.Read, which MTR Doctor does not ask for, so a
  // 403 is the normal answer and says nothing. Exchange answers "no mailbox" before checking that, though.
  const userKey = user?.id ?? upn;
  const settings = await run.attempt<'present' | 'missing' | 'unknown'>(
    `graph:/users/${userKey}/mailboxSettings`,
    'Mailbox settings',
    'MailboxSettings.Read',
    async () => {
      await run.api(`/users/${encodeURIComponent(userKey)}/mailboxSettings`).get();
      return 'present';
    },
    (error) => (graphErrorCode(error) === 'MailboxNotEnabledForRESTAPI' ? 'missing' : 'unknown'),
  );
  const mailboxMissing = settings === 'missing' ? true : settings === 'present' ? false : null;
  const fact = mailboxFact(upn, user, rooms?.items ?? null, mailboxMissing);
  if (fact) run.facts.push(fact);
}

/** Whether the account is in the room list (null: list not read) and has a mailbox, as the checks read it. */
export function mailboxFact(upn: string, user: GraphUser | null, rooms: GraphRoom[] | null, mailboxMissing: boolean | null): MailboxFact | null {
  if (!rooms && mailboxMissing === null) return null;
  const addresses = new Set([upn, user?.mail].filter((a): a is string => !!a).map((a) => a.toLowerCase()));
  const room = rooms?.find((r) => r.emailAddress && addresses.has(r.emailAddress.toLowerCase())) ?? null;

  const excerpt = [
    rooms
      ? room
        ? `Room "${room.displayName ?? room.emailAddress}" (${room.emailAddress}) is in the room list`
        : `No room with address ${[...addresses].join(' or ')} among ${rooms.length} rooms`
      : 'Room list not read',
    mailboxMissing === true ? 'mailboxSettings: MailboxNotEnabledForRESTAPI (no mailbox)' : mailboxMissing === false ? 'mailboxSettings answered (mailbox exists)' : null,
  ]
    .filter(Boolean)
    .join('; ');
  const fact: MailboxFact = {
    kind: 'mailbox',
    roomFound: rooms ? room !== null : null,
    mailboxMissing,
    roomEmailAddress: room?.emailAddress ?? null,
    evidence: graphEvidence(PLACES, `emailAddress ${[...addresses].join(', ')}`, null, excerpt, room ?? undefined),
  };
  return fact;
}
