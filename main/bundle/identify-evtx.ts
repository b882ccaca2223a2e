// Identifies an event log by the channel and provider inside its first record, not by its file name, and says
// what its file header and first chunk show to be damaged (cut short, a bad header), without reading further.
import type { EvtxIdentifier } from './open-bundle';
import type { EvtxProblem } from '../evtx/types';
import { formatCount } from '../model/display-format';

export const identifyEvtx: EvtxIdentifier = async (head, name, size) => {
  const { inspectEvtxHead } = await import('../evtx/index');
  const { peek, problems } = await inspectEvtxHead(head, name, size);
  return { id: peek ? { channel: peek.channel, provider: peek.provider } : null, damage: problems.length > 0 ? damageText(name, problems) : null };
};

/** The damage in one line naming the file: the reader's findings, those about the first chunk said to be so. */
function damageText(name: string, problems: EvtxProblem[]): string {
  const said = problems.slice(0, 3).map((p) => (p.message.startsWith(name) ? p.message : `${name}: its first chunk is damaged (${p.message})`));
  const more = problems.length > 3 ? ` (and ${formatCount(problems.length - 3)} more)` : '';
  return `${said.join('; ')}${more}.`;
}
