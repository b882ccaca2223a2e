// The memo behind heartbeat payloads and AAD event texts: texts that repeat are worked out once; a flood of
// distinct texts is never held (it once tripled the heap of a heartbeat flood).
import { describe, expect, it } from 'vitest';
import { RepeatMemo } from '../../main/evidence/repeat-memo';

describe('RepeatMemo', () => {
  it('remembers a text from its second offer, also when two texts alternate', () => {
    const m = new RepeatMemo<number>(10);
    m.offer('healthy', 1);
    expect(m.get('healthy')).toBeUndefined();
    m.offer('unhealthy', 2);
    m.offer('healthy', 1);
    m.offer('unhealthy', 2);
    expect(m.get('healthy')).toBe(1);
    expect(m.get('unhealthy')).toBe(2);
  });

  it('holds nothing from a flood of distinct texts', () => {
    const m = new RepeatMemo<number>(10);
    for (let i = 0; i < 10_000; i += 1) m.offer(`heartbeat ${i}`, i);
    for (let i = 0; i < 10_000; i += 1) expect(m.get(`heartbeat ${i}`)).toBeUndefined();
  });

  it('stays within its bound', () => {
    const m = new RepeatMemo<number>(3);
    for (const k of ['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd']) m.offer(k, k.charCodeAt(0));
    const kept = ['a', 'b', 'c', 'd'].filter((k) => m.get(k) !== undefined);
    expect(kept.length).toBeLessThanOrEqual(3);
    expect(m.get('d')).toBe(100);
  });
});
