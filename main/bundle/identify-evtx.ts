// Identifies an event log by the channel and provider inside its first record, not by its file name.
import type { EvtxIdentifier } from './open-bundle';

export const identifyEvtx: EvtxIdentifier = async (head, name) => {
  const { peekEvtx } = await import('../evtx/index');
  const peek = await peekEvtx(head, { name });
  return peek ? { channel: peek.channel, provider: peek.provider } : null;
};
