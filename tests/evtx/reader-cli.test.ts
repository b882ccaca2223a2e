// `mtr-doctor evtx`: JSON lines, XML, --stats, --workers, and exit 2 on input it cannot use.
import path from 'node:path';
import { expect, it } from 'vitest';
import { runEvtxCommand } from '../../main/cli/evtx-command';
import { captureCli } from '../support/capture-cli';
import { CORPUS_SKIPPED, corpusSuite, corpusDir, loadOracle, type OracleRow } from '../support/corpus';

const run = (args: string[]) => captureCli((io) => runEvtxCommand(args, io));

const oracle = loadOracle();
// Suites are collected even when skipped: without the corpus, rows that are never read.
const none = { file: '', path: '', records: 0 } as OracleRow;
const damaged = oracle.find((r) => r.file.endsWith('/sample_with_a_bad_chunk_magic.evtx')) ?? (CORPUS_SKIPPED ? none : undefined);
const security = oracle.find((r) => r.file.endsWith('omerbenamram-evtx/samples/security.evtx')) ?? (CORPUS_SKIPPED ? none : undefined);
if (!damaged || !security) throw new Error('corpus files missing');

corpusSuite('mtr-doctor evtx', () => {
  it('prints one JSON record per line: bigints as strings, binary as hex', async () => {
    const { code, stdout, stderr } = await run([security.path]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines.length).toBe(security.records);
    const first = JSON.parse(lines[1] ?? '') as Record<string, unknown>;
    expect(first).toMatchObject({ recordId: '2', eventId: 4624, channel: 'Security', fileTime: expect.stringMatching(/^\d+$/) });
    expect((first.data as { named: Record<string, unknown> }).named.TargetUserName).toBe('SYSTEM');
    const system = oracle.find((r) => r.file.endsWith('python-evtx/tests/data/system.evtx'));
    const withBinary = (await run([system?.path ?? ''])).stdout.split('\n').find((l) => /"positional":\[[^\]]*"[0-9a-f]{8,}"/.test(l));
    expect(withBinary).toBeDefined();
  });

  it('prints XML, warns about damage on stderr and still exits 0', async () => {
    const { code, stdout, stderr } = await run([damaged.path, '--format', 'xml']);
    expect(code).toBe(0);
    expect(stdout.match(/<Event xmlns=/g)?.length).toBe(damaged.records);
    expect(stderr).toMatch(/warning: chunk \d+ at offset \d+ has no "ElfChnk" signature/);
  });

  it('--stats prints records, chunks and problems as JSON', async () => {
    const { code, stdout } = await run([damaged.path, '--stats']);
    expect(code).toBe(0);
    const stats = JSON.parse(stdout) as { records: number; chunks: number; problems: { kind: string; file: string }[] };
    expect(stats.records).toBe(damaged.records);
    expect(stats.chunks).toBeGreaterThan(0);
    expect(stats.problems.filter((p) => p.kind === 'bad-chunk-signature').length).toBe(damaged.badChunkMagic);
    expect(stats.problems[0]?.file).toBe(damaged.path);
  });

  it('--workers gives the same output as one thread', async () => {
    const one = await run([security.path]);
    const two = await run([security.path, '--workers', '2']);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect((await run([security.path, '--workers', '2', '--format', 'xml'])).stdout).toBe((await run([security.path, '--format', 'xml'])).stdout);
  });

  it('exits 2 naming the file when it is not EVTX or does not exist', async () => {
    const notEvtx = path.join(corpusDir(), 'README.md');
    const a = await run([notEvtx]);
    expect(a.code).toBe(2);
    expect(a.stdout).toBe('');
    expect(a.stderr).toContain(notEvtx);
    expect(a.stderr).toMatch(/not an EVTX file/);
    const missing = path.join(corpusDir(), 'missing.evtx');
    const b = await run([missing, '--stats']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain(missing);
  });

  it('exits 2 on bad arguments', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run([security.path, '--format', 'csv'])).code).toBe(2);
    expect((await run([security.path, '--workers', 'zero'])).code).toBe(2);
    expect((await run([security.path, '--bogus'])).code).toBe(2);
    expect((await run([security.path, security.path])).code).toBe(2);
  });
});
