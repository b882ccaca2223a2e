// What was worked out from a text, for texts that repeat (heartbeat payloads, cache and API event texts).
// A text is remembered only once it has been seen twice lately: a flood of distinct texts (each seen once)
// then passes through a short ring instead of filling the memo with entries that live just long enough to
// be promoted to the old generation and die there, which tripled the heap of a heartbeat flood.

/** How many recent texts a repeat is looked for among. */
const RECENT = 8;

export class RepeatMemo<V> {
  private readonly known = new Map<string, V>();
  private readonly recent: string[] = [];
  private next = 0;

  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    return this.known.get(key);
  }

  /** Remembers `value` for `key` when `key` was offered lately too. */
  offer(key: string, value: V): void {
    if (this.recent.includes(key)) {
      if (this.known.size >= this.max) this.known.clear();
      this.known.set(key, value);
      return;
    }
    this.recent[this.next] = key;
    this.next = (this.next + 1) % RECENT;
  }
}
