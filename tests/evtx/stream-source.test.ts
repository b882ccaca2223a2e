// Reading an EVTX forward from a stream (issue 9: event logs read in place from the zip): the same
// records and problems as from the file on disk, over the whole corpus and through an inflating
// stream; a stream that ends or fails early gives a problem naming the file (no hang, no throw);
// stopping early destroys the stream; only a few reads' worth of bytes are pulled ahead.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readEvtx, readEvtxStats, streamSource, type EvtxProblem } from '../../main/evtx/index';
import { readEvtxXml } from '../../main/evtx-dump/index';
import { EvtxWriter } from '../../tools/evtx-writer';
import { aadNoise } from '../support/bundles/aad-events';
import { BOARDROOM } from '../support/bundles/device';
import { Prng } from '../support/prng';
import { corpusSuite, loadOracle } from '../support/corpus';

const oracle = loadOracle();

interface Read {
  records: string[];
  problems: EvtxProblem[];
}

/** Every record as id + XML, and every problem. */
async function readAll(source: Parameters<typeof readEvtx>[0], name: string): Promise<Read> {
  const problems: EvtxProblem[] = [];
  const records: string[] = [];
  for await (const r of readEvtx(source, { name, onProblem: (p) => problems.push(p) })) records.push(`${r.recordId} ${r.time} ${r.xml()}`);
  return { records, problems };
}

/** A stream of `bytes` in pieces of `piece` bytes, stopping after `stopAt` bytes (then ending, or failing with `fail`). */
function piecewise(bytes: Buffer, piece: number, stopAt = bytes.length, fail?: Error): Readable & { pulled: number } {
  let at = 0;
  const stream = new Readable({
    highWaterMark: piece,
    read() {
      if (at >= stopAt) {
        if (fail) this.destroy(fail);
        else this.push(null);
        return;
      }
      const end = Math.min(stopAt, at + piece);
      stream.pulled = end;
      this.push(bytes.subarray(at, end));
      at = end;
    },
  }) as Readable & { pulled: number };
  stream.pulled = 0;
  return stream;
}

/** A small AAD log of `n` records (several chunks). */
function aadLog(n: number): Buffer {
  const rng = new Prng(7);
  const w = new EvtxWriter();
  for (let i = 0; i < n; i++) w.add(aadNoise(BOARDROOM, new Date(Date.UTC(2026, 9, 1) + i * 20_000).toISOString(), rng));
  return Buffer.from(w.toBytes());
}

corpusSuite('streamSource over the corpus', () => {
  for (const row of oracle) {
    it(`${row.file}: same records and problems as from disk`, async () => {
      const fromDisk = await readAll(row.path, row.file);
      expect(fromDisk.records.length).toBe(row.records);
      // Odd-sized pieces: reads never line up with what the stream hands over.
      const stream = createReadStream(row.path, { highWaterMark: 7919 });
      expect(await readAll(streamSource(stream, statSync(row.path).size), row.file)).toEqual(fromDisk);

      const stats = await readEvtxStats(streamSource(createReadStream(row.path), row.bytes), { name: row.file });
      expect(stats).toEqual(await readEvtxStats(row.path, { name: row.file }));
    });
  }

  it('reads a log as it is inflated (a zip entry), and dumps the same XML bytes', async () => {
    const row = oracle.find((r) => r.file.endsWith('omerbenamram-evtx/samples/security.evtx'));
    if (!row) throw new Error('corpus file security.evtx missing');
    const bytes = readFileSync(row.path);
    const deflated = zlib.deflateRawSync(bytes);
    const inflating = () => Readable.from([deflated]).pipe(zlib.createInflateRaw());
    expect(await readAll(streamSource(inflating(), bytes.length), row.file)).toEqual(await readAll(row.path, row.file));
    const dumped: Buffer[] = [];
    for await (const b of readEvtxXml(streamSource(inflating(), bytes.length))) dumped.push(b);
    const fromDisk: Buffer[] = [];
    for await (const b of readEvtxXml(row.path)) fromDisk.push(b);
    expect(Buffer.concat(dumped).equals(Buffer.concat(fromDisk))).toBe(true);
  });
});

