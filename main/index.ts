// Electron entry: wires the platform into the composition root. No logic lives here.
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, safeStorage, session, shell } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { compose } from './app/composition-root';
import { electronOpenBrowser, electronTokenEncryptor } from './auth/electron-adapters';
import { assetsDir, rendererDir } from './fs/app-paths';
import type { SenderWindow } from './ipc/contract';
import { PDF_MARGIN_MM, pageTemplates } from './report/page-templates';
import { registerIpc } from './ipc/register';
import { denyAllPermissions } from './security/permissions';
import { guardWebContents } from './security/web-contents';
import { APP_HOST, APP_SCHEME, createAppProtocolHandler } from './protocol/app-protocol';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

const { handlers, bundles, temp, openExternal } = compose({
  appInfo: { name: 'MTR Doctor', version: app.getVersion(), platform: process.platform },
  assetsDir: assetsDir(process.resourcesPath),
  tempRoot: path.join(os.tmpdir(), 'mtr-doctor'),
  tenant: {
    // The app's own folder; the token cache there is encrypted with the OS key store (DPAPI, Keychain, libsecret).
    settingsFile: path.join(app.getPath('userData'), 'tenant-settings.json'),
    cacheDir: app.getPath('userData'),
    encryptor: electronTokenEncryptor(safeStorage),
    openBrowserFor: (loginUrl) => electronOpenBrowser(shell, loginUrl),
  },
  // Raw opener; compose() wraps it in the https allowlist (security/external-links.ts) before anything can call it.
  openUrl: (url) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK
  // Only ever a path the save dialog returned (handlers keep them by handle).
  async revealFile(file, how) {
    if (how === 'folder') shell.showItemInFolder(file);
    else {
      const problem = await shell.openPath(file);
      if (problem) throw new Error(problem);
    }
  },
  async chooseBundle(kind) {
    const options: Electron.OpenDialogOptions =
      kind === 'zip'
        ? { title: 'Open Teams Rooms log bundles (one, or several for a fleet)', properties: ['openFile', 'multiSelections'], filters: [{ name: 'Log bundle', extensions: ['zip'] }] }
        : { title: 'Open an extracted log bundle folder', properties: ['openDirectory'] };
    const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : result.filePaths;
  },
  async chooseSavePath(suggestedName) {
    const csv = suggestedName.toLowerCase().endsWith('.csv');
    const options: Electron.SaveDialogOptions = {
      title: csv ? 'Export the fleet as CSV' : 'Save as PDF',
      defaultPath: path.join(app.getPath('documents'), suggestedName),
      filters: [csv ? { name: 'CSV', extensions: ['csv'] } : { name: 'PDF', extensions: ['pdf'] }],
    };
    const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
});

/** Print and PDF go through the calling window's own print pipeline. */
function windowOf(event: { sender: unknown }): SenderWindow {
  const contents = event.sender as Electron.WebContents;
  return {
    print: () => new Promise((resolve) => contents.print({ silent: false, printBackground: true }, (ok) => resolve(ok))),
    printToPdf: (header, opts) =>
      contents.printToPDF({
        pageSize: opts?.paper ?? 'A4',
        landscape: opts?.landscape ?? false,
        printBackground: true,
        margins: { top: PDF_MARGIN_MM.top / 25.4, bottom: PDF_MARGIN_MM.bottom / 25.4, left: PDF_MARGIN_MM.left / 25.4, right: PDF_MARGIN_MM.right / 25.4 },
        ...(header ? { displayHeaderFooter: true, ...pageTemplates(header) } : {}),
      }),
  };
}

app.on('web-contents-created', (_event, contents) => {
  guardWebContents(contents, { openExternal, log: (m) => console.warn(`[security] ${m}`) });
});

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 640,
    title: 'MTR Doctor',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1d21' : '#f6f7f9',
    show: false,
    webPreferences: {
      // Reviewed: the preload only exposes the typed contract through contextBridge (preload/create-api.ts).
      preload: path.join(__dirname, '..', 'preload', 'index.js'), // eng-disable PRELOAD_JS_CHECK
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would otherwise try to open links in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(`${APP_SCHEME}://${APP_HOST}/index.html`);
}

app.whenReady().then(async () => {
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir()));
  registerIpc(ipcMain, handlers, windowOf);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
    ]),
  );
  await temp.sweep();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void bundles.closeAll();
});
