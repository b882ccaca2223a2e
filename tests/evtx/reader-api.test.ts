// peekEvtx, filters, readEvtx on buffers, non-EVTX input and aborting.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { peekEvtx, readEvtx, readEvtxChunk, readEvtxStats, type EvtxFilter, type EvtxProblem, type EvtxRecord } from '../../main/evtx/index';
import { CORPUS_SKIPPED, corpusSuite, corpusDir, loadOracle } from '../support/corpus';

const oracle = loadOracle();

function byName(suffix: string): string {
  const row = oracle.find((r) => r.file.endsWith(suffix));
  if (!row) {
    // Suites are collected even when skipped: without the corpus, a name that is never read.
    if (CORPUS_SKIPPED) return '';
    throw new Error(`corpus file ${suffix} missing`);
  }
  return row.path;
}

async function all(source: string | Uint8Array, filter?: EvtxFilter): Promise<EvtxRecord[]> {
  const out: EvtxRecord[] = [];
  for await (const r of readEvtx(source, { filter })) out.push(r);
  return out;
}

corpusSuite('peekEvtx', () => {
  for (const row of oracle) {
    it(`${row.file}: channel, provider and computer of the first record`, async () => {
      let first: EvtxRecord | undefined;
      for await (const r of readEvtx(row.path)) {
        first = r;
        break;
      }
      const peek = await peekEvtx(row.path);
      expect(peek).toEqual({ channel: first?.channel, provider: first?.provider, computer: first?.computer });
      expect(peek?.channel).not.toBe('');
    });
  }

  it('needs only the file header and the first chunk (what the bundle reader passes it)', async () => {
    const file = byName('/sysmon.evtx');
    const head = readFileSync(file).subarray(0, 4096 + 65536);
    expect(await peekEvtx(head, { name: 'sysmon.evtx' })).toEqual(await peekEvtx(file));
    expect(await peekEvtx(head)).toEqual({ channel: 'Microsoft-Windows-Sysmon/Operational', provider: 'Microsoft-Windows-Sysmon', computer: expect.any(String) });
  });

  it('returns null for what is not an event log', async () => {
    expect(await peekEvtx(path.join(corpusDir(), 'ORACLE.tsv'))).toBeNull();
    expect(await peekEvtx(new Uint8Array(100))).toBeNull();
    expect(await peekEvtx(path.join(corpusDir(), 'no-such-file.evtx'))).toBeNull();
  });
});

corpusSuite('filter', () => {
  const file = byName('omerbenamram-evtx/samples/security.evtx');

  it('returns exactly the matching records of an unfiltered pass, with the same content', async () => {
    const everything = await all(file);
    const ids = [4624, 4672];
    const filtered = await all(file, { eventIds: ids });
    const expected = everything.filter((r) => ids.includes(r.eventId));
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(everything.length);
    expect(filtered.map((r) => r.recordId)).toEqual(expected.map((r) => r.recordId));
    expect(filtered.map((r) => r.xml())).toEqual(expected.map((r) => r.xml()));
    expect(filtered.map((r) => r.data)).toEqual(expected.map((r) => r.data));
  });

  it('matches channels and providers case-insensitively, and combines criteria', async () => {
    const everything = await all(file);
    const provider = everything[0]?.provider ?? '';
    expect((await all(file, { channels: ['SECURITY'] })).length).toBe(everything.filter((r) => r.channel === 'Security').length);
    expect((await all(file, { providers: [provider.toLowerCase()] })).length).toBe(everything.filter((r) => r.provider === provider).length);
    expect(await all(file, { channels: ['System'] })).toEqual([]);
    const both = await all(file, { providers: [provider], eventIds: [4624] });
    expect(both.map((r) => r.recordId)).toEqual(everything.filter((r) => r.provider === provider && r.eventId === 4624).map((r) => r.recordId));
  });

  it('applies in the synchronous chunk core too', () => {
    const bytes = readFileSync(file).subarray(4096, 4096 + 65536);
    const full = readEvtxChunk(bytes, { file });
    const some = readEvtxChunk(bytes, { file, filter: { eventIds: [4624] } });
    expect(full.problems).toEqual([]);
    expect(some.records.map((r) => r.recordId)).toEqual(full.records.filter((r) => r.eventId === 4624).map((r) => r.recordId));
    expect(some.records.length).toBeLessThan(full.records.length);
  });
});

corpusSuite('readEvtx', () => {
  it('reads a buffer like the file', async () => {
    const file = byName('/sample_with_a_bad_chunk_magic.evtx');
    const fromFile = await all(file);
    const fromBuffer = await all(new Uint8Array(readFileSync(file)));
    expect(fromBuffer.map((r) => r.xml())).toEqual(fromFile.map((r) => r.xml()));
  });

  it('reports, never throws, for a missing file or one that is not EVTX', async () => {
    for (const source of [path.join(corpusDir(), 'no-such-file.evtx'), path.join(corpusDir(), 'README.md'), new Uint8Array(10)]) {
      const problems: EvtxProblem[] = [];
      const records = [];
      for await (const r of readEvtx(source, { onProblem: (p) => problems.push(p), name: 'given-name' })) records.push(r);
      expect(records).toEqual([]);
      expect(problems.map((p) => p.kind)).toEqual([typeof source === 'string' && source.endsWith('.evtx') ? 'io-error' : 'not-evtx']);
      expect(problems[0]?.file).toBe('given-name');
      expect(problems[0]?.message).toContain('given-name');
    }
    expect((await readEvtxStats(path.join(corpusDir(), 'README.md'))).problems[0]?.kind).toBe('not-evtx');
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    let n = 0;
    const read = async (): Promise<void> => {
      for await (const r of readEvtx(byName('/security.evtx'), { signal: controller.signal })) {
        n += r.recordId > 0n ? 1 : 0;
        if (n === 5) controller.abort();
      }
    };
    await expect(read()).rejects.toThrow(/abort/i);
    expect(n).toBeLessThan(500);
  });

  it('keeps data names off Object.prototype', async () => {
    const [r] = await all(byName('omerbenamram-evtx/samples/security.evtx'), { eventIds: [4624] });
    expect(Object.getPrototypeOf(r?.data.named)).toBeNull();
  });

  it('renders flat (forwarded, template-less) records and UserData leaves', async () => {
    const [wec] = await all(byName('/issue_201.evtx'));
    expect(wec?.provider).toBe('MSExchange CmdletLogs');
    expect(wec?.channel).toBe('MSExchange Management');
    expect(wec?.eventId).toBe(1);
    expect(wec?.data.positional[0]).toBe('Set-Mailbox');
    expect(wec?.data.named).toEqual({});
    expect(wec?.xml()).toContain('<Data>Set-Mailbox</Data>');
    const rdp = await all(byName('TerminalServices-RemoteConnectionManager%4Operational.evtx'));
    const withUserData = rdp.find((r) => r.xml().includes('<UserData>'));
    expect(withUserData?.data.positional.length).toBeGreaterThan(0);
    expect(Object.keys(withUserData?.data.named ?? {}).length).toBeGreaterThan(0);
  });
});
