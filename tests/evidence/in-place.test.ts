// Event logs inside a zip are read where they are, inflated as they are read: nothing lands in the temp
// folder, the facts are those read from the same log on disk, and a log whose data is damaged is reported
// by name with the readable records kept.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../main/bundle/open-bundle';
import { collectBundleFacts } from '../../main/evidence/from-bundle';
import { AppTemp } from '../../main/fs/app-temp';
import { buildEvtx } from '../../tools/evtx-writer';
import { BOARDROOM } from '../support/bundles/device';
import { heartbeat, HEALTHY } from '../support/bundles/srs-events';
import { listFiles } from '../support/fs-snapshot';
import { buildZip } from '../support/zip-builder';

let root: string;
let log: Buffer;
const LOG = 'Windows/EventLog/Skype Room System.evtx';
const at = (i: number) => new Date(Date.parse('2026-11-01T00:00:00Z') + i * 5 * 60_000).toISOString();

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mtr-inplace-'));
  // Enough heartbeats for several chunks, alternating so that each is a fact of its own.
  log = Buffer.from(buildEvtx(Array.from({ length: 3000 }, (_, i) => heartbeat(BOARDROOM, at(i), i % 2 ? HEALTHY : { ...HEALTHY, teams: 'Unhealthy' }))));
  mkdirSync(path.join(root, 'folder/Windows/EventLog'), { recursive: true });
  writeFileSync(path.join(root, 'folder', LOG), log);
  writeFileSync(path.join(root, 'bundle.zip'), buildZip([{ name: LOG, data: log }]));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function facts(input: string, tempName: string) {
  const temp = new AppTemp(path.join(root, tempName));
  const bundle = await openBundle(input, { temp });
  try {
    const ev = await collectBundleFacts(bundle);
    const written = existsSync(path.join(root, tempName)) ? listFiles(path.join(root, tempName)) : [];
    return { ev, written };
  } finally {
    await bundle.close();
  }
}

describe('event logs read in place from a zip', () => {
  it('writes nothing to temp and finds what the same log on disk gives', async () => {
    const zipped = await facts(path.join(root, 'bundle.zip'), 'temp-zip');
    const onDisk = await facts(path.join(root, 'folder'), 'temp-folder');
    expect(zipped.written).toEqual([]);
    expect(zipped.ev.facts.filter((f) => f.kind === 'heartbeat').length).toBe(3000);
    expect(JSON.stringify(zipped.ev.facts)).toBe(JSON.stringify(onDisk.ev.facts));
    expect(zipped.ev.warnings).toEqual([]);
  });

  it('a log whose compressed data is damaged midway: the records before the damage, and a warning naming the log', async () => {
    const zip = buildZip([{ name: LOG, data: log }]);
    // Flip bytes in the middle of the entry's deflated data.
    const mid = Math.floor(zip.length / 2);
    for (let i = 0; i < 64; i += 1) zip.writeUInt8(zip.readUInt8(mid + i) ^ 0x5a, mid + i);
    const file = path.join(root, 'damaged.zip');
    writeFileSync(file, zip);
    const { ev, written } = await facts(file, 'temp-damaged');
    expect(written).toEqual([]);
    const beats = ev.facts.filter((f) => f.kind === 'heartbeat').length;
    expect(beats).toBeGreaterThan(0);
    expect(beats).toBeLessThan(3000);
    const warning = ev.warnings.find((w) => w.source === LOG);
    // The stream stops where the damage is: the header's 3,000 records against those read before it (issue 23.4).
    const said = /^damaged event log: the file is cut short: its header declares records up to 3,000 and ([\d,]+) could be read, so about ([\d,]+) events could not be read\. The events that could be read were used\.$/.exec(warning?.message ?? '');
    expect(said, warning?.message).not.toBeNull();
    const [read, unread] = [said?.[1], said?.[2]].map((x) => Number(x?.replace(/,/g, '')));
    expect((read ?? 0) + (unread ?? 0)).toBe(3000);
    expect(warning?.message).not.toMatch(/CRC|invalid|stream/);
    expect(warning?.detail).toMatch(/chunk \d+|its stream failed: /);
  });
});
