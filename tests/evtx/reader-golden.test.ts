// XML stays byte-identical on the real corpus: every record's xml(), in file order, hashed per file
// and compared with the hashes in golden/corpus-xml.json (made by the reader before its speed work;
// rewrite them with MTR_EVTX_GOLDEN=write only after checking a change in output is intended).
// Issue 23 changed five files' hashes, and only by escaping their controls (U+0001, U+0003, U+200E):
// every record's new xml() was checked to equal xmlControls() (main/evtx/xml-escape.ts) of the old one.
// No record's XML carries a raw control or bidi character (tests/support/raw-controls.ts).
// The CLI's XML dump (readEvtxXml, one thread and workers) and the worker pool give the same bytes as xml().
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readEvtx, type EvtxProblem } from '../../main/evtx/index';
import { readEvtxParallel, readEvtxXml } from '../../main/evtx-dump/index';
import { makeRealEvtx } from '../../scripts/bench/make-real-evtx';
import { CORPUS_SKIPPED, loadOracle } from '../support/corpus';
import { rawControls } from '../support/raw-controls';

const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden/corpus-xml.json');
const oracle = loadOracle();

interface Golden {
  records: number;
  xmlSha256: string;
  problems: string[];
}

/** The dump's bytes, hashed as xmlOf hashes the strings (UTF-8). */
async function dumpOf(blocks: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const b of blocks) hash.update(b);
  return hash.digest('hex');
}

async function xmlOf(records: AsyncIterable<{ xml(): string }>): Promise<{ records: number; xmlSha256: string }> {
  const hash = createHash('sha256');
  let n = 0;
  for await (const r of records) {
    const xml = r.xml();
    hash.update(xml);
    expect(rawControls(xml), `record ${n + 1}`).toEqual([]);
    n++;
  }
  return { records: n, xmlSha256: hash.digest('hex') };
}

const problemText = (p: EvtxProblem): string => `${p.kind} ${p.chunkIndex ?? ''} ${p.offset ?? ''} ${p.message}`;

describe('XML on the corpus matches the golden hashes', () => {
  const write = process.env.MTR_EVTX_GOLDEN === 'write';
  const golden: Record<string, Golden> = existsSync(GOLDEN) ? (JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, Golden>) : {};
  const made: Record<string, Golden> = {};

  const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-golden-'));
  const generated = [
    { file: 'generated/aad.evtx', path: path.join(dir, 'aad.evtx'), records: 3000 },
    { file: 'generated/srs.evtx', path: path.join(dir, 'srs.evtx'), records: 1500 },
  ];
  const ready = makeRealEvtx(generated[0]?.path ?? '', 3000, generated[1]?.path ?? '', 1500);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    if (write) writeFileSync(GOLDEN, `${JSON.stringify(made, null, 1)}\n`);
  });

  if (CORPUS_SKIPPED) it.skip('the real-world corpus files [skipped: no real-world EVTX corpus here; the generated logs still run]', () => undefined);
  for (const row of [...oracle, ...generated]) {
    it(`${row.file}`, async () => {
      await ready;
      const problems: EvtxProblem[] = [];
      const got = { ...(await xmlOf(readEvtx(row.path, { name: row.file, onProblem: (p) => problems.push(p) }))), problems: problems.map(problemText) };
      expect(got.records).toBe(row.records);
      if (write) {
        made[row.file] = got;
        return;
      }
      expect(got).toEqual(golden[row.file]);
      const pooled = await xmlOf(readEvtxParallel(row.path, { workers: 2, xml: 'eager', name: row.file }));
      expect(pooled).toEqual({ records: got.records, xmlSha256: got.xmlSha256 });
      // The CLI's dump: on this thread, and rendered by workers.
      const dumpProblems: EvtxProblem[] = [];
      expect(await dumpOf(readEvtxXml(row.path, { name: row.file, onProblem: (p) => dumpProblems.push(p) }))).toBe(got.xmlSha256);
      expect(dumpProblems.map(problemText)).toEqual(got.problems);
      expect(await dumpOf(readEvtxXml(row.path, { name: row.file, workers: 2 }))).toBe(got.xmlSha256);
    });
  }
});