describe('a stream that ends or fails early', () => {
  const log = aadLog(1200);
  const chunkEnd = 4096 + 65536;
  // Inside the header, right after it, at a chunk boundary, inside a chunk, one byte short.
  for (const cut of [100, 4095, 4096, chunkEnd, chunkEnd + 3000, log.length - 1]) {
    it(`cut after ${cut} bytes: the records before the cut, and a problem naming the file`, { timeout: 10_000 }, async () => {
      const name = 'Microsoft-Windows-AAD_Operational.evtx';
      const got = await readAll(streamSource(piecewise(log, 5000, cut), log.length), name);
      // The same as reading the bytes that came, except for the stream's own problem.
      const truncated = await readAll(log.subarray(0, cut), name);
      expect(got.records).toEqual(truncated.records);
      const streamProblems = got.problems.filter((p) => p.message.includes('its stream ended'));
      expect(streamProblems).toEqual([
        expect.objectContaining({ kind: 'truncated-file', file: name, offset: cut, message: `${name} is truncated: its stream ended after ${cut} of ${log.length} bytes` }),
      ]);
      expect(got.problems.filter((p) => !p.message.includes('its stream ended'))).toEqual(truncated.problems.filter((p) => p.kind !== 'truncated-file'));
    });
  }

  it('a failing stream (a corrupt zip entry): records before the failure, then a problem with its error', { timeout: 10_000 }, async () => {
    const got = await readAll(streamSource(piecewise(log, 4096, chunkEnd * 2, new Error('invalid distance too far back')), log.length), 'AAD.evtx');
    expect(got.records.length).toBeGreaterThan(0);
    expect(got.problems).toContainEqual(
      expect.objectContaining({ kind: 'truncated-file', file: 'AAD.evtx', message: `AAD.evtx is truncated: its stream failed: invalid distance too far back after ${chunkEnd * 2} of ${log.length} bytes` }),
    );
    const stats = await readEvtxStats(streamSource(piecewise(log, 4096, 2000, new Error('boom')), log.length), { name: 'AAD.evtx' });
    expect(stats.records).toBe(0);
    expect(stats.problems).toEqual([expect.objectContaining({ kind: 'truncated-file', bytes: 2000, message: `AAD.evtx is truncated: its stream failed: boom after 2000 of ${log.length} bytes` })]);
  });
});

describe('streamSource resources', () => {
  const log = aadLog(6000);

  it('pulls only a few reads ahead of the records handed out', async () => {
    const stream = piecewise(log, 16384);
    const it = readEvtx(streamSource(stream, log.length));
    await it.next();
    await new Promise((r) => setTimeout(r, 50));
    // The file is several MB; the reader holds its current 512 KiB run and the next.
    expect(log.length).toBeGreaterThan(3 * 1024 * 1024);
    expect(stream.pulled).toBeLessThanOrEqual(4096 + 2 * 8 * 65536 + 16384 * 2);
    await it.return?.();
  });

  it('a stream destroyed by someone else ends the read with a problem, not a hang', { timeout: 10_000 }, async () => {
    const stream = piecewise(log, 4096);
    const problems: EvtxProblem[] = [];
    let n = 0;
    for await (const r of readEvtx(streamSource(stream, log.length), { name: 'AAD.evtx', onProblem: (p) => problems.push(p) })) {
      expect(r.recordId).toBeTypeOf('bigint');
      if (++n === 1) stream.destroy();
    }
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'truncated-file', message: expect.stringContaining('its stream failed: the stream closed before its end') }));
  });

  it('destroys the stream when the consumer stops early', async () => {
    const stream = piecewise(log, 16384);
    for await (const r of readEvtx(streamSource(stream, log.length))) {
      expect(r.recordId).toBeTypeOf('bigint');
      break;
    }
    expect(stream.destroyed).toBe(true);
  });

  it('refuses to read backwards', async () => {
    const src = streamSource(piecewise(log, 16384), log.length);
    expect((await src.read(200_000, 10)).length).toBe(10);
    await expect(src.read(0, 10)).rejects.toThrow(/cannot read back to offset 0/);
    await src.close();
  });
});
