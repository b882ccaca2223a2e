// One diagnosis, every view (issue 20): every sample bundle and every scenario bundle, analysed, tells the same
// story in the sheet, the text report, the fleet row and CSV and the exit code (tests/support/story.ts). The
// no-false-pass property test runs the same check over its mutated bundles.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../main/analysis/analyse';
import { AppTemp } from '../../main/fs/app-temp';
import { writeBundleZip } from '../support/bundles/build';
import { ODD } from '../support/bundles/odd-scenarios';
import { SCENARIOS } from '../support/bundles/scenarios';
import { expectOneStory } from '../support/story';

const NOW = new Date('2026-11-20T12:00:00Z');
const samples = path.resolve(__dirname, '../../assets/samples');
const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-story-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (zip: string) => analyse({ bundle: { path: zip, temp: new AppTemp(path.join(dir, 'temp')) } }, { now: NOW });

describe('one story in every view', () => {
  const zips = readdirSync(samples).filter((f) => f.endsWith('.zip'));
  it('has samples to read', () => expect(zips.length).toBeGreaterThanOrEqual(9));

  it.each(zips)('sample %s', async (file) => {
    expectOneStory(await run(path.join(samples, file)), file);
  });

  it.each([...SCENARIOS, ...Object.values(ODD)].map((s) => [s.id, s] as const))('scenario %s', async (id, s) => {
    const zip = path.join(dir, `${id}.zip`);
    await writeBundleZip(s, zip);
    expectOneStory(await run(zip), id);
  });

  it('the healthy sample is the only all-clear that may say "No sign-in problem found"', async () => {
    const healthy = await run(path.join(samples, 'healthy.zip'));
    expect(healthy.diagnosis.state).toBe('all-clear');
    expect(healthy.diagnosis.headline).toMatch(/^No sign-in problem found/);
  });
});
