// `inventory` says which event logs are damaged from their header and first chunk alone (issue 23.4): a log cut
// short, cut right after its header, or with a file header that fails its checksum is named in the warnings, in
// text and in JSON (entries[].damaged), and an intact log is not. `analyze` says the same of the logs it does not
// read in full, and once (with how many events could not be read) of those it does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli/mtr-doctor';
import type { AnalysisResult } from '../../main/model/analysis';
import type { Inventory } from '../../main/model/inventory';
import { scenarioFiles } from '../support/bundles/build';
import { BOARDROOM } from '../support/bundles/device';
import { START, type Scenario } from '../support/bundles/scenarios';
import { captureCli } from '../support/capture-cli';
import { buildZip } from '../support/zip-builder';

const AAD = 'Windows/EventLog/Microsoft-Windows-AAD_Operational.evtx';
const SYSTEM = 'Windows/EventLog/System.evtx';
const APPLICATION = 'Windows/EventLog/Application.evtx';
const SRS = 'Windows/EventLog/Skype Room System.evtx';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-damaged-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const s: Scenario = {
  id: 'damaged-logs',
  title: 'x',
  description: 'x',
  device: BOARDROOM,
  start: START,
  hours: 80,
  phases: [{ fromHour: 0, conditions: [{ kind: 'aadsts', code: '50076', exchange: '80131500 : AADSTS50076', teams: 'Unhealthy' }] }],
  teamsLog: 'classic',
  cutAadLogAfterChunks: 3,
  seed: 2302,
  sample: false,
};

/** The scenario's bundle with System.evtx cut right after its header and Application.evtx's header checksum broken. */
function bundle(): string {
  const files = scenarioFiles(s).map((f) => {
    if (f.path === SYSTEM) return { name: f.path, data: f.data.subarray(0, 4096) };
    if (f.path === APPLICATION) {
      const data = Buffer.from(f.data);
      data[124] = (data[124] ?? 0) ^ 0xff;
      return { name: f.path, data };
    }
    return { name: f.path, data: f.data };
  });
  const zip = path.join(dir, 'damaged-logs.zip');
  writeFileSync(zip, buildZip(files));
  return zip;
}

describe('damaged event logs in a bundle', () => {
  const zip = bundle();

  it('inventory: each damaged log named in the warnings, in text and JSON; the intact ones not', async () => {
    const text = await captureCli((io) => main(['inventory', zip], io));
    const json = await captureCli((io) => main(['inventory', zip, '--json'], io));
    expect([text.code, json.code]).toEqual([0, 0]);
    const inv = JSON.parse(json.stdout) as Inventory;
    const damaged = Object.fromEntries(inv.entries.filter((e) => e.damaged).map((e) => [e.path, e.damaged]));
    expect(damaged).toEqual({
      [AAD]: expect.stringMatching(/^Windows\/EventLog\/Microsoft-Windows-AAD_Operational\.evtx is damaged: its header declares \d+ chunks, records up to [\d,]+; the file ends after 3 of them \(200,704 bytes\)\.$/),
      [SYSTEM]: expect.stringMatching(/^Windows\/EventLog\/System\.evtx is damaged: its header declares \d+ chunks?, records up to [\d,]+; the file ends after 0 of them \(4,096 bytes\)\.$/),
      [APPLICATION]: 'Windows/EventLog/Application.evtx: file header CRC32 does not match.',
    });
    expect(inv.entries.find((e) => e.path === SRS)?.damaged).toBeUndefined();
    for (const message of Object.values(damaged)) {
      expect(inv.warnings).toContain(message);
      expect(text.stdout).toContain(`  ${message}`);
    }
    // The logs cut short are still identified by their first chunk (the cut one right after its header by its name).
    expect(inv.entries.find((e) => e.path === AAD)).toMatchObject({ channel: 'Microsoft-Windows-AAD/Operational', identifiedBy: 'content' });
    expect(inv.entries.find((e) => e.path === SYSTEM)).toMatchObject({ identifiedBy: 'name' });
    const listed = (file: string) => text.stdout.split('\n').find((l) => l.startsWith(`  ${file}  `));
    for (const file of [AAD, SYSTEM, APPLICATION]) expect(listed(file)).toMatch(/ {2}damaged \(see Warnings\)$/);
    expect(listed(SRS)).not.toMatch(/damaged/);
  });

  it('analyze: a log not read in full keeps the inventory warning; one read in full is said once, by its reading', async () => {
    const out = await captureCli((io) => main(['analyze', zip, '--format', 'json'], io));
    const r = JSON.parse(out.stdout) as AnalysisResult;
    const about = (file: string) => r.warnings.filter((w) => w.source === file || w.message.includes(file));
    // System.evtx is read (its channel is only guessed from its name): nothing in it could be.
    expect(about(SYSTEM).map((w) => w.message)).toEqual([expect.stringMatching(/^damaged event log: the file is cut short: its header declares records up to [\d,]+ and none could be read\.$/)]);
    expect(about(APPLICATION).map((w) => w.message)).toEqual([expect.stringContaining('file header CRC32 does not match')]);
    expect(about(AAD).map((w) => w.message)).toEqual([expect.stringMatching(/^damaged event log: the file is cut short: its header declares records up to [\d,]+ and [\d,]+ could be read, so about [\d,]+ events could not be read\./)]);
  });
});
