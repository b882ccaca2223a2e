// Real-shaped event logs for the EVTX benchmark (issue 12): an AAD Operational log of the token broker's
// noise with an MFA failure every ninth record, and a Skype Room System log of heartbeats (every third one
// unhealthy), written record by record with our EVTX writer, as make-big-bundle does. Deterministic.
//   node dist/tools/make-real-evtx.js <aad.evtx> <aadRecords> <srs.evtx> <srsRecords>
import { EvtxFileWriter } from '../../tools/evtx-writer';
import { aadError, aadNoise } from '../../tests/support/bundles/aad-events';
import { BOARDROOM } from '../../tests/support/bundles/device';
import { Prng } from '../../tests/support/prng';
import { heartbeat, HEALTHY } from '../../tests/support/bundles/srs-events';
import type { EvtxEventInput } from '../../tools/evtx-writer';

const START = Date.parse('2026-10-01T00:00:00Z');
const at = (i: number, stepMs: number): string => new Date(START + i * stepMs).toISOString();

async function write(file: string, records: number, make: (i: number) => EvtxEventInput): Promise<void> {
  const w = await EvtxFileWriter.create(file, { firstRecordId: 1000 });
  try {
    for (let i = 0; i < records; i += 1) await w.add(make(i));
  } finally {
    await w.close();
  }
}

export async function makeRealEvtx(aadFile: string, aadRecords: number, srsFile: string, srsRecords: number): Promise<void> {
  const rng = new Prng(42);
  await write(aadFile, aadRecords, (i) => (i % 9 === 0 ? aadError(BOARDROOM, at(i, 20_000), '50076', rng) : aadNoise(BOARDROOM, at(i, 20_000), rng)));
  await write(srsFile, srsRecords, (i) =>
    heartbeat(BOARDROOM, at(i, 60_000), i % 3 === 0 ? { ...HEALTHY, exchange: '80131500 : AADSTS50076', teams: 'Unhealthy' } : HEALTHY),
  );
}

if (require.main === module) {
  const [aad, aadN, srs, srsN] = process.argv.slice(2);
  if (!aad || !srs) {
    console.error('usage: make-real-evtx <aad.evtx> <records> <srs.evtx> <records>');
    process.exitCode = 2;
  } else {
    makeRealEvtx(aad, Number(aadN ?? 150_000), srs, Number(srsN ?? 75_000)).catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
  }
}
