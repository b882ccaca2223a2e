// Runs the built renderer in Debian's Chromium with the real main-process handlers behind it:
// the page is served like app:// (same handler, same CSP), and window.mtr calls reach compose()'d
// handlers through Playwright's exposeBinding, exactly where Electron's IPC would deliver them.
import { build } from 'esbuild';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { compose, type Composition, type Platform } from '../../main/app/composition-root';
import { dispatch } from '../../main/ipc/dispatch';
import { PDF_MARGIN_MM, pageTemplates } from '../../main/report/page-templates';
import { createAppProtocolHandler } from '../../main/protocol/app-protocol';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH; browser tests do not skip.`);
  }
  if (!existsSync(path.join(repoRoot, 'dist/renderer/index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build` first (npm test does).');
  }
}

let preloadCode: Promise<string> | null = null;
function browserPreload(): Promise<string> {
  preloadCode ??= build({
    entryPoints: [path.join(repoRoot, 'tests/support/browser-preload.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]?.text ?? '');
  return preloadCode;
}

async function serveRenderer(): Promise<{ origin: string; close(): Promise<void> }> {
  const handle = createAppProtocolHandler(path.join(repoRoot, 'dist/renderer'));
  const server = http.createServer(async (req, res) => {
    const response = await handle({ url: `app://mtr-doctor${req.url ?? '/'}` });
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/**
 * Chromium's only way out: a proxy on loopback that refuses everything and records the request line it was sent
 * (CONNECT update.googleapis.com:443 …). Kept listening, so its port is never reused by a fake.
 */
async function startRefusingProxy(): Promise<{ port: number; refused: string[]; close(): Promise<void> }> {
  const refused: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('data', (d: Buffer) => {
      refused.push(d.toString('latin1').split('\r\n')[0] ?? '');
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    refused,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * Chromium may reach only the test origins on 127.0.0.1: every name but those maps to nowhere, everything else goes
 * to a proxy that refuses it, and the background services that phone home are off. Exported for the test that
 * checks them.
 */
export function offlineChromiumArgs(proxyPort: number): string[] {
  return [
    `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost`,
    `--proxy-server=http://127.0.0.1:${proxyPort}`,
    '--proxy-bypass-list=127.0.0.1;localhost',
    '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-breakpad',
    '--dns-prefetch-disable',
    '--no-pings',
    '--metrics-recording-only',
    '--no-default-browser-check',
    '--no-first-run',
  ];
}

export interface Harness {
  browser: Browser;
  /** The app's temp root and a scratch dir for the test's inputs. */
  dir: string;
  tempRoot: string;
  /** Paths the next "Open…" dialogs will return (several zips picked at once: an array). */
  dialogAnswers: (string | string[] | null)[];
  /** Paths the next "Save…" dialogs will return. */
  saveAnswers: (string | null)[];
  openedUrls: string[];
  /** Request lines Chromium sent to its refusing proxy: what it tried to reach beyond the test origins. */
  chromiumRefused: string[];
  /** Files the app asked to open or show in their folder. */
  revealed: { path: string; how: 'open' | 'folder' }[];
  composition: Composition;
  newPage(opts?: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number }; deviceScaleFactor?: number }): Promise<Page>;
  /** Drops real files (one or several at once) on the drop zone (or on `target`), as a technician dragging them from Explorer would. */
  dropFile(page: Page, file: string | string[], target?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(overrides: Partial<Omit<Platform, 'tenant'>> & { tenant?: Partial<Platform['tenant']> } = {}): Promise<Harness> {
  requireChromium();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-e2e-'));
  const tempRoot = path.join(dir, 'app-temp');
  const dialogAnswers: (string | string[] | null)[] = [];
  const saveAnswers: (string | null)[] = [];
  const openedUrls: string[] = [];
  const revealed: Harness['revealed'] = [];
  const composition = compose({
    appInfo: { name: 'MTR Doctor', version: '0.0.0-test', platform: process.platform },
    assetsDir: path.join(repoRoot, 'assets'),
    tempRoot,
    chooseBundle: async () => dialogAnswers.shift() ?? null,
    chooseSavePath: async () => saveAnswers.shift() ?? null,
    openUrl: async (url) => {
      openedUrls.push(url);
    },
    revealFile: async (file, how) => {
      revealed.push({ path: file, how });
    },
    ...overrides,
    tenant: {
      settingsFile: path.join(dir, 'user-data', 'tenant-settings.json'),
      openBrowserFor: () => async (url) => {
        openedUrls.push(url);
      },
      ...overrides.tenant,
    },
  });
  const server = await serveRenderer();
  const refuser = await startRefusingProxy();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', ...offlineChromiumArgs(refuser.port)],
  });
  const contexts: BrowserContext[] = [];
  const init = await browserPreload();

  return {
    browser,
    dir,
    tempRoot,
    dialogAnswers,
    saveAnswers,
    openedUrls,
    chromiumRefused: refuser.refused,
    revealed,
    composition,
    async newPage(opts = {}) {
      const context = await browser.newContext({
        colorScheme: opts.colorScheme ?? 'light',
        viewport: opts.viewport ?? { width: 1280, height: 800 },
        deviceScaleFactor: opts.deviceScaleFactor ?? 1,
      });
      contexts.push(context);
      const page = await context.newPage();
      await page.exposeBinding('__mtrInvoke', async (source, channel: string, payload: unknown) =>
        dispatch(
          composition.handlers,
          channel,
          payload,
          source.frame.url(),
          {
            emit(event, body) {
              void source.page.evaluate(([e, p]) => (window as unknown as { __mtrEmit(e: string, p: unknown): void }).__mtrEmit(e, p), [event, body] as const).catch(() => undefined);
            },
            // Chromium's print pipeline, as Electron's webContents.printToPDF uses it.
            sender: {
              print: async () => false,
              printToPdf: async (header, opts) =>
                new Uint8Array(
                  await source.page.pdf({
                    format: opts?.paper ?? 'A4',
                    landscape: opts?.landscape ?? false,
                    printBackground: true,
                    margin: { top: `${PDF_MARGIN_MM.top}mm`, bottom: `${PDF_MARGIN_MM.bottom}mm`, left: `${PDF_MARGIN_MM.left}mm`, right: `${PDF_MARGIN_MM.right}mm` },
                    ...(header ? { displayHeaderFooter: true, ...pageTemplates(header) } : {}),
                  }),
                ),
            },
          },
          (url) => typeof url === 'string' && url.startsWith(`${server.origin}/`),
        ),
      );
      await page.addInitScript({ content: init });
      await page.goto(`${server.origin}/index.html`);
      return page;
    },
    async dropFile(page, file, target) {
      const files = (Array.isArray(file) ? file : [file]).map((p) => [path.basename(p), p] as const);
      await page.evaluate((list) => {
        for (const [n, p] of list) (window as unknown as { __mtrFiles: Record<string, string> }).__mtrFiles[n] = p;
      }, files);
      const dataTransfer = await page.evaluateHandle((names) => {
        const dt = new DataTransfer();
        for (const n of names) dt.items.add(new File(['(dropped from disk)'], n, { type: 'application/zip' }));
        return dt;
      }, files.map(([n]) => n));
      const zone = target ? page.locator(target).first() : page.getByTestId('dropzone');
      await zone.dispatchEvent('dragover', { dataTransfer });
      await zone.dispatchEvent('drop', { dataTransfer });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await server.close();
      await refuser.close();
      await composition.bundles.closeAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where screenshots go for people to look at. */
export const SCREENSHOTS = path.join(repoRoot, 'test-results', 'screenshots');
