// Counted nouns for the wizard ("1 event log", "2,048 files").
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
