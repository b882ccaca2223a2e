// Damage the fuzz run found: a file cut inside its 4 KiB header, and records whose template renders to
// nothing. Both are reported, and the XML output lists every record the JSON output lists.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEvtxCommand } from '../../main/cli/evtx-command';
import { readEvtx, readEvtxStats, type EvtxProblem } from '../../main/evtx/index';
import { captureCli } from '../support/capture-cli';
import { evtxFile, evtxHeader, RECORD_BINXML, u16, u32 } from '../support/evtx-handmade';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-evtx-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => captureCli((io) => runEvtxCommand(args, io));

describe('an EVTX file cut inside its file header', () => {
  it('is reported as truncated with its bytes counted unreadable, and the CLI refuses it', async () => {
    const file = path.join(dir, 'cut.evtx');
    writeFileSync(file, evtxHeader(12).subarray(0, 1800));
    const problems: EvtxProblem[] = [];
    const records = [];
    for await (const r of readEvtx(file, { onProblem: (p) => problems.push(p) })) records.push(r);
    expect(records).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        kind: 'truncated-file',
        bytes: 1800,
        message: `${file} is truncated: it ends after 1800 bytes, inside its 4096-byte file header; its header declares 12 chunks`,
      }),
    ]);
    const stats = await readEvtxStats(file);
    expect(stats.unreadableBytes).toBe(1800);
    expect(stats.records).toBe(0);

    const r = await cli([file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('cut.evtx is truncated: it ends after 1800 bytes');
  });

  it('counts the bytes of blocks that are not chunks as unreadable', async () => {
    const good = evtxFile([Buffer.from([0x0f, 1, 1, 0, 0x00])]);
    const junk = Buffer.alloc(65536, 0x5a);
    const stats = await readEvtxStats(Buffer.concat([good, junk]));
    expect(stats.problems.map((p) => p.kind)).toContain('bad-chunk-signature');
    expect(stats.unreadableBytes).toBe(65536);
  });
});

describe('a record whose template renders nothing', () => {
  it('still appears in the XML output, as in JSON lines, with its record id', async () => {
    // The record's template instance points at a definition with an empty body (a mutated offset lands on
    // such bytes): one value, no elements.
    const instanceAt = RECORD_BINXML + 4;
    const defAt = instanceAt + 10;
    const definition = Buffer.concat([u32(0), Buffer.alloc(16, 7), u32(1), Buffer.from([0x00])]);
    const value = Buffer.from('hello\0', 'utf16le');
    const record = Buffer.concat([Buffer.from([0x0f, 1, 1, 0, 0x0c, 0x01]), u32(1), u32(defAt), definition, u32(1), u16(value.length), Buffer.from([0x01, 0]), value, Buffer.from([0x00])]);
    const file = path.join(dir, 'empty-template.evtx');
    writeFileSync(file, evtxFile([record, record]));

    const jsonl = await cli([file]);
    const xml = await cli([file, '--format', 'xml']);
    expect(jsonl.code).toBe(0);
    expect(xml.code).toBe(0);
    const ids = jsonl.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { recordId: string }).recordId);
    expect(ids).toEqual(['1', '2']);
    expect([...xml.stdout.matchAll(/<EventRecordID>(\d+)<\/EventRecordID>/g)].map((m) => m[1])).toEqual(ids);
    expect(xml.stdout).toContain('<!-- binary XML of this record renders no elements -->');
  });
});
