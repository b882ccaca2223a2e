// A bundle of many valid event logs (issue 23.1): only so many are opened to be identified, only so many are
// read in full, and each limit is said in a warning; the logs the checks use are the ones chosen first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../main/bundle/open-bundle';
import { collectBundleFacts, MAX_LOGS_READ } from '../../main/evidence/from-bundle';
import { AppTemp } from '../../main/fs/app-temp';
import { buildEvtx } from '../../tools/evtx-writer';
import { BOARDROOM } from '../support/bundles/device';
import { heartbeat, HEALTHY } from '../support/bundles/srs-events';
import { buildZip } from '../support/zip-builder';

const root = mkdtempSync(path.join(os.tmpdir(), 'mtr-many-logs-'));
const temp = new AppTemp(path.join(root, 'temp'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const systemLog = Buffer.from(buildEvtx([
  { time: '2026-11-18T07:00:00Z', provider: { name: 'Service Control Manager', guid: '{555908d1-a6d7-4695-8e1e-26931d2012f4}' }, eventId: 7036, level: 4, channel: 'System', computer: BOARDROOM.computer, data: [{ name: 'param1', value: 'Windows Update' }] },
]));
const heartbeats = Buffer.from(buildEvtx([heartbeat(BOARDROOM, '2026-11-18T07:00:00Z', HEALTHY)]));

function zip(name: string, entries: { name: string; data: Buffer }[]): string {
  const file = path.join(root, name);
  writeFileSync(file, buildZip(entries));
  return file;
}

describe('a bundle of many event logs', () => {
  it('identifies at most maxIdentifiedLogs, the ones named AAD or Skype Room System first, and says how many were skipped', async () => {
    const entries = Array.from({ length: 10 }, (_, i) => ({ name: `Windows/EventLog/log-${i}.evtx`, data: systemLog }));
    entries.push({ name: 'Windows/EventLog/Skype Room System.evtx', data: heartbeats });
    const bundle = await openBundle(zip('eleven.zip', entries), { temp, limits: { maxIdentifiedLogs: 4 } });
    try {
      const inv = bundle.inventory;
      const byContent = inv.entries.filter((e) => e.identifiedBy === 'content');
      expect(byContent).toHaveLength(4);
      expect(byContent.map((e) => e.path)).toContain('Windows/EventLog/Skype Room System.evtx');
      expect(inv.entries.filter((e) => e.unopened)).toHaveLength(7);
      expect(inv.warnings).toContain('eleven.zip holds 11 event logs, far more than a device writes: the first 4 were identified and 7 were skipped (their channels are guessed from their file names).');
      // Skipped logs whose names say nothing of evidence are not read either.
      const ev = await collectBundleFacts(bundle);
      expect(ev.checked.map((c) => c.source)).toEqual(['Windows/EventLog/Skype Room System.evtx']);
    } finally {
      await bundle.close();
    }
  });

  it(`reads at most ${MAX_LOGS_READ} logs in full; the heartbeat logs past that count as unread, so nothing passes as if they were read`, async () => {
    const n = MAX_LOGS_READ + 8;
    const entries = Array.from({ length: n }, (_, i) => ({ name: `Windows/EventLog/Skype Room System ${String(i).padStart(2, '0')}.evtx`, data: heartbeats }));
    const bundle = await openBundle(zip('heartbeats.zip', entries), { temp });
    try {
      const ev = await collectBundleFacts(bundle);
      expect(ev.checked).toHaveLength(MAX_LOGS_READ);
      expect(ev.unreadable).toEqual([
        {
          kind: 'srs',
          source: `Windows/EventLog/Skype Room System ${MAX_LOGS_READ}.evtx and 7 more`,
          message: `not read: the bundle holds more than ${MAX_LOGS_READ} event logs that may hold evidence, and MTR Doctor reads the first ${MAX_LOGS_READ} (a device writes a few)`,
        },
      ]);
      expect(ev.warnings.map((w) => w.message).join('\n')).toContain(`not read: the bundle holds more than ${MAX_LOGS_READ} event logs`);
    } finally {
      await bundle.close();
    }
  });
});
