// IPC handlers as plain functions over injected services: no Electron here, so they run
// the same under the app, the browser tests and unit tests.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { analyse } from '../analysis/analyse';
import { isCancelled } from '../auth/abort';
import type { SampleCatalog } from '../bundle/samples';
import type { AppInfo, Handlers } from '../ipc/contract';
import { HandlerError } from '../ipc/dispatch';
import { GrantRefused, type FileGrants } from '../security/file-grants';
import type { JobRegistry } from './jobs';
import type { LiveNetworkSession } from './live-network';
import type { OpenBundles } from './open-bundles';
import { TenantProblem, type TenantConnection } from './tenant-connection';

export interface HandlerDeps {
  appInfo: AppInfo;
  jobs: JobRegistry;
  bundles: OpenBundles;
  tenant: TenantConnection;
  samples: SampleCatalog;
  liveNetwork: LiveNetworkSession;
  /** Handles for the files the technician chose; the renderer never names a path. */
  grants: FileGrants;
  /** Shows the native open dialog; null when the technician cancels. */
  chooseBundle(kind: 'zip' | 'folder'): Promise<string | null>;
  /** Shows the native save dialog for a PDF; null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** Opens a URL in the system browser if the allowlist permits it. */
  openExternal(url: string): Promise<boolean>;
  /** Opens a file this app saved with its default app, or shows it in its folder (shell.openPath / showItemInFolder). */
  revealFile(path: string, how: 'open' | 'folder'): Promise<void>;
  now?: () => Date;
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

/** A refused handle or path reaches the renderer as `refused`, naming the file when there is one. */
function grant<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof GrantRefused) throw new HandlerError('refused', err.message, err.file);
    throw err;
  }
}

export function createHandlers(deps: HandlerDeps): Handlers {
  // Files this session saved, by handle: report:reveal acts only on these, so the renderer cannot name a path.
  const savedFiles = new Map<string, string>();
  return {
    'app:info': async () => deps.appInfo,
    'bundle:choose': async ({ kind }) => {
      const picked = await deps.chooseBundle(kind);
      return { file: picked ? grant(() => deps.grants.issue(picked, 'dialog')) : null };
    },
    'file:dropped': async ({ path }) => grant(() => deps.grants.issue(path, 'drop')),
    'bundle:open': async ({ jobId, source }, ctx) => {
      let path: string;
      if (source.kind === 'sample') {
        const resolved = await deps.samples.resolve(source.id);
        if (!resolved) throw new HandlerError('not-found', `There is no sample bundle called "${source.id}".`);
        path = resolved;
      } else {
        path = grant(() => deps.grants.resolve(source.handle));
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
      return deps.jobs.run(jobId, async (signal) =>
        deps.liveNetwork.apply(
          await analyse({ bundle: { open: bundle } }, { signal, now: deps.now?.(), onProgress: ({ waitingSeconds: _w, ...p }) => ctx.emit('progress', { ...p, jobId }) }),
        ),
      );
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
          return deps.liveNetwork.apply(
            await deps.tenant.analyze({
              account,
              days,
              bundle: opened,
              signal,
              onProgress: ({ waitingSeconds: _w, ...p }) => ctx.emit('progress', { ...p, jobId }),
            }),
          );
        }),
      ),
    'network:test': async ({ jobId, cloud, proxy }, ctx) =>
      deps.jobs.run(jobId, (signal) => deps.liveNetwork.test({ cloud, proxy }, signal, (p) => ctx.emit('progress', { jobId, phase: 'network', ...p }))),
    'report:print': async (_req, ctx) => ({ printed: await ctx.sender.print() }),
    'report:savePdf': async ({ suggestedName, header }, ctx) => {
      const target = await deps.chooseSavePath(suggestedName.endsWith('.pdf') ? suggestedName : `${suggestedName}.pdf`);
      if (!target) return { path: null, handle: null };
      await writeFile(target, await ctx.sender.printToPdf(header));
      const handle = randomUUID();
      savedFiles.set(handle, target);
      return { path: target, handle };
    },
    'report:reveal': async ({ handle, how }) => {
      const target = savedFiles.get(handle);
      if (!target) throw new HandlerError('not-found', 'That file was not saved in this session; save it again.');
      await deps.revealFile(target, how);
      return { done: true };
    },
  };
}
