// The Fleet view in Debian's Chromium with the real main handlers behind it: several sample bundles dropped at
// once (healthy and failing, a corrupt zip, a zip that is not a bundle), rows as bundles finish, sort and
// filter, a room opened and left, the CSV and the one-page summary PDF, cancel, axe in both themes.
// Every expected row comes from analyseFleet run here on the same files (the CLI's path), not from constants.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { analyseFleet } from '../../main/analysis/fleet';
import { CHECK_IDS, type CheckId } from '../../main/model/analysis';
import { formatUtc } from '../../main/model/display-format';
import type { FleetResult, FleetRow } from '../../main/model/fleet-result';
import { FLEET_CSV_HEADER, renderFleetCsv } from '../../main/report/fleet-text';
import { stateTitle, STATUS_GLYPH, STATUS_LABEL } from '../../main/sheet/status';
import { repoRoot, SCREENSHOTS, startHarness, type Harness } from '../support/app-harness';
import { axeViolations, horizontalOverflow } from '../support/axe';
import { buildZip } from '../support/zip-builder';

const NOW = new Date('2026-11-19T08:00:00Z');
const sample = (id: string) => path.join(repoRoot, 'assets', 'samples', `${id}.zip`);
const base = (p: string) => path.basename(p);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

let h: Harness;
let inputs: string[];
let expected: FleetResult;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  h = await startHarness({ now: () => NOW });
  const corrupt = path.join(h.dir, 'corrupt.zip');
  writeFileSync(corrupt, readFileSync(sample('mfa')).subarray(0, 4000));
  const notBundle = path.join(h.dir, 'holiday-photos.zip');
  writeFileSync(notBundle, buildZip([{ name: 'beach.jpg', data: Buffer.from('not a log') }]));
  inputs = [...['healthy', 'password', 'network', 'mixed', 'license'].map(sample), corrupt, notBundle];
  // What the CLI would say about the same files: the table must show exactly this.
  expected = await analyseFleet(inputs, { now: NOW, tempRoot: path.join(h.dir, 'expected-temp') });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

interface UiRow {
  kind: string;
  file: string;
  statuses: Record<string, string>;
  fix: string;
  since: string;
  text: string;
  /** The room's details (its sentence, account, file, app version), open under its line. */
  details: string;
}

/** Every row of the table, each room with its details opened (they are shut until asked for). */
async function readRows(page: Page): Promise<UiRow[]> {
  for (const shut = page.locator('.fleet-toggle[aria-expanded="false"]'); await shut.count(); ) await shut.first().click();
  return page.$$eval('.fleet-table tbody tr:not(.fleet-details)', (trs) =>
    trs.map((tr) => {
      const details = tr.nextElementSibling?.classList.contains('fleet-details') ? tr.nextElementSibling : null;
      return {
        kind: tr.className.replace(' fleet-row-open', ''),
        file: (details?.querySelector('.fleet-file-name') ?? tr.querySelector('th .fleet-room-file'))?.textContent?.trim() ?? '',
        statuses: Object.fromEntries([...tr.querySelectorAll<HTMLElement>('td[data-check]')].map((td) => [td.dataset.check ?? '', (td.textContent ?? '').trim()])),
        fix: (tr.querySelector('.fleet-todo')?.textContent ?? '').trim(),
        since: (tr.querySelector('.fleet-since')?.textContent ?? '').trim(),
        text: (tr.textContent ?? '').trim(),
        details: (details?.textContent ?? '').trim(),
      };
    }),
  );
}

/** Opens the room whose bundle is `file`, from its details (where the file is named). */
async function openRoomOf(page: Page, file: string) {
  for (const shut = page.locator('.fleet-toggle[aria-expanded="false"]'); await shut.count(); ) await shut.first().click();
  await page.locator('tr.fleet-details', { hasText: file }).getByRole('button', { name: /^Open / }).click();
}

const roomFiles = async (page: Page) => (await readRows(page)).filter((r) => r.kind === 'fleet-row').map((r) => r.file);
const sortedBy = (page: Page) => page.$$eval('.fleet-table th[aria-sort]', (ths) => ths.map((th) => `${th.textContent?.replace(/[▲▼↕]/g, '').trim()}:${th.getAttribute('aria-sort')}`));
const byIndex = (r: FleetRow) => inputs.indexOf(r.source);
/** The fleet's summary line as a technician reads it, counted here from the engine's rows: failing and undecided apart. */
const tallyLine = (f: FleetResult) => {
  const n = (state: FleetRow['state']) => f.rows.filter((r) => r.state === state).length;
  return `${f.rows.length} rooms analysed: ${n('failing')} failing, ${n('undecided')} undecided, ${n('all-clear')} all clear · ${f.refused.length} refused`;
};

