// A bundle whose text carries terminal escapes and bidi overrides (issue 23.3): the 'mixed' sample with HOSTILE
// in the device's name (every log), its Teams log lines and its AAD events' data. Used by the CLI and app tests.
import { buildEvtx, type EvtxEventInput } from '../../../tools/evtx-writer';
import { aadError } from './aad-events';
import { scenarioFiles } from './build';
import { BOARDROOM } from './device';
import { scenario, START } from './scenarios';
import { Prng } from '../prng';
import { buildZip } from '../zip-builder';

/** An OSC title change ended by BEL, a screen clear, a C1 CSI and a right-to-left override. */
export const HOSTILE = '\u001b]0;owned\u0007\u001b[2J\u009b31m\u202eexe.txt';
/** The same as printable() shows it (the sheet, stderr). */
export const VISIBLE = '\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\u202eexe.txt';
/** The same as the XML shows it: C0 visible, the rest as references (main/evtx/xml-escape.ts). */
export const XML_FORM = '\\x1b]0;owned\\x07\\x1b[2J&#x9b;31m&#x202e;exe.txt';

/** The 'mixed' sample bundle with HOSTILE in the device's name (every log), its Teams log lines and its AAD events' data. */
export function hostileBundle(): Buffer {
  const device = { ...BOARDROOM, computer: `MTR${HOSTILE}` };
  const files = scenarioFiles({ ...scenario('mixed'), device });
  const rng = new Prng(23);
  const aad: EvtxEventInput[] = [];
  for (let i = 0; i < 40; i++) {
    const e = aadError(device, new Date(Date.parse(START) + 12 * 3_600_000 + i * 15 * 60_000).toISOString(), '53003', rng);
    e.data = (e.data ?? []).map((d) => (typeof d.value === 'string' ? { ...d, value: d.value.replace('AADSTS53003:', `AADSTS53003: ${HOSTILE}`).replace(/^Error: /, `Error: ${HOSTILE} `) } : d));
    aad.push(e);
  }
  return buildZip(
    files.map((f) => {
      if (/AAD_Operational\.evtx$/.test(f.path)) return { name: f.path, data: Buffer.from(buildEvtx(aad, { firstRecordId: 500 })) };
      if (f.path === 'App/Microsoft/Teams/Logs.txt') return { name: f.path, data: Buffer.from(f.data.toString('utf8').replace(/errorState: licenseError/g, `errorState: licenseError ${HOSTILE}`)) };
      return { name: f.path, data: f.data };
    }),
  );
}
