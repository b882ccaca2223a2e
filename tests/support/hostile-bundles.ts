// Generators for the crafted bundles of issue 9, shared by the tests and `npm run bench`.
import { buildZip, type RawZipEntry } from './zip-builder';

/** Bytes that deflate ~350× : mostly zeros with a varying pair every 2 KiB (so no per-entry bomb check fires). */
export function compressibleBytes(size: number, seed = 1): Buffer {
  const b = Buffer.alloc(size);
  let x = seed >>> 0;
  for (let i = 0; i < size; i += 2048) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x & 255;
    if (i + 1 < size) b[i + 1] = (x >>> 8) & 255;
  }
  return b;
}

/** One real event-log-sized body and `count` more central entries pointing at the same bytes. */
export function overlapBomb(count: number, bodySize = 1024 * 1024): Buffer {
  const entries: RawZipEntry[] = [{ name: 'Windows/EventLog/log-0.evtx', data: compressibleBytes(bodySize) }];
  for (let i = 1; i < count; i++) entries.push({ name: `Windows/EventLog/log-${i}.evtx`, aliasOf: 0 });
  return buildZip(entries);
}

/** `count` honest 3 MiB entries, each under the per-entry floor; together hundreds of times the archive. */
export function smallEntryBomb(count: number): Buffer {
  const body = compressibleBytes(3 * 1024 * 1024);
  return buildZip(Array.from({ length: count }, (_, i) => ({ name: `App/Logs/part-${i}.log`, data: body })));
}
