// EvtxRecord.sameData lets the evidence reader skip decoding a record whose data repeats the last one of its
// event id (weeks of identical cache, API and heartbeat events). It must never say "same" for different data:
// a wrong "same" would put one record's account or error on another. Checked on every pair of records of the
// same event id in a row, over the whole corpus and a generated room log.
import { describe, expect, it } from 'vitest';
import { readEvtx, type EvtxRecord } from '../../main/evtx/index';
import { EvtxWriter } from '../../tools/evtx-writer';
import { aadNoise } from '../support/bundles/aad-events';
import { BOARDROOM } from '../support/bundles/device';
import { Prng } from '../support/prng';
import { corpusSuite, loadOracle } from '../support/corpus';

const dataOf = (r: EvtxRecord) => JSON.stringify(r.data, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));

/** Compares each record with the last one of its event id; counts the pairs said to be the same. */
async function pairs(source: string | Buffer): Promise<{ same: number; pairs: number }> {
  const last = new Map<number, { rec: EvtxRecord; data: string }>();
  let same = 0;
  let n = 0;
  for await (const rec of readEvtx(source, { name: 'log' })) {
    const data = dataOf(rec);
    const prev = last.get(rec.eventId);
    if (prev) {
      n += 1;
      expect(rec.sameData?.(rec)).toBe(true);
      if (rec.sameData?.(prev.rec)) {
        same += 1;
        expect(data, `record ${rec.recordId} said to repeat record ${prev.rec.recordId}`).toBe(prev.data);
      }
    }
    last.set(rec.eventId, { rec, data });
  }
  return { same, pairs: n };
}

describe('EvtxRecord.sameData', () => {
  it('finds the repeats of a room log, and only true ones', async () => {
    const rng = new Prng(11);
    const w = new EvtxWriter();
    for (let i = 0; i < 3000; i++) w.add(aadNoise(BOARDROOM, new Date(Date.UTC(2026, 9, 1) + i * 20_000).toISOString(), rng));
    const { same, pairs: n } = await pairs(Buffer.from(w.toBytes()));
    expect(n).toBeGreaterThan(2900);
    // Repeats exist in such a log; most are found (not across chunks, whose templates are their own).
    expect(same).toBeGreaterThan(n / 10);
  });

  corpusSuite('on the real-world corpus', () => {
    for (const row of loadOracle()) {
      it(`${row.file}: never the same for different data`, async () => {
        await pairs(row.path);
      });
    }
  });
});
