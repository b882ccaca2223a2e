// The worker pool returns exactly what the single-threaded reader returns, in file order,
// and never keeps the process alive once closed. Needs the built worker (npm run build).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEvtx, type EvtxProblem, type EvtxRecord } from '../../main/evtx/index';
import { EvtxWorkerPool, readEvtxParallel } from '../../main/evtx-dump/index';
import { recordJson } from '../../main/cli/evtx-command';
import { resolveWorkerScript } from '../../main/fs/worker-script';
import { corpusSuite, loadOracle, repoRoot } from '../support/corpus';

/** Everything a user can see of a record: its JSON line (every field and value, as `evtx --format jsonl` writes it) and its XML; the event id to filter on. */
function view(r: EvtxRecord): unknown {
  return { eventId: r.eventId, json: recordJson(r), xml: r.xml() };
}

async function collect(records: AsyncIterable<EvtxRecord>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const r of records) out.push(view(r));
  return out;
}

// The larger files: more chunks than workers, damaged chunks, chunks past the header's count.
const large = loadOracle().filter((r) => r.bytes > 1_000_000);

corpusSuite('worker pool', () => {
  let pool: EvtxWorkerPool;
  beforeAll(() => {
    pool = new EvtxWorkerPool({ workers: 2, workerScript: resolveWorkerScript('evtx-worker.js') });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('finds the built worker script', () => {
    expect(existsSync(resolveWorkerScript('evtx-worker.js'))).toBe(true);
  });

  for (const row of large) {
    it(`${row.file}: same records as one thread`, async () => {
      const single = await collect(readEvtx(row.path));
      expect(single.length).toBe(row.records);
      expect(await collect(pool.read(row.path))).toEqual(single);
      expect(await collect(pool.read(row.path, { xml: 'eager', data: 'lazy' }))).toEqual(single);
    });
  }

  it('reports the same problems, and reads buffers, filters and two files at once', async () => {
    const row = large.find((r) => r.badDataCrc > 0 || r.badChunkMagic > 0);
    const other = large.find((r) => r !== row);
    if (!row || !other) throw new Error('corpus lacks damaged large files');
    const p1: EvtxProblem[] = [];
    const p2: EvtxProblem[] = [];
    const single = await collect(readEvtx(row.path, { onProblem: (p) => p1.push(p) }));
    const [a, b] = await Promise.all([collect(pool.read(row.path, { onProblem: (p) => p2.push(p) })), collect(pool.read(other.path))]);
    expect(a).toEqual(single);
    expect(b).toEqual(await collect(readEvtx(other.path)));
    expect(p2).toEqual(p1);
    const { readFileSync } = await import('node:fs');
    expect(await collect(pool.read(readFileSync(row.path)))).toEqual(single);
    const first = (single[0] as { eventId: number }).eventId;
    const filtered = await collect(pool.read(row.path, { filter: { eventIds: [first] } }));
    expect(filtered).toEqual(single.filter((r) => (r as { eventId: number }).eventId === first));
  });

  it('readEvtxParallel closes its own pool', async () => {
    const row = large[0];
    if (!row) throw new Error('no large corpus file');
    let n = 0;
    for await (const r of readEvtxParallel(row.path, { workers: 2 })) n += r.recordId > 0n ? 1 : 0;
    expect(n).toBe(row.records);
  });

  it('does not keep the process alive after close (or while idle)', () => {
    const lib = path.join(repoRoot, 'dist/lib/evtx.js');
    if (!existsSync(lib)) throw new Error('dist/lib/evtx.js is missing: run npm run build first');
    const row = large[0];
    if (!row) throw new Error('no large corpus file');
    const script = `
      const { EvtxWorkerPool } = require(${JSON.stringify(lib)});
      (async () => {
        const idle = new EvtxWorkerPool({ workers: 1 });
        const pool = new EvtxWorkerPool({ workers: 2 });
        let n = 0;
        for await (const r of pool.read(${JSON.stringify(row.path)})) n++;
        await pool.close();
        console.log(n);
      })();`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(String(row.records));
    expect(r.status).toBe(0);
  });
});
