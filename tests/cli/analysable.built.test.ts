// inventory and analyze agree on whether an input can be analysed (issue 23.6, issue 27): one rule
// (bundle/analysable.ts) decides, so an empty zip, a zip of only encrypted entries, a readme in a zip and a
// bundle of unrelated event logs exit 2 from both commands, and the inventory says why.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildEvtx } from '../../tools/evtx-writer';
import { repoRoot } from '../support/app-harness';
import { buildZip, type RawZipEntry } from '../support/zip-builder';

const cli = path.join(repoRoot, 'dist/cli/mtr-doctor.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-cli-analysable-'));
const tmp = path.join(dir, 'tmp');
mkdirSync(tmp);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  if (!existsSync(cli)) throw new Error('dist/cli/mtr-doctor.js is missing: run `npm run build` first (npm test does).');
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp } });
}

const systemLog = Buffer.from(buildEvtx([
  { time: '2026-11-18T07:00:00Z', provider: { name: 'Service Control Manager', guid: '{555908d1-a6d7-4695-8e1e-26931d2012f4}' }, eventId: 7036, level: 4, channel: 'System', computer: 'MTR-1', data: [{ name: 'param1', value: 'x' }] },
]));

const cases: [string, RawZipEntry[], RegExp][] = [
  ['empty', [], /0 entries, nothing to analyse/],
  ['encrypted', [{ name: 'App/Microsoft/Teams/Logs.txt', data: Buffer.from('x'), encrypted: true }], /0 entries, 1 refused, nothing to analyse/],
  ['readme', [{ name: 'readme.txt', data: Buffer.from('Read me\n') }], /1 entry, none of them an event log or a Teams log/],
  ['system-only', [{ name: 'Windows/EventLog/System.evtx', data: systemLog }], /an event log, but no AAD Operational or Skype Room System log and no Teams log/],
];

describe('inventory and analyze agree on what can be analysed', () => {
  for (const [name, entries, why] of cases) {
    it(`${name} zip: exit 2 from both, the reason on stderr and in the inventory's warnings`, () => {
      const zip = path.join(dir, `${name}.zip`);
      writeFileSync(zip, buildZip(entries));
      const inv = run(['inventory', zip]);
      const json = run(['inventory', zip, '--json']);
      const analysed = run(['analyze', zip]);
      expect([inv.status, json.status, analysed.status]).toEqual([2, 2, 2]);
      expect(inv.stderr).toMatch(why);
      expect(analysed.stderr).toMatch(why);
      expect(inv.stdout).toMatch(/Warnings\n {2}.*is not a Teams Rooms device log bundle/);
      expect((JSON.parse(json.stdout) as { notABundle: string }).notABundle).toMatch(why);
    });
  }

  it('a real bundle is analysable for both, and counts read "1 file", not "1 files"', () => {
    const zip = path.join(dir, 'one.zip');
    writeFileSync(zip, buildZip([{ name: 'App/Microsoft/Teams/Logs.txt', data: Buffer.from('Wed Jan 20 2021 13:20:53 GMT+0000 <1> -- info -- hello\n') }]));
    const inv = run(['inventory', zip]);
    expect(inv.status).toBe(0);
    expect(inv.stdout).toContain('one.zip (zip): 1 file, ');
    expect(inv.stdout).toContain('0 event logs, 1 text log, 0 other, 0 refused');
    expect(run(['analyze', zip]).status).not.toBe(2);
  });
});
