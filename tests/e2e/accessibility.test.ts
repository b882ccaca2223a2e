// The wizard for keyboard, screen reader and small-screen users: axe-core on every step in both themes,
// where focus lands after each step change, and layouts at 900 px wide and 200% zoom on 1366×768.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { identifyEvtx } from '../../main/bundle/identify-evtx';
import { repoRoot, startHarness, type Harness } from '../support/app-harness';
import { axeViolations, focused, horizontalOverflow } from '../support/axe';

let h: Harness;
const sample = (id: string) => path.join(repoRoot, 'assets', 'samples', `${id}.zip`);

beforeAll(async () => {
  h = await startHarness({ now: () => new Date('2026-11-19T08:00:00Z') });
});
afterAll(async () => {
  await h?.close();
});

async function expectNoViolations(page: Page, where: string) {
  const v = await axeViolations(page);
  expect(v, `${where}: ${JSON.stringify(v, null, 1)}`).toEqual([]);
}

async function expectFocusOn(page: Page, heading: RegExp) {
  await expect.poll(async () => (await focused(page)).text).toMatch(heading);
  expect((await focused(page)).tag).toBe('h1');
}

/** Bundle → inventory → overview → the first failing check → findings, calling `at` on each. */
async function walk(page: Page, at: (where: string) => Promise<void>) {
  await expect.poll(() => page.locator('.sample').count()).toBe(9);
  await at('bundle');
  await page.locator('.sample', { hasText: 'Mixed: MFA fixed' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Inventory of mixed.zip' }).isVisible(), { timeout: 20_000 }).toBe(true);
  await at('inventory');
  await page.getByRole('button', { name: 'Run the seven checks' }).click();
  await expect.poll(() => page.locator('.verdict-tile').count(), { timeout: 20_000 }).toBe(4);
  await at('overview');
  await page.locator('.step-footer .button-primary').click();
  await expect.poll(() => page.locator('.check-head h1').innerText()).toBe('Conditional Access');
  await at('check');
  await page.locator('.evidence-raw summary').first().click();
  await at('raw event');
  await page.locator('.check-link', { hasText: 'Teams Rooms license' }).click();
  await page.locator('.step-footer .button-primary').click();
  await expect.poll(() => page.locator('.sheet').isVisible()).toBe(true);
  await at('findings');
}

describe('accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`axe finds nothing on any step, nor in the sign-in dialog (${scheme})`, async () => {
      const page = await h.newPage({ colorScheme: scheme });
      await walk(page, (where) => expectNoViolations(page, `${where} (${scheme})`));
      await page.getByRole('button', { name: 'Add tenant evidence' }).click();
      await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
      await expectNoViolations(page, `tenant dialog (${scheme})`);
      await page.close();
    });
  }

  it('moves focus to the new step heading after every step change, and announces it', async () => {
    const page = await h.newPage();
    await expect.poll(() => page.locator('.sample').count()).toBe(9);
    await page.locator('.sample', { hasText: 'Mixed: MFA fixed' }).focus();
    await page.keyboard.press('Enter');
    await expectFocusOn(page, /^Inventory of mixed\.zip$/);
    await expect.poll(() => page.locator('[aria-live="polite"].visually-hidden').innerText()).toMatch(/Step 2 of 4, Inventory: Inventory of mixed\.zip/);

    await page.getByRole('button', { name: 'Run the seven checks' }).click();
    await expectFocusOn(page, /^Checks for mtr-boardroom@contoso\.com$/);
    await expect.poll(() => page.locator('[aria-live="polite"].visually-hidden').innerText()).toMatch(/Step 3 of 4, Checks/);

    // The overview's button opens the first failing check, and focus follows it.
    expect(await page.locator('.step-footer .button-primary').innerText()).toMatch(/Open Conditional Access/);
    await page.locator('.step-footer .button-primary').click();
    await expectFocusOn(page, /^Conditional Access$/);
    await page.locator('.step-footer .button-primary').click();
    await expectFocusOn(page, /^Expired password$/);

    // Walking the list keeps focus in the list; Home and End jump to its ends.
    await page.locator('.check-link.active').focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.locator('.check-head h1').innerText()).toBe('Teams Rooms license');
    expect((await focused(page)).text).toMatch(/Teams Rooms license/);
    await page.keyboard.press('Home');
    await expect.poll(() => page.locator('.verdict-tile').count()).toBe(4);
    expect((await focused(page)).text).toMatch(/Overview/);

    await page.locator('.stepper button', { hasText: 'Findings' }).click();
    await expectFocusOn(page, /^Findings sheet$/);

    // Ctrl+O from a later step: the chosen bundle opens and focus lands on its inventory.
    h.dialogAnswers.push(sample('healthy'));
    await page.keyboard.press('Control+o');
    await expectFocusOn(page, /^Inventory of healthy\.zip$/);
    await page.close();
  });

  it('Logs/All is one tab stop; the timeline is reachable and reads its marks', async () => {
    const page = await h.newPage();
    await page.locator('.sample', { hasText: 'Mixed: MFA fixed' }).click();
    await expect.poll(() => page.locator('.segmented').isVisible(), { timeout: 20_000 }).toBe(true);
    await page.getByRole('radio', { name: 'Logs' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { checked: true }).innerText()).toMatch(/^All/);
    expect((await focused(page)).text).toMatch(/^All/);
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).not.toMatch(/^Logs$/);

    await page.getByRole('button', { name: 'Run the seven checks' }).click();
    await expect.poll(() => page.locator('.timeline').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.locator('.timeline').getAttribute('tabindex')).toBe('0');
    await page.locator('.timeline').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.timeline-readout').innerText()).toMatch(/heartbeats|AADSTS|×/i);
    await page.keyboard.press('End');
    await expect.poll(() => page.locator('.timeline-readout').innerText()).not.toBe('');
    await page.close();
  });

  it('the sign-in dialog keeps focus inside, its Close is reachable, and settings errors sit at their field', async () => {
    const page = await h.newPage();
    await page.getByRole('button', { name: 'Sign in to tenant' }).first().click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const inside = await page.evaluate(() => !!document.activeElement?.closest('dialog') || document.activeElement === document.body);
      expect(inside).toBe(true);
      seen.add(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? ''));
    }
    expect(seen.has('Close')).toBe(true);

    await page.getByLabel('Application (client) ID').fill('not-a-guid');
    await page.getByLabel('Tenant', { exact: true }).fill('contoso.onmicrosoft.com');
    await page.getByRole('button', { name: 'Save' }).click();
    const clientId = page.getByLabel('Application (client) ID');
    await expect.poll(() => clientId.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-error').innerText()).toMatch(/Application \(client\) ID/);
    expect(await dialog.innerText()).not.toMatch(/clientId/);
    expect((await focused(page)).tag).toBe('input');

    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await page.close();
  });

  it('focus returns to what opened the sign-in dialog after Escape and after Close', async () => {
    const page = await h.newPage();
    const opener = page.locator('.topbar').getByRole('button', { name: /Sign in to tenant/ });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(async () => (await focused(page)).text).toMatch(/Sign in to tenant/);
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);

    // From a later step, the topbar's button opens it; Close returns there too.
    await page.locator('.sample', { hasText: 'Mixed: MFA fixed' }).click();
    await page.getByRole('button', { name: 'Run the seven checks' }).click();
    await expect.poll(() => page.locator('.verdict-tile').count(), { timeout: 20_000 }).toBe(4);
    const add = page.getByRole('button', { name: 'Add tenant evidence' });
    await add.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => add.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.close();
  });

  it('a bundle dropped anywhere in the window opens, on every step', async () => {
    const page = await h.newPage();
    await h.dropFile(page, sample('healthy'), '.privacy');
    await expect.poll(() => page.getByRole('heading', { name: 'Inventory of healthy.zip' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await h.dropFile(page, sample('license'), '.stat-grid');
    await expect.poll(() => page.getByRole('heading', { name: 'Inventory of license.zip' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await page.getByRole('button', { name: 'Run the seven checks' }).click();
    await expect.poll(() => page.locator('.verdict-tile').count(), { timeout: 20_000 }).toBe(4);
    await h.dropFile(page, sample('password'), '.check-pane');
    await expect.poll(() => page.getByRole('heading', { name: 'Inventory of password.zip' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await page.getByRole('button', { name: 'Run the seven checks' }).click();
    await expect.poll(() => page.locator('.verdict-tile').count(), { timeout: 20_000 }).toBe(4);
    await page.locator('.stepper button', { hasText: 'Findings' }).click();
    await h.dropFile(page, sample('mfa'), '.paper');
    await expect.poll(() => page.getByRole('heading', { name: 'Inventory of mfa.zip' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await page.close();
  });

  for (const [name, viewport, scale] of [
    ['900 px wide', { width: 900, height: 800 }, 1],
    ['200% zoom on 1366×768', { width: 683, height: 384 }, 2],
  ] as const) {
    it(`fits ${name}: no horizontal scrolling, the check list above the check, each step at its top`, async () => {
      const page = await h.newPage({ viewport, deviceScaleFactor: scale });
      await walk(page, async (where) => {
        expect(await horizontalOverflow(page), where).toEqual([]);
        if (where === 'raw event') return;
        // Opens at its top: the step's heading is in view, near the top of the window.
        const top = await page.locator('.step-heading').first().evaluate((el) => el.getBoundingClientRect().top);
        expect(top, `${where} opens at its top`).toBeGreaterThanOrEqual(0);
        // The checks step has its list above the heading in this layout: the heading is still on screen.
        expect(top, `${where} opens at its top`).toBeLessThan(where === 'overview' || where === 'check' ? viewport.height - 40 : viewport.height / 2);
        if (where === 'overview' || where === 'check') {
          const nav = await page.locator('.check-nav').boundingBox();
          const pane = await page.locator('.check-pane').boundingBox();
          expect(nav && pane && nav.y + nav.height <= pane.y + 1, `${where}: list above the check`).toBe(true);
        }
        // Scroll down, so the next step must bring the page back to its top.
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      });
      await page.close();
    });
  }

  it('Cancel ends with a neutral "Cancelled", not an error, and focus returns to what started the job', async () => {
    const slow = await startHarness({
      identifyEvtx: async (head, name, size) => {
        await new Promise((r) => setTimeout(r, 1500));
        return identifyEvtx(head, name, size);
      },
    });
    try {
      const page = await slow.newPage();
      const sampleButton = page.locator('.sample', { hasText: 'Mixed: MFA fixed' });
      await sampleButton.focus();
      await page.keyboard.press('Enter');
      const cancel = page.getByRole('button', { name: 'Cancel' });
      await expect.poll(() => cancel.isVisible()).toBe(true);
      await cancel.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.banner-neutral').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await page.locator('.banner-neutral').innerText()).toMatch(/Cancelled/);
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(await page.locator('.dropzone').isVisible()).toBe(true);
      // Cancel and its panel are gone: focus is back on the sample that started the job, not lost to the page.
      await expect.poll(() => sampleButton.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.close();
    } finally {
      await slow.close();
    }
  });
});
