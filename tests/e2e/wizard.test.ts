// The wizard in Debian's Chromium, backed by the real main-process handlers: drop a bundle, read the
// inventory, walk the seven checks, save the findings sheet as PDF. Screenshots land in
// test-results/screenshots for people to look at.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { repoRoot, SCREENSHOTS, startHarness, type Harness } from '../support/app-harness';
import { hostileBundle, VISIBLE } from '../support/bundles/hostile-text';
import { listFiles } from '../support/fs-snapshot';
import { rawControls } from '../support/raw-controls';
import { buildZip } from '../support/zip-builder';

let h: Harness;
const sample = (id: string) => path.join(repoRoot, 'assets', 'samples', `${id}.zip`);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  h = await startHarness({ now: () => new Date('2026-11-19T08:00:00Z') });
});
afterAll(async () => {
  await h?.close();
});

describe('wizard', () => {
  it('shows the empty wizard: drop zone, open buttons, samples, upcoming steps', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await h.newPage({ colorScheme: scheme });
      await expect.poll(() => page.getByText('Drop a Teams Rooms log bundle (.zip) or folder').isVisible()).toBe(true);
      await expect.poll(() => page.locator('.sample').count()).toBe(9);
      expect(await page.getByRole('button', { name: 'Open zip…' }).isVisible()).toBe(true);
      expect(await page.locator('.step-upcoming').allInnerTexts()).toEqual([
        expect.stringMatching(/Inventory[\s\S]*Upcoming/),
        expect.stringMatching(/Checks[\s\S]*Upcoming/),
        expect.stringMatching(/Findings[\s\S]*Upcoming/),
      ]);
      await shot(page, `1-empty-${scheme}`);
      await page.close();
    }
  });

  it('drop → inventory → each check → findings sheet → PDF', async () => {
    const page = await h.newPage();
    await h.dropFile(page, sample('mixed'));
    await expect.poll(() => page.getByRole('heading', { name: 'Inventory of mixed.zip' }).isVisible(), { timeout: 20_000 }).toBe(true);
    const aadRow = page.locator('tr', { hasText: 'Microsoft-Windows-AAD_Operational.evtx' });
    expect(await aadRow.innerText()).toMatch(/Event log[\s\S]*Microsoft-Windows-AAD\/Operational/);
    expect(await page.locator('tr', { hasText: 'Skype Room System.evtx' }).innerText()).toMatch(/Skype Room System[\s\S]*SRS-App/);
    expect(await page.locator('.stat', { hasText: 'Event logs' }).innerText()).toMatch(/^\s*4/);
    expect(await page.locator('.tag-warn', { hasText: 'from name' }).count()).toBe(0);
    await shot(page, '2-inventory-light');

    await page.getByRole('button', { name: 'Run the seven checks' }).click();
    await expect.poll(() => page.locator('.verdict-tile').count(), { timeout: 20_000 }).toBe(4);
    expect(await page.locator('.tile-fail .verdict-count').innerText()).toBe('2');
    expect(await page.locator('.tile-warn .verdict-count').innerText()).toBe('1');
    expect(await page.locator('.codes-table').innerText()).toMatch(/AADSTS9999999[\s\S]*Unknown code[\s\S]*no check/);
    await shot(page, '3-overview-light');

    // "Do this first": the current failures, blocking before dependent; the button opens the first of them.
    expect(await page.locator('.do-first-item').allInnerTexts()).toEqual([
      expect.stringMatching(/Fail[\s\S]*Conditional Access/),
      expect.stringMatching(/Fail[\s\S]*license/i),
      expect.stringMatching(/Warning[\s\S]*(MFA|Multifactor)/i),
    ]);
    expect(await page.locator('.step-footer .button-primary').innerText()).toMatch(/Open Conditional Access/);
    // Walk the seven checks with the Next button, in the article's order, from the first.
    await page.locator('.check-link', { hasText: 'Overview' }).click();
    await page.locator('.check-link', { hasText: 'Multifactor authentication' }).click();
    const expected: [string, string][] = [
      ['Multifactor authentication', 'Warning'],
      ['Conditional Access', 'Fail'],
      ['Expired password', 'Pass'],
      ['Credentials', 'Pass'],
      ['Network connectivity', 'Pass'],
      ['Room mailbox', 'Pass'],
      ['Teams Rooms license', 'Fail'],
    ];
    for (const [i, [title, verdict]] of expected.entries()) {
      if (i > 0) await page.locator('.step-footer .button-primary').click();
      await expect.poll(() => page.locator('.check-head h1').innerText()).toBe(title);
      expect(await page.locator('.check-head .badge').innerText()).toContain(verdict);
      if (title === 'Conditional Access') {
        expect(await page.locator('.check-summary').innerText()).toMatch(/AADSTS53003/);
        expect(await page.locator('.remedy li').count()).toBeGreaterThan(1);
        const aadItem = page.locator('.evidence-item', { hasText: 'Microsoft-Windows-AAD_Operational.evtx' }).first();
        await aadItem.locator('summary').click();
        expect(await aadItem.locator('pre').innerText()).toMatch(/<EventID>1098<\/EventID>[\s\S]*AADSTS53003/);
        await shot(page, `4-check-${i + 1}-conditional-access-light`);
      }
      if (title === 'Teams Rooms license') {
        expect(await page.locator('.evidence-item').first().innerText()).toMatch(/App\/Microsoft\/Teams\/Logs\.txt[\s\S]*line \d+[\s\S]*get_skype_license/);
      }
    }
    // A documentation link goes through the allowlisted opener, not a new window.
    await page.locator('.link-button').first().click();
    await expect.poll(() => h.openedUrls.at(-1) ?? '').toMatch(/^https:\/\/learn\.microsoft\.com\//);

    await page.getByRole('button', { name: 'Findings sheet' }).click();
    await expect.poll(() => page.locator('.sheet').isVisible()).toBe(true);
    await shot(page, '5-findings-light');
    await page.getByLabel('Analyst notes').fill('Excluded the room from the MFA policy on site; license order raised with the customer.');
    await shot(page, '5-findings-notes-light');
    const pdfPath = path.join(h.dir, 'findings.pdf');
    h.saveAnswers.push(pdfPath);
    await page.getByRole('button', { name: 'Save as PDF…' }).click();
    await expect.poll(() => page.locator('.saved').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(statSync(pdfPath).size).toBeGreaterThan(10_000);
    // Open and Show in folder act on the file main saved, named by main's handle.
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(() => h.revealed).toEqual([
      { path: pdfPath, how: 'open' },
      { path: pdfPath, how: 'folder' },
    ]);

    for (const f of readdirSync(SCREENSHOTS).filter((n) => n.startsWith('6-findings-pdf'))) rmSync(path.join(SCREENSHOTS, f));
    execFileSync('pdftoppm', ['-png', '-r', '70', pdfPath, path.join(SCREENSHOTS, '6-findings-pdf')]);
    const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Teams Rooms sign-in\s+findings/i);
    expect(text).toMatch(/2 of 7 checks fail/);
    expect(text).toMatch(/boardroom@contoso\.com/);
    expect(text).toMatch(/Conditional Access[\s\S]*AADSTS53003/);
    expect(text).toMatch(/Excluded the room from the MFA policy on site/);
    expect(text).not.toMatch(/Run the seven checks|Save as PDF/); // app chrome is not printed
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    expect(readdirSync(SCREENSHOTS).filter((f) => f.startsWith('6-findings-pdf')).length).toBe(pages);
    await page.close();
  });

  it('looks right in dark theme and at 1920×1080', async () => {
    const page = await h.newPage({ colorScheme: 'dark', viewport: { width: 1920, height: 1080 } });
    await page.locator('.sample', { hasText: 'Network blocked' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Inventory of network.zip' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await shot(page, '7-inventory-dark-1920');
    await page.getByRole('button', { name: 'Run the seven checks' }).click();
    await expect.poll(() => page.locator('.verdict-tile').count(), { timeout: 20_000 }).toBe(4);
    await page.locator('.check-link', { hasText: 'Network connectivity' }).click();
    expect(await page.locator('.check-summary').innerText()).toMatch(/HTTP 407/);
    await shot(page, '8-check-network-dark-1920');
    await page.locator('.check-link', { hasText: 'Overview' }).click();
    await shot(page, '9-overview-dark-1920');
    await page.close();
  });

  it('is usable from the keyboard: Tab to a sample, Enter opens it, arrows walk the checks', async () => {
    const page = await h.newPage();
    await expect.poll(() => page.locator('.sample').count()).toBe(9);
    await page.locator('.sample', { hasText: 'Healthy room' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Inventory of healthy.zip' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await page.getByRole('button', { name: 'Run the seven checks' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.verdict-tile').count(), { timeout: 20_000 }).toBe(4);
    expect(await page.locator('.tile-pass .verdict-count').innerText()).toBe('7');
    await page.locator('.check-link').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('.check-head h1').innerText()).toBe('Conditional Access');
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/Conditional Access/);
    await page.close();
  });

  it('a file that is not a zip: a clear message naming it, and the wizard stays usable', async () => {
    const bogus = path.join(h.dir, 'not-a-bundle.zip');
    writeFileSync(bogus, 'hello, I am a text file');
    const page = await h.newPage();
    await h.dropFile(page, bogus);
    await expect.poll(() => page.getByRole('alert').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByRole('alert').innerText()).toMatch(/Cannot read not-a-bundle\.zip[\s\S]*not a zip archive, or it is truncated/);
    await page.locator('.sample', { hasText: 'Healthy room' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Inventory of healthy.zip' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await page.close();
  });

  it('entry names with bidi and control characters are shown escaped, never reordered or raw', async () => {
    // `evil\u202Egol.evtx` would read as "evilxtve.log" if the override were let through.
    const spoof = 'App/evil\u202egol.txt';
    const file = path.join(h.dir, 'spoofed-names.zip');
    writeFileSync(file, buildZip([{ name: spoof, data: Buffer.from('hello') }, { name: 'App/bell\u0007.txt', data: Buffer.from('x') }]));
    const page = await h.newPage();
    await h.dropFile(page, file);
    await expect.poll(() => page.getByRole('heading', { name: 'Inventory of spoofed-names.zip' }).isVisible(), { timeout: 20_000 }).toBe(true);
    const text = await page.locator('main').innerText();
    expect(text).toContain('App/evil\\u202egol.txt');
    expect(text).toContain('App/bell\\x07.txt');
    expect([...text].some((c) => c === '\u0007' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069'))).toBe(false);
    await page.close();
  });

  it('controls and bidi overrides in evidence, raw events and the device name are shown escaped in every view', async () => {
    const file = path.join(h.dir, 'hostile-text.zip');
    writeFileSync(file, hostileBundle());
    const page = await h.newPage();
    await h.dropFile(page, file);
    await expect.poll(() => page.getByRole('heading', { name: 'Inventory of hostile-text.zip' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await page.getByRole('button', { name: 'Run the seven checks' }).click();
    await expect.poll(() => page.locator('.verdict-tile').count(), { timeout: 20_000 }).toBe(4);
    // textContent, not innerText: what a closed <details> holds counts too.
    const seen: string[] = [await page.locator('body').evaluate((b) => b.textContent ?? '')];
    for (const check of ['Conditional Access', 'Teams Rooms license']) {
      await page.locator('.check-link', { hasText: check }).click();
      await expect.poll(() => page.locator('.check-head h1').innerText()).toBe(check);
      if (check === 'Conditional Access') {
        const raw = page.locator('.evidence-item', { hasText: 'AAD_Operational.evtx' }).first().locator('.evidence-raw');
        await raw.locator('summary').click();
        // A raw event keeps its lines: only the hostile characters are escaped, not the layout.
        expect(await raw.locator('pre').innerText()).toMatch(/<EventData>\n/);
      }
      seen.push(await page.locator('body').evaluate((b) => b.textContent ?? ''));
    }
    const all = seen.join('\n');
    expect(rawControls(all.replace(/[\t\n\r]/g, ' '))).toEqual([]);
    expect(all).toContain(VISIBLE);
    expect(all).not.toContain(VISIBLE.replace(/\\/g, '\\\\'));
    await page.close();
  });

  it('wrote nothing outside the app temp folder except the saved PDF, and left no session behind', async () => {
    await h.composition.bundles.closeAll();
    const files = listFiles(h.dir);
    expect(files.filter((f) => !f.startsWith('app-temp/'))).toEqual(['findings.pdf', 'hostile-text.zip', 'not-a-bundle.zip', 'spoofed-names.zip']);
    expect(existsSync(path.join(h.dir, 'app-temp')) ? listFiles(path.join(h.dir, 'app-temp')) : []).toEqual([]);
  });
});
