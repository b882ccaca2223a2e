// IPC handlers as plain functions over injected services: no Electron here, so they run
// the same under the app, the browser tests and unit tests.
import { writeFile } from 'node:fs/promises';
import { assembleBundle } from '../analysis/analyze-bundle';
import { isCancelled } from '../auth/abort';
import type { JobRegistry } from '../app/jobs';
import type { BundleService } from '../bundle/service';
import { collectBundleFacts } from '../evidence/from-bundle';
import { TenantProblem, type TenantService } from '../tenant/service';
import type { AppInfo, Channel, EventName, Events, RequestOf, ResponseOf, SampleBundle } from './contract';

/** What a handler may do to the window that called it (print it, print it to PDF). */
export interface SenderWindow {
  print(): Promise<boolean>;
  printToPdf(): Promise<Uint8Array>;
}

export interface HandlerContext {
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  sender: SenderWindow;
}

export type Handlers = { [C in Channel]: (request: RequestOf<C>, ctx: HandlerContext) => Promise<ResponseOf<C>> };

export interface SampleCatalog {
  list(): Promise<SampleBundle[]>;
  /** Path of a sample bundle, or null for an unknown id. */
  resolve(id: string): Promise<string | null>;
}

export interface HandlerDeps {
  appInfo: AppInfo;
  jobs: JobRegistry;
  bundles: BundleService;
  tenant: TenantService;
  samples: SampleCatalog;
  /** Shows the native open dialog; null when the technician cancels. */
  chooseBundle(kind: 'zip' | 'folder'): Promise<string | null>;
  /** Shows the native save dialog for a PDF; null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** Opens a URL in the system browser if the allowlist permits it. */
  openExternal(url: string): Promise<boolean>;
  now?: () => Date;
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

/** Sign-in and Graph problems reach the renderer with their id and the sentence to show. */
async function tenantCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof TenantProblem) throw new HandlerError(`auth:${err.problem.id}`, err.message);
    if (isCancelled(err)) throw new HandlerError('cancelled', 'Cancelled.');
    throw err;
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
    'job:cancel': async ({ jobId }) => ({ cancelled: deps.jobs.cancel(jobId) }),
    'samples:list': async () => deps.samples.list(),
    // deps.openExternal is the allowlisted opener (security/external-links.ts), not shell.openExternal.
    'link:open': async ({ url }) => ({ opened: await deps.openExternal(url) }), // eng-disable OPEN_EXTERNAL_JS_CHECK
    'analysis:run': async ({ jobId, bundleId }, ctx) => {
      const bundle = deps.bundles.get(bundleId);
      if (!bundle) throw new HandlerError('not-found', 'That bundle is no longer open; open it again.');
      const evidence = await deps.jobs.run(jobId, (signal) =>
        collectBundleFacts(bundle, { signal, onProgress: (p) => ctx.emit('progress', { ...p, jobId }) }),
      );
      return assembleBundle(bundle.inventory.name, evidence, deps.now?.());
    },
    'tenant:status': async () => deps.tenant.status(),
    'tenant:saveSettings': async (req) => {
      try {
        return await deps.tenant.saveSettings(req);
      } catch (err) {
        throw new HandlerError('invalid-settings', (err as Error).message);
      }
    },
    'tenant:signIn': async ({ jobId, method }, ctx) =>
      tenantCall(() => deps.jobs.run(jobId, (signal) => deps.tenant.signIn(method, signal, (p) => ctx.emit('tenant:deviceCode', { ...p, jobId })))),
    'tenant:signOut': async () => deps.tenant.signOut(),
    'tenant:analyze': async ({ jobId, account, days, bundleId }, ctx) =>
      tenantCall(() =>
        deps.jobs.run(jobId, async (signal) => {
          const opened = bundleId ? deps.bundles.get(bundleId) : undefined;
          if (bundleId && !opened) throw new HandlerError('not-found', 'That bundle is no longer open; open it again.');
          const evidence = opened ? await collectBundleFacts(opened, { signal }) : undefined;
          return deps.tenant.analyze({
            account,
            days,
            bundle: opened && evidence ? { name: opened.inventory.name, evidence } : undefined,
            signal,
            onProgress: (p) =>
              ctx.emit('progress', {
                jobId,
                phase: 'graph',
                message: p.waitingSeconds ? `Microsoft Graph asked to wait ${p.waitingSeconds} s…` : `Reading ${p.phase.replace(/-/g, ' ')}`,
                done: p.done,
                total: p.total ?? null,
              }),
          });
        }),
      ),
    'report:print': async (_req, ctx) => ({ printed: await ctx.sender.print() }),
    'report:savePdf': async ({ suggestedName }, ctx) => {
      const target = await deps.chooseSavePath(suggestedName.endsWith('.pdf') ? suggestedName : `${suggestedName}.pdf`);
      if (!target) return { path: null };
      await writeFile(target, await ctx.sender.printToPdf());
      return { path: target };
    },
  };
}
