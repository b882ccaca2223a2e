// The reader against the real corpus: exact record counts from ORACLE.tsv (libevtx's count,
// confirmed by an independent structural walk) and the damage the oracle's chunk columns show.
import { expect, it } from 'vitest';
import { readEvtx, readEvtxStats, type EvtxProblem } from '../../main/evtx/index';
import { corpusSuite, loadOracle } from '../support/corpus';

const oracle = loadOracle();

function count(problems: EvtxProblem[], kind: EvtxProblem['kind']): number {
  return problems.filter((p) => p.kind === kind).length;
}

corpusSuite('reader on the corpus', () => {
  it('has the corpus', () => {
    expect(oracle.length).toBeGreaterThanOrEqual(29);
  });

  for (const row of oracle) {
    it(`${row.file}: ${row.records} records, damage as the oracle says`, async () => {
      const problems: EvtxProblem[] = [];
      const chunkIndexes = new Set<number>();
      let records = 0;
      for await (const r of readEvtx(row.path, { onProblem: (p) => problems.push(p) })) {
        records++;
        chunkIndexes.add(r.chunkIndex);
      }
      expect(records).toBe(row.records);

      const stats = await readEvtxStats(row.path);
      expect(stats.records).toBe(row.records);
      expect(stats.problems).toEqual(problems);

      expect(count(problems, 'bad-chunk-signature')).toBe(row.badChunkMagic);
      if (row.format === '3.2') {
        // Version 3.2 files flagged "no CRC32" keep no checksums. The oracle counts every chunk of
        // them as a CRC mismatch; the reader does not check (and so does not report) them.
        expect(count(problems, 'bad-chunk-header-crc') + count(problems, 'bad-chunk-data-crc')).toBe(0);
      } else {
        expect(count(problems, 'bad-chunk-header-crc')).toBe(row.badHeaderCrc);
        expect(count(problems, 'bad-chunk-data-crc')).toBe(row.badDataCrc);
      }
      for (const p of problems) {
        expect(p.file).toBe(row.path);
        if (p.kind.startsWith('bad-chunk')) expect(p.chunkIndex).toBeTypeOf('number');
      }
      // Dirty files: chunks past the header's count hold records, and they are read.
      if (stats.chunks > row.chunksInHeader) expect(Math.max(...chunkIndexes)).toBeGreaterThanOrEqual(row.chunksInHeader);
      expect(count(problems, 'bad-binxml')).toBe(0);
      expect(count(problems, 'not-evtx')).toBe(0);
    });
  }
});
