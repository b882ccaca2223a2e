// The heartbeat facts of one bundle within a memory budget: weeks of five-minute heartbeats, of which the
// newest decide today's verdict.
import type { HeartbeatFact } from '../model/facts';
import { compareText } from '../model/order';

/**
 * What the heartbeat facts of one bundle may hold in memory, estimated: a fact's own fields, plus its excerpt
 * when no other kept fact shares it. A flapping room (healthy, unhealthy, healthy …) shares a few texts among
 * hundreds of thousands of facts and fits whole; a flood of distinct texts keeps about 60,000 (over half a
 * year of five-minute beats even if every one differed). Beyond it the oldest are counted, not kept.
 */
export const MAX_HEARTBEAT_BYTES_PER_BUNDLE = 48 * 1024 * 1024;
/** A heartbeat fact's own objects and short strings (time, locator, statuses), measured in a heap snapshot. */
const HEARTBEAT_FACT_BYTES = 320;

/**
 * The newest heartbeat facts of a bundle, by time, within a memory budget. Today's verdict rests on the
 * newest evidence; the oldest facts beyond the budget are dropped a fifth at a time (memory stays within
 * 1.25× the budget) and what was dropped is said in a warning.
 */
export class HeartbeatWindow {
  private facts: HeartbeatFact[] = [];
  private bytes = 0;
  /** Excerpts of kept facts and how many share each: a shared text costs once. */
  private readonly texts = new Map<string, number>();
  dropped = { facts: 0, beats: 0, from: null as string | null, to: null as string | null };

  constructor(private readonly capBytes = MAX_HEARTBEAT_BYTES_PER_BUNDLE) {}

  add(f: HeartbeatFact): void {
    this.facts.push(f);
    const shared = this.texts.get(f.evidence.excerpt) ?? 0;
    this.texts.set(f.evidence.excerpt, shared + 1);
    this.bytes += HEARTBEAT_FACT_BYTES + (shared ? 0 : 2 * f.evidence.excerpt.length);
    if (this.bytes > this.capBytes * 1.25) this.trim();
  }

  private trim(): void {
    if (this.bytes <= this.capBytes) return;
    this.facts.sort((a, b) => compareText(a.time, b.time));
    let n = 0;
    while (this.bytes > this.capBytes && n < this.facts.length - 1) {
      const f = this.facts[n++] as HeartbeatFact;
      const shared = (this.texts.get(f.evidence.excerpt) ?? 1) - 1;
      if (shared) this.texts.set(f.evidence.excerpt, shared);
      else this.texts.delete(f.evidence.excerpt);
      this.bytes -= HEARTBEAT_FACT_BYTES + (shared ? 0 : 2 * f.evidence.excerpt.length);
      this.dropped.facts += 1;
      this.dropped.beats += f.count;
      if (!this.dropped.from || f.time < this.dropped.from) this.dropped.from = f.time;
      if (!this.dropped.to || f.lastTime > this.dropped.to) this.dropped.to = f.lastTime;
    }
    this.facts.splice(0, n);
  }

  /** The kept facts, within the budget. */
  done(): HeartbeatFact[] {
    this.trim();
    return this.facts;
  }
}
