// A bundle with more distinct heartbeats than a bundle may hold (a crafted flood, or years of changing
// payloads): the newest are kept, the oldest are counted in a warning that names what was dropped, and the
// verdicts rest on the kept, newest evidence — never on an old healthy stretch.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../main/bundle/open-bundle';
import { collectBundleFacts } from '../../main/evidence/from-bundle';
import { HeartbeatWindow } from '../../main/evidence/heartbeat-window';
import { AppTemp } from '../../main/fs/app-temp';
import type { HeartbeatFact } from '../../main/model/facts';
import { buildEvtx } from '../../tools/evtx-writer';
import { BOARDROOM } from '../support/bundles/device';
import { heartbeat, HEALTHY } from '../support/bundles/srs-events';

let root: string;
/** What a heartbeat with its own excerpt costs in the window's estimate (the test's excerpts are ~140 chars). */
let costOfDistinct: number;
let temp: AppTemp;
const START = Date.parse('2026-11-01T00:00:00Z');
const at = (i: number) => new Date(START + i * 5 * 60_000).toISOString();

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mtr-hbwindow-'));
  temp = new AppTemp(path.join(root, 'temp'));
  // 400 distinct heartbeats: healthy first, then every beat failing with its own code.
  const events = Array.from({ length: 400 }, (_, i) =>
    heartbeat(BOARDROOM, at(i), i < 100 ? HEALTHY : { ...HEALTHY, exchange: `80131500 : AADSTS${700000 + i}`, teams: 'Unhealthy' }),
  );
  mkdirSync(path.join(root, 'bundle/Windows/EventLog'), { recursive: true });
  writeFileSync(path.join(root, 'bundle/Windows/EventLog/Skype Room System.evtx'), buildEvtx(events));
  const excerpt = `Network status : Healthy. Exchange status : 80131500 : AADSTS700100. Signin status: NotApplicable. Teams Signin status: Unhealthy.`;
  costOfDistinct = 320 + 2 * excerpt.length;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('heartbeats beyond the per-bundle cap', () => {
  it('keeps the newest, counts the oldest in a warning naming the period dropped', async () => {
    const bundle = await openBundle(path.join(root, 'bundle'), { temp });
    try {
      // Room for 120 facts with distinct excerpts (each fact's fields plus its own text).
      const ev = await collectBundleFacts(bundle, { maxHeartbeatBytes: 120 * costOfDistinct });
      const beats = ev.facts.filter((f): f is HeartbeatFact => f.kind === 'heartbeat');
      expect(beats.length).toBeGreaterThan(60);
      expect(beats.length).toBeLessThanOrEqual(120);
      // The newest are kept, without a gap; the healthy stretch is the oldest: none of it is left to make a check pass.
      expect(beats.at(-1)?.time.slice(0, 19)).toBe(at(399).slice(0, 19));
      expect(beats.every((b) => b.eventId === 2001)).toBe(true);
      const firstKept = 400 - beats.length;
      expect(beats[0]?.time.slice(0, 19)).toBe(at(firstKept).slice(0, 19));
      const w = ev.warnings.find((x) => /older heartbeats/.test(x.message));
      expect(w?.source).toContain('Skype Room System.evtx');
      const utc = (i: number) => `${at(i).slice(0, 10)} ${at(i).slice(11, 16)} UTC`;
      expect(w?.message).toBe(
        `${firstKept} older heartbeats (${firstKept - 99} distinct, ${utc(0)} to ${utc(firstKept - 1)}) were counted but not kept: the verdicts rest on the newest ${beats.length} distinct heartbeats, from ${utc(firstKept)} on.`,
      );
      // The count of heartbeats read still covers the whole file.
      expect(ev.checked.find((c) => c.label === 'Skype Room System log')?.count).toBe(400);
    } finally {
      await bundle.close();
    }
  });

  it('under the cap nothing is dropped and nothing is said', async () => {
    const bundle = await openBundle(path.join(root, 'bundle'), { temp });
    try {
      const ev = await collectBundleFacts(bundle);
      expect(ev.facts.filter((f) => f.kind === 'heartbeat').length).toBeGreaterThanOrEqual(301);
      expect(ev.warnings.some((x) => /older heartbeats/.test(x.message))).toBe(false);
    } finally {
      await bundle.close();
    }
  });

  it('a flapping room shares its few texts: hundreds of thousands of facts fit the budget', () => {
    const w = new HeartbeatWindow();
    const texts = ['Heartbeat is healthy.', 'Network status : Healthy. Exchange status : GeneralError. Signin status: NotApplicable. Teams Signin status: Unhealthy.'];
    for (let i = 0; i < 140_000; i += 1) {
      w.add({ kind: 'heartbeat', time: at(i), lastTime: at(i), count: 1, evidence: { excerpt: texts[i % 2] } } as HeartbeatFact);
    }
    expect(w.done()).toHaveLength(140_000);
    expect(w.dropped.facts).toBe(0);
  });

  it('drops by time, not by reading order (rotated logs are read in any order)', () => {
    const fact = (i: number) => ({ kind: 'heartbeat', time: at(i), lastTime: at(i), count: 1, evidence: { excerpt: `beat ${1000 + i}` } }) as HeartbeatFact;
    const w = new HeartbeatWindow(10 * (320 + 2 * 'beat 1000'.length));
    for (const i of [50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 0, 1, 2, 60, 61]) w.add(fact(i));
    expect(w.done().map((f) => f.time)).toEqual([52, 53, 54, 55, 56, 57, 58, 59, 60, 61].map(at));
    expect(w.dropped).toMatchObject({ facts: 5, beats: 5, from: at(0), to: at(51) });
  });
});
