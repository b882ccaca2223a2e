// The screenshots in docs/images, taken from the real wizard: each step, light and dark, plus a narrow
// window. They land in test-results/docs-images; `npm run docs:images` copies them into docs/images.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { repoRoot, startHarness, type Harness } from '../support/app-harness';
import { writeBundleZip } from '../support/bundles/build';
import { BOARDROOM, HUDDLE_5X, LOBBY_5X, type DeviceProfile } from '../support/bundles/device';
import { scenario } from '../support/bundles/scenarios';

export const DOC_IMAGES = path.join(repoRoot, 'test-results', 'docs-images');
let h: Harness;

beforeAll(async () => {
  mkdirSync(DOC_IMAGES, { recursive: true });
  h = await startHarness({ now: () => new Date('2026-11-19T08:00:00Z') });
});
afterAll(async () => {
  await h?.close();
});

async function shot(page: Page, name: string) {
  const file = path.join(DOC_IMAGES, `${name}.png`);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: file });
  // A real PNG of the viewport's size, not an empty page.
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(page.viewportSize()?.width);
}

describe('docs screenshots', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`each step (${scheme})`, async () => {
      const page = await h.newPage({ colorScheme: scheme, viewport: { width: 1366, height: 768 } });
      await expect.poll(() => page.locator('.sample').count()).toBe(9);
      await shot(page, `1-bundle-${scheme}`);
      await page.locator('.sample', { hasText: 'Mixed: MFA fixed' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Inventory of mixed.zip' }).isVisible(), { timeout: 20_000 }).toBe(true);
      await shot(page, `2-inventory-${scheme}`);
      await page.getByRole('button', { name: 'Run the seven checks' }).click();
      await expect.poll(() => page.locator('.verdict-tile').count(), { timeout: 20_000 }).toBe(4);
      await shot(page, `3-overview-${scheme}`);
      await page.locator('.step-footer .button-primary').click();
      await expect.poll(() => page.locator('.check-head h1').innerText()).toBe('Conditional Access');
      await shot(page, `4-check-${scheme}`);
      await page.locator('.check-link', { hasText: 'Expired password' }).click();
      await shot(page, `4-check-pass-${scheme}`);
      await page.locator('.stepper button', { hasText: 'Findings' }).click();
      await expect.poll(() => page.locator('.sheet').isVisible()).toBe(true);
      await shot(page, `5-findings-${scheme}`);
      await page.getByRole('button', { name: 'Add tenant evidence' }).click();
      await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
      await shot(page, `6-tenant-${scheme}`);
      await page.close();
    });
  }

  it('a narrow window (900 px)', async () => {
    const page = await h.newPage({ viewport: { width: 900, height: 900 } });
    await page.locator('.sample', { hasText: 'Mixed: MFA fixed' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Inventory of mixed.zip' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await shot(page, '7-inventory-900');
    await page.getByRole('button', { name: 'Run the seven checks' }).click();
    await expect.poll(() => page.locator('.verdict-tile').count(), { timeout: 20_000 }).toBe(4);
    await page.locator('.step-footer .button-primary').click();
    await expect.poll(() => page.locator('.check-head h1').innerText()).toBe('Conditional Access');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, '7-check-900');
    await page.close();
  });

  it('the Fleet view: a site visit of several rooms (light, dark, 900 px)', async () => {
    // Rooms with their own names, so the table reads like a real visit; the verdicts come from the analysis.
    const folder = path.join(h.dir, 'site-visit');
    mkdirSync(folder, { recursive: true });
    const room = (base: DeviceProfile, computer: string, alias: string): DeviceProfile => ({ ...base, computer, alias });
    const rooms: [string, DeviceProfile][] = [
      ['mixed', BOARDROOM],
      ['healthy', HUDDLE_5X],
      ['network', LOBBY_5X],
      ['password', room(BOARDROOM, 'MTR-TRAIN-03', 'training3@contoso.com')],
      ['license', room(HUDDLE_5X, 'MTR-EXEC-01', 'exec-boardroom@contoso.com')],
      ['mailbox', room(LOBBY_5X, 'MTR-FOCUS-11', 'focus11@contoso.com')],
    ];
    for (const [id, device] of rooms) await writeBundleZip({ ...scenario(id), device }, path.join(folder, `${device.computer.toLowerCase()}.zip`));
    writeFileSync(path.join(folder, 'mtr-cafe-01.zip'), 'a download that was cut short');
    for (const scheme of ['light', 'dark'] as const) {
      const page = await h.newPage({ colorScheme: scheme, viewport: { width: 1366, height: 768 } });
      h.dialogAnswers.push(folder);
      await page.getByRole('button', { name: 'Open folder…' }).click();
      await expect.poll(() => page.locator('.fleet-row').count(), { timeout: 60_000 }).toBe(rooms.length);
      await expect.poll(() => page.getByRole('button', { name: 'Export CSV…' }).isEnabled(), { timeout: 20_000 }).toBe(true);
      await page.mouse.move(0, 0); // no row highlighted under a resting pointer
      await shot(page, `8-fleet-${scheme}`);
      if (scheme === 'light') {
        await page.setViewportSize({ width: 900, height: 900 });
        await shot(page, '8-fleet-900');
      }
      await page.close();
    }
  }, 120_000);
});
