// HTML → PDF through Chromium's print pipeline (the same one Electron's printToPDF uses), for the CLI.
// playwright-core drives an installed Chromium/Chrome/Edge; nothing is downloaded.
import { existsSync } from 'node:fs';
import { PDF_MARGIN_MM, pageTemplates, type PageHeader } from './page-templates';

const CANDIDATES = [
  process.env.MTR_CHROMIUM,
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
];

export function findChromium(): string | null {
  return CANDIDATES.find((p): p is string => !!p && existsSync(p)) ?? null;
}

export type Paper = 'A4' | 'Letter';

export async function renderPdf(html: string, opts: { paper?: Paper; executablePath?: string; header?: PageHeader } = {}): Promise<Buffer> {
  const executablePath = opts.executablePath ?? findChromium();
  if (!executablePath) {
    throw new Error('PDF output needs Chromium, Chrome or Edge: none was found. Set MTR_CHROMIUM to its path, or use --format html and print from a browser.');
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    // The sheet needs no network: every name maps to nowhere, so Chromium's background services cannot phone home.
    args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    // The document has no scripts and no network: setContent is enough, no server.
    await page.setContent(html, { waitUntil: 'load' });
    const m = PDF_MARGIN_MM;
    const pdf = await page.pdf({
      format: opts.paper ?? 'A4',
      printBackground: true,
      // The paper size is the caller's (A4 or Letter); the margins leave room for the running header and footer.
      preferCSSPageSize: false,
      margin: { top: `${m.top}mm`, bottom: `${m.bottom}mm`, left: `${m.left}mm`, right: `${m.right}mm` },
      ...(opts.header ? { displayHeaderFooter: true, ...pageTemplates(opts.header) } : {}),
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
