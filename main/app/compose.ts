// The composition root: builds the services and handlers from injected platform pieces.
// main/index.ts passes Electron's; tests pass their own.
import path from 'node:path';
import { BundleService } from '../bundle/service';
import { JobRegistry } from './jobs';
import { createSampleCatalog } from '../bundle/samples';
import type { EvtxIdentifier } from '../bundle/bundle';
import { AppTemp } from '../fs/app-temp';
import type { AppInfo } from '../ipc/contract';
import { createHandlers, type Handlers } from '../ipc/handlers';
import { createExternalOpener } from '../security/external-links';
import { TenantService, type TenantServiceDeps } from '../tenant/service';

export interface Platform {
  appInfo: AppInfo;
  assetsDir: string;
  tempRoot: string;
  chooseBundle(kind: 'zip' | 'folder'): Promise<string | null>;
  chooseSavePath(suggestedName: string): Promise<string | null>;
  now?: () => Date;
  /** The raw system opener (shell.openExternal); the allowlist is applied here. */
  openUrl(url: string): Promise<void>;
  identifyEvtx?: EvtxIdentifier;
  /** The tenant connection's platform pieces (settings file, token encryption, browser). */
  tenant: TenantServiceDeps;
}

export interface Composition {
  handlers: Handlers;
  bundles: BundleService;
  tenant: TenantService;
  temp: AppTemp;
  openExternal: (url: string) => Promise<boolean>;
}

export function compose(platform: Platform): Composition {
  const temp = new AppTemp(platform.tempRoot);
  const jobs = new JobRegistry();
  const bundles = new BundleService({ temp, jobs, identifyEvtx: platform.identifyEvtx });
  const openExternal = createExternalOpener(platform.openUrl);
  const tenant = new TenantService({ now: platform.now, ...platform.tenant });
  const handlers = createHandlers({
    appInfo: platform.appInfo,
    jobs,
    bundles,
    tenant,
    samples: createSampleCatalog(path.join(platform.assetsDir, 'samples')),
    chooseBundle: platform.chooseBundle,
    chooseSavePath: platform.chooseSavePath,
    openExternal,
    now: platform.now,
  });
  return { handlers, bundles, tenant, temp, openExternal };
}
