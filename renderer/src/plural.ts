// Counted nouns for the wizard ("1 event log", "2,048 files").
import { formatCount } from '../../main/model/display-format';

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
