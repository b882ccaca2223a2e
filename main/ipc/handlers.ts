// IPC handlers as plain functions over injected services: no Electron here, so they run
// the same under the app, the browser tests and unit tests.
import type { BundleService } from '../bundle/service';
import type { AppInfo, Channel, EventName, Events, RequestOf, ResponseOf, SampleBundle } from './contract';

export interface HandlerContext {
  emit<E extends EventName>(event: E, payload: Events[E]): void;
}

export type Handlers = { [C in Channel]: (request: RequestOf<C>, ctx: HandlerContext) => Promise<ResponseOf<C>> };

export interface SampleCatalog {
  list(): Promise<SampleBundle[]>;
  /** Path of a sample bundle, or null for an unknown id. */
  resolve(id: string): Promise<string | null>;
}

export interface HandlerDeps {
  appInfo: AppInfo;
  bundles: BundleService;
  samples: SampleCatalog;
  /** Shows the native open dialog; null when the technician cancels. */
  chooseBundle(kind: 'zip' | 'folder'): Promise<string | null>;
  /** Opens a URL in the system browser if the allowlist permits it. */
  openExternal(url: string): Promise<boolean>;
}

export class HandlerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'app:info': async () => deps.appInfo,
    'bundle:choose': async ({ kind }) => ({ path: await deps.chooseBundle(kind) }),
    'bundle:open': async ({ jobId, source }, ctx) => {
      let path: string;
      if (source.kind === 'sample') {
        const resolved = await deps.samples.resolve(source.id);
        if (!resolved) throw new HandlerError('not-found', `There is no sample bundle called "${source.id}".`);
        path = resolved;
      } else {
        path = source.path;
      }
      return deps.bundles.open(path, jobId, (p) => ctx.emit('progress', p));
    },
    'bundle:close': async ({ bundleId }) => ({ closed: await deps.bundles.close(bundleId) }),
    'job:cancel': async ({ jobId }) => ({ cancelled: deps.bundles.cancel(jobId) }),
    'samples:list': async () => deps.samples.list(),
    'link:open': async ({ url }) => ({ opened: await deps.openExternal(url) }),
  };
}