async function dropFleet(page: Page) {
  await h.dropFile(page, inputs);
  await expect.poll(() => page.getByRole('heading', { name: `Fleet: ${inputs.length} bundles` }).isVisible(), { timeout: 20_000 }).toBe(true);
  await expect.poll(async () => [await page.locator('.fleet-row').count(), await page.locator('.fleet-refused').count(), await page.locator('.fleet-pending').count()], { timeout: 90_000 }).toEqual([
    expected.rows.length,
    expected.refused.length,
    0,
  ]);
  await expect.poll(() => page.getByRole('button', { name: 'Export CSV…' }).isEnabled(), { timeout: 20_000 }).toBe(true);
}

async function setFilter(page: Page, f: { status?: string; check?: string; text?: string }) {
  if (f.status !== undefined) await page.getByLabel('Status').selectOption(f.status);
  if (f.check !== undefined) await page.getByLabel('on', { exact: true }).selectOption(f.check);
  if (f.text !== undefined) await page.getByLabel('Room', { exact: true }).fill(f.text);
}

describe('Fleet view', () => {
  it('several dropped bundles: one row per room from the analysis, rows as bundles finish, refused bundles say why', async () => {
    // The samples cover both sides: some rooms all clear, some failing, and two bundles that cannot be read.
    expect(expected.rows.some((r) => r.exitCode === 0)).toBe(true);
    expect(expected.rows.some((r) => r.firstToFix?.status === 'fail')).toBe(true);
    expect(expected.refused.map((x) => base(x.source)).sort()).toEqual(['corrupt.zip', 'holiday-photos.zip']);

    const page = await h.newPage();
    // Record whether a room's row was on screen while the run was still going (partial results).
    await page.evaluate(() => {
      const w = window as unknown as { __partial: boolean };
      w.__partial = false;
      new MutationObserver(() => {
        if (document.querySelector('.fleet-row') && document.querySelector('.fleet-step .progress-panel')) w.__partial = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await dropFleet(page);
    expect(await page.evaluate(() => (window as unknown as { __partial: boolean }).__partial)).toBe(true);

    const rows = await readRows(page);
    for (const r of expected.rows) {
      const ui = rows.find((x) => x.kind === 'fleet-row' && x.file === base(r.source));
      expect(ui, base(r.source)).toBeDefined();
      for (const id of CHECK_IDS) expect(ui?.statuses[id], `${base(r.source)} ${id}`).toBe(`${STATUS_GLYPH[r.statuses[id]]}${STATUS_LABEL[r.statuses[id]]}`);
      // The line: the check to fix first by name; its sentence, account, file and app version in the details.
      if (r.firstToFix) {
        expect(ui?.fix).toBe(r.firstToFix.title);
        expect(ui?.details).toContain(`${r.firstToFix.title}: ${r.firstToFix.action}`);
        expect(ui?.since).toBe(r.firstToFix.since ? formatUtc(r.firstToFix.since).replace(/ UTC$/, '') : '—');
      } else {
        expect(ui?.fix).toBe(stateTitle(r.state));
        expect(ui?.details).toContain(r.headline);
      }
      expect(ui?.text).toContain(r.computer ?? '—');
      expect(ui?.details).toContain(`Account${r.account ?? '—'}`);
      expect(ui?.details).toContain(`App${r.appVersion ?? '—'}`);
    }
    for (const x of expected.refused) {
      const ui = rows.find((y) => y.kind === 'fleet-refused' && y.file === base(x.source));
      expect(ui?.text).toContain(`Refused ${x.message}`);
    }
    // What the analysis says, in a technician's words: the password room fails on the password, the healthy one on nothing.
    expect(rows.find((x) => x.file === 'password.zip')?.statuses.password).toBe('✕Fail');
    expect(Object.values(rows.find((x) => x.file === 'healthy.zip')?.statuses ?? {})).toEqual(CHECK_IDS.map(() => '✓Pass'));
    expect(await page.locator('.fleet-step .step-heading + p').innerText()).toContain(tallyLine(expected));
    // Default order: what to do first, most urgent first; refused bundles after the rooms.
    expect(await sortedBy(page)).toEqual(['Do this first:ascending']);
    expect(rows.slice(-2).map((r) => r.kind)).toEqual(['fleet-refused', 'fleet-refused']);
    await shot(page, 'fleet-light');

    // Sort: a button in each header; aria-sort on the sorted one only; missing values last either way.
    const since = (r: FleetRow) => r.firstToFix?.since ?? null;
    const bySince = (dir: 1 | -1) =>
      [...expected.rows]
        .sort((a, b) => {
          const sa = since(a);
          const sb = since(b);
          if (sa === sb) return byIndex(a) - byIndex(b);
          if (sa === null) return 1;
          if (sb === null) return -1;
          return (sa < sb ? -1 : 1) * dir;
        })
        .map((r) => base(r.source));
    await page.getByRole('button', { name: 'Since (UTC)' }).click();
    expect(await sortedBy(page)).toEqual(['Since (UTC):ascending']);
    expect(await roomFiles(page)).toEqual(bySince(1));
    await page.getByRole('button', { name: 'Since (UTC)' }).click();
    expect(await sortedBy(page)).toEqual(['Since (UTC):descending']);
    expect(await roomFiles(page)).toEqual(bySince(-1));
    await page.getByRole('button', { name: 'Password', exact: true }).click();
    expect(await sortedBy(page)).toEqual(['Password:ascending']);
    const passwordFails = expected.rows.filter((r) => r.statuses.password === 'fail').map((r) => base(r.source));
    expect(passwordFails.length).toBeGreaterThan(0);
    expect((await roomFiles(page)).slice(0, passwordFails.length)).toEqual(passwordFails);

    // Filter: by status on one check, by status on any check, refused only, by text.
    const count = () => page.locator('.fleet-count').innerText();
    const filesWhere = (check: CheckId, status: string) => expected.rows.filter((r) => r.statuses[check] === status).map((r) => base(r.source));
    await setFilter(page, { status: 'fail', check: 'license' });
    expect((await roomFiles(page)).sort()).toEqual(filesWhere('license', 'fail').sort());
    expect(await count()).toBe(`Showing ${filesWhere('license', 'fail').length} of ${inputs.length}`);
    await setFilter(page, { check: 'any', status: 'pass' });
    expect((await roomFiles(page)).sort()).toEqual(expected.rows.filter((r) => CHECK_IDS.some((id) => r.statuses[id] === 'pass')).map((r) => base(r.source)).sort());
    await setFilter(page, { status: 'refused' });
    expect((await readRows(page)).map((r) => `${r.kind} ${r.file}`).sort()).toEqual(['fleet-refused corrupt.zip', 'fleet-refused holiday-photos.zip']);
    await setFilter(page, { status: 'all', text: 'NETW' });
    expect(await roomFiles(page)).toEqual(['network.zip']);
    await setFilter(page, { text: 'no such room' });
    expect(await page.locator('.fleet-empty').innerText()).toBe('No bundle matches these filters.');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    expect(await page.locator('.fleet-table tbody tr:not(.fleet-details)').count()).toBe(inputs.length);

    // Open a room: its usual checks, then back to the fleet as it was left (sort kept).
    const mixed = expected.rows.find((r) => base(r.source) === 'mixed.zip') as FleetRow;
    await openRoomOf(page, 'mixed.zip');
    await expect.poll(() => page.locator('.verdict-tile').count(), { timeout: 20_000 }).toBe(4);
    expect(await page.locator('.tile-fail .verdict-count').innerText()).toBe(String(CHECK_IDS.filter((id) => mixed.statuses[id] === 'fail').length));
    expect(await page.locator('.overview-head h1').innerText()).toBe(`Checks for ${mixed.room ?? mixed.account}`);
    expect(await page.locator('.step-current').innerText()).toMatch(/Checks/);
    expect(await page.locator('.stepper li').first().innerText()).toMatch(/Fleet/);
    await shot(page, 'fleet-room-checks');
    // Its Inventory step: what the room's bundle held, read only (its checks already ran).
    await page.locator('.stepper button', { hasText: 'Inventory' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Inventory of mixed.zip' }).isVisible()).toBe(true);
    const logs = await page.locator('.inventory-table tbody tr').allInnerTexts();
    expect(logs.some((t) => /Microsoft-Windows-AAD\/Operational/.test(t))).toBe(true);
    expect(logs.some((t) => /Logs\.txt|MSTeams/.test(t))).toBe(true);
    expect(await page.getByRole('button', { name: 'Run the seven checks' }).count()).toBe(0);
    expect(await axeViolations(page), 'room inventory').toEqual([]);
    await shot(page, 'fleet-room-inventory');
    await page.getByRole('button', { name: 'See the checks' }).click();
    await expect.poll(() => page.locator('.verdict-tile').count()).toBe(4);
    await page.getByRole('button', { name: 'Back to the fleet' }).first().click();
    await expect.poll(() => page.getByRole('heading', { name: `Fleet: ${inputs.length} bundles` }).isVisible()).toBe(true);
    expect(await sortedBy(page)).toEqual(['Password:ascending']);
    // …and from the findings sheet of another room.
    await openRoomOf(page, 'password.zip');
    await expect.poll(() => page.locator('.verdict-tile').count(), { timeout: 20_000 }).toBe(4);
    await page.locator('.stepper button', { hasText: 'Findings' }).click();
    await expect.poll(() => page.locator('.sheet').isVisible()).toBe(true);
    expect(await page.locator('.sheet').innerText()).toMatch(/Expired password/);
    await page.locator('.step-footer').getByRole('button', { name: 'Back to the fleet' }).click();
    await expect.poll(() => page.locator('.fleet-row').count()).toBe(expected.rows.length);

    // CSV: saved where the save dialog says, the same bytes the CLI's `--format csv` writes for these files.
    const csvPath = path.join(h.dir, 'fleet.csv');
    h.saveAnswers.push(csvPath);
    await page.getByRole('button', { name: 'Export CSV…' }).click();
    await expect.poll(() => page.locator('.saved').innerText(), { timeout: 20_000 }).toMatch(/CSV saved to/);
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(FLEET_CSV_HEADER.join(','));
    expect(csv).toBe(renderFleetCsv(expected));
    await page.getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(() => h.revealed.at(-1)).toEqual({ path: csvPath, how: 'folder' });

    // The one-page summary: FleetSheet printed by the window, landscape A4, no app chrome.
    const pdfPath = path.join(h.dir, 'fleet-summary.pdf');
    h.saveAnswers.push(pdfPath);
    await page.getByRole('button', { name: 'Save summary PDF…' }).click();
    await expect.poll(() => page.locator('.saved').innerText(), { timeout: 30_000 }).toMatch(/Summary PDF saved to/);
    // Pages as PNGs for people to look at, before anything is asserted about them.
    for (const f of readdirSync(SCREENSHOTS).filter((n) => n.startsWith('fleet-summary-pdf'))) rmSync(path.join(SCREENSHOTS, f));
    execFileSync('pdftoppm', ['-png', '-r', '80', pdfPath, path.join(SCREENSHOTS, 'fleet-summary-pdf')]);
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    const [w, hgt] = (/Page size:\s+([\d.]+) x ([\d.]+)/.exec(info) ?? []).slice(1).map(Number);
    expect(w).toBeGreaterThan(hgt as number);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain(tallyLine(expected));
    for (const r of expected.rows) expect(text).toContain(base(r.source));
    expect(text).toMatch(/Refused \(not analysed\)[\s\S]*corrupt\.zip/);
    expect(text).not.toMatch(/Export CSV|Save summary PDF|Clear filters/);
    expect(readdirSync(SCREENSHOTS).filter((n) => n.startsWith('fleet-summary-pdf'))).toHaveLength(1);
    await page.close();
  }, 180_000);

  it('axe finds nothing on the Fleet view in light and dark; at 900 px the page does not scroll sideways', async () => {
    const page = await h.newPage();
    await dropFleet(page);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      // Buttons fade their colours on a theme change: check what settles, not a frame of the fade.
      await expect.poll(() => page.evaluate(() => document.getAnimations().length)).toBe(0);
      const v = await axeViolations(page);
      expect(v, `fleet (${scheme}): ${JSON.stringify(v, null, 1)}`).toEqual([]);
      await setFilter(page, { status: 'fail' });
      expect(await axeViolations(page), `filtered fleet (${scheme})`).toEqual([]);
      await page.getByRole('button', { name: 'Clear filters' }).click();
    }
    await shot(page, 'fleet-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 900, height: 900 });
    await expect.poll(() => page.evaluate(() => document.getAnimations().length)).toBe(0);
    expect(await horizontalOverflow(page)).toEqual([]);
    await shot(page, 'fleet-900');
    await page.close();
  }, 120_000);

  it('several zips picked in the dialog, or a folder of zips, open as a fleet; one zip keeps the usual wizard', async () => {
    const page = await h.newPage();
    h.dialogAnswers.push([sample('healthy'), sample('mfa')]);
    await page.getByRole('button', { name: 'Open zip…' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Fleet: 2 bundles' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.locator('.fleet-row').count(), { timeout: 60_000 }).toBe(2);

    const folder = path.join(h.dir, 'site-visit');
    mkdirSync(folder);
    for (const id of ['license', 'mailbox', 'credentials']) copyFileSync(sample(id), path.join(folder, `${id}.zip`));
    writeFileSync(path.join(folder, 'notes.txt'), 'rooms from the Friday visit');
    await expect.poll(() => page.getByRole('button', { name: 'Start over with other bundles' }).isEnabled(), { timeout: 20_000 }).toBe(true);
    await page.getByRole('button', { name: 'Start over with other bundles' }).click();
    h.dialogAnswers.push(folder);
    await page.getByRole('button', { name: 'Open folder…' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Fleet: site-visit (3 bundles)' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.locator('.fleet-row').count(), { timeout: 60_000 }).toBe(3);

    await h.dropFile(page, sample('healthy'), 'body');
    await expect.poll(() => page.getByRole('heading', { name: 'Inventory of healthy.zip' }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.locator('.stepper li').first().innerText()).toMatch(/Bundle/);
    expect(await page.getByRole('button', { name: 'Back to the fleet' }).count()).toBe(0);
    await page.close();
  }, 120_000);

  it('Cancel stops every worker: finished rooms stay, the rest say they were not analysed, no scratch is left', async () => {
    // Its own app, whose fleet worker never finishes a bundle named "-held-" (tests/support/held-fleet-worker.mjs):
    // the fleet is still running when Cancel is pressed, however fast the other bundles go.
    const held = await startHarness({ now: () => NOW, fleetWorkerScript: path.join(repoRoot, 'tests/support/held-fleet-worker.mjs') });
    try {
      const many = path.join(held.dir, 'many');
      mkdirSync(many);
      const ids = ['healthy', 'password', 'network', 'mixed', 'license', 'mailbox', 'mfa', 'credentials', 'conditional-access'];
      for (let i = 0; i < 36; i++) copyFileSync(sample(ids[i % ids.length] as string), path.join(many, `room-${String(i).padStart(2, '0')}.zip`));
      // Last in name order, so every worker has finished rooms before it reaches one of these.
      const heldFiles = ['room-98-held-a.zip', 'room-99-held-b.zip'];
      for (const f of heldFiles) copyFileSync(sample('healthy'), path.join(many, f));
      const page = await held.newPage();
      held.dialogAnswers.push(many);
      await page.getByRole('button', { name: 'Open folder…' }).click();
      await expect.poll(() => page.locator('.fleet-row').count(), { timeout: 60_000 }).toBeGreaterThan(0);
      await page.locator('.fleet-step .progress-panel').getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Cancelled' }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      const rows = await readRows(page);
      expect(rows).toHaveLength(38);
      expect(rows.filter((r) => r.kind === 'fleet-pending')).toEqual([]);
      const notAnalysed = rows.filter((r) => r.text.includes('not analysed: the run was cancelled.'));
      expect(notAnalysed.map((r) => r.file)).toEqual(expect.arrayContaining(heldFiles));
      expect(rows.filter((r) => r.kind === 'fleet-row').length + notAnalysed.length).toBe(38);
      // The run's scratch folder is gone with its workers.
      expect(existsSync(held.tempRoot) ? readdirSync(held.tempRoot).filter((n) => n.startsWith('session-fleet-')) : []).toEqual([]);
      // The cancelled fleet still exports what it has: the CSV says which bundles were not analysed.
      const csvPath = path.join(held.dir, 'cancelled.csv');
      held.saveAnswers.push(csvPath);
      await page.getByRole('button', { name: 'Export CSV…' }).click();
      await expect.poll(() => existsSync(csvPath), { timeout: 20_000 }).toBe(true);
      expect(readFileSync(csvPath, 'utf8').match(/,refused,not analysed: the run was cancelled\./g)?.length).toBe(notAnalysed.length);
      await page.close();
    } finally {
      await held.close();
    }
  }, 120_000);
});
