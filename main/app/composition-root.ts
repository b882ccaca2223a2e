// The composition root: builds the services and handlers from injected platform pieces.
// main/index.ts passes Electron's; tests pass their own.
import path from 'node:path';
import type { EvtxIdentifier } from '../bundle/open-bundle';
import { createSampleCatalog } from '../bundle/samples';
import { AppTemp } from '../fs/app-temp';
import type { AppInfo, Handlers } from '../ipc/contract';
import { createExternalOpener } from '../security/external-links';
import { FileGrants } from '../security/file-grants';
import { Fleets } from './fleets';
import { createHandlers } from './ipc-handlers';
import { JobRegistry } from './jobs';
import { type LiveNetworkConfig, LiveNetworkSession } from './live-network';
import { OpenBundles } from './open-bundles';
import { TenantConnection, type TenantConnectionDeps } from './tenant-connection';

export interface Platform {
  appInfo: AppInfo;
  assetsDir: string;
  tempRoot: string;
  /** Several zips may be picked at once (a fleet); a folder is one path. */
  chooseBundle(kind: 'zip' | 'folder'): Promise<string | readonly string[] | null>;
  /** The save dialog for a PDF or a CSV, by the suggested name's extension. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  now?: () => Date;
  /** The raw system opener (shell.openExternal); the allowlist is applied here. */
  openUrl(url: string): Promise<void>;
  /** Opens a saved file or shows it in its folder; called only with paths the save dialog returned. */
  revealFile(path: string, how: 'open' | 'folder'): Promise<void>;
  /** Tests slow the reading of event logs' channels; the bundle reader's own otherwise. */
  identifyEvtx?: EvtxIdentifier;
  /** Where the live network test goes (tests point it at loopback fakes); the built-in Microsoft list otherwise. */
  liveNetwork?: LiveNetworkConfig;
  /** The fleet worker thread's script (tests wrap the built one); dist/workers/fleet-worker.js otherwise. */
  fleetWorkerScript?: string;
  /** The tenant connection's platform pieces (settings file, token encryption, browser). */
  tenant: TenantConnectionDeps;
}

export interface Composition {
  handlers: Handlers;
  bundles: OpenBundles;
  tenant: TenantConnection;
  temp: AppTemp;
  openExternal: (url: string) => Promise<boolean>;
}

export function compose(platform: Platform): Composition {
  const temp = new AppTemp(platform.tempRoot);
  const jobs = new JobRegistry();
  const bundles = new OpenBundles({ temp, jobs, identifyEvtx: platform.identifyEvtx });
  const openExternal = createExternalOpener(platform.openUrl);
  const tenant = new TenantConnection({ now: platform.now, ...platform.tenant });
  const handlers = createHandlers({
    appInfo: platform.appInfo,
    jobs,
    bundles,
    tenant,
    samples: createSampleCatalog(path.join(platform.assetsDir, 'samples')),
    liveNetwork: new LiveNetworkSession(platform.liveNetwork),
    fleets: new Fleets({ workerScript: platform.fleetWorkerScript }),
    tempRoot: temp.root,
    grants: new FileGrants(),
    chooseBundle: platform.chooseBundle,
    chooseSavePath: platform.chooseSavePath,
    openExternal,
    revealFile: platform.revealFile,
    now: platform.now,
  });
  return { handlers, bundles, tenant, temp, openExternal };
}
