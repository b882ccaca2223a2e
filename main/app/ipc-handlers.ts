// IPC handlers as plain functions over injected services: no Electron here, so they run
// the same under the app, the browser tests and unit tests.
import { randomUUID } from 'node:crypto';
import { analyse, type AnalysisProgress, type BundleInput } from '../analysis/analyse';
import { isCancelled } from '../model/cancellation';
import type { SampleCatalog } from '../bundle/samples';
import { AppTemp } from '../fs/app-temp';
import { SaveError, writeWhole, type WholeContent } from '../fs/write-whole';
import type { AppInfo, FleetBundleEvent, Handlers } from '../ipc/contract';
import type { AnalysisResult } from '../model/analysis';
import { HandlerError } from '../ipc/dispatch';
import { renderFleetCsv } from '../report/fleet-text';
import { GrantRefused, type FileGrants } from '../security/file-grants';
import { fleetCsvName, type Fleets } from './fleets';
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
  fleets: Fleets;
  /** The app's scratch root: a fleet run's worker sessions live in one folder under it. */
  tempRoot: string;
  /** Handles for the files the technician chose; the renderer never names a path. */
  grants: FileGrants;
  /** Shows the native open dialog (several zips, or one folder); null or empty when the technician cancels. */
  chooseBundle(kind: 'zip' | 'folder'): Promise<string | readonly string[] | null>;
  /** Shows the native save dialog for a PDF or CSV (by the suggested name's extension); null when cancelled. */
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

/** A fleet room asked for that main no longer keeps, or that was refused. */
const ROOM_GONE = 'That room is not in the fleet any more (or was not analysed); run the fleet again.';

/** A fleet bundle's state in the progress line. */
const BUNDLE_STATE: Record<FleetBundleEvent['state'], (message: string | null) => string> = {
  started: () => 'started',
  reading: (m) => m ?? 'reading',
  done: () => 'analysed',
  refused: () => 'refused',
};

/** The open analysis, as it was asked for: run again with the session's live test (network:use). */
type Rerun = (signal: AbortSignal, onProgress: (p: AnalysisProgress) => void) => Promise<AnalysisResult>;

export function createHandlers(deps: HandlerDeps): Handlers {
  let rerun: Rerun | null = null;
  /** The bundle analysed alone, with the session's live test as it is when the run starts. */
  const bundleRun =
    (bundle: BundleInput): Rerun =>
    (signal, onProgress) =>
      analyse({ bundle, liveNetwork: deps.liveNetwork.input() }, { signal, now: deps.now?.(), onProgress });
  /** A new bundle, room or fleet: the live test belonged to the one before, and so did its analysis. */
  const newSession = () => {
    deps.liveNetwork.clear();
    rerun = null;
  };
  // Files this session saved, by handle: report:reveal acts only on these, so the renderer cannot name a path.
  const savedFiles = new Map<string, string>();
  const remember = (target: string) => {
    const handle = randomUUID();
    savedFiles.set(handle, target);
    return { path: target, handle };
  };
  const paths = (handles: string[]) => handles.map((h) => grant(() => deps.grants.resolve(h)));
  /** Saves where the technician chose; a failure says which file and why (not the hidden part file's name). */
  const save = async (target: string, content: WholeContent) => {
    try {
      await writeWhole(target, content);
    } catch (err) {
      if (err instanceof SaveError) throw new HandlerError('save-failed', err.message, target);
      throw err;
    }
  };
  return {
    'app:info': async () => deps.appInfo,
    'bundle:choose': async ({ kind }) => {
      const picked = await deps.chooseBundle(kind);
      const list = picked === null ? [] : typeof picked === 'string' ? [picked] : picked;
      return { files: list.map((p) => grant(() => deps.grants.issue(p, 'dialog'))) };
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
      newSession();
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
      rerun = bundleRun({ open: bundle });
      const run = rerun;
      return deps.jobs.run(jobId, (signal) => run(signal, ({ waitingSeconds: _w, ...p }) => ctx.emit('progress', { ...p, jobId })));
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
    'tenant:analyze': async ({ jobId, account, days, bundleId, fleetRoom }, ctx) =>
      tenantCall(() =>
        deps.jobs.run(jobId, async (signal) => {
          const opened = bundleId ? deps.bundles.get(bundleId) : undefined;
          if (bundleId && !opened) throw new HandlerError('not-found', 'That bundle is no longer open; open it again.');
          // A fleet's room: its bundle is read again here, with the tenant, as one bundle (a worker read it before).
          const roomPath = fleetRoom ? deps.fleets.roomBundle(fleetRoom.fleetId, fleetRoom.index) : null;
          if (fleetRoom && !roomPath) throw new HandlerError('not-found', ROOM_GONE);
          rerun = (signal, onProgress) =>
            deps.tenant.analyze({
              account,
              days,
              bundle: opened ? { open: opened } : roomPath ? { path: roomPath, temp: new AppTemp(deps.tempRoot) } : undefined,
              liveNetwork: deps.liveNetwork.input(),
              signal,
              onProgress,
            });
          return rerun(signal, ({ waitingSeconds: _w, ...p }) => ctx.emit('progress', { ...p, jobId }));
        }),
      ),
    'network:test': async ({ jobId, cloud, proxy }, ctx) =>
      deps.jobs.run(jobId, (signal) => deps.liveNetwork.test({ cloud, proxy }, signal, (p) => ctx.emit('progress', { jobId, phase: 'network', ...p }))),
    'network:use': async ({ jobId, onRoomNetwork }, ctx) => {
      const run = rerun;
      if (!run) throw new HandlerError('not-found', 'Run the checks first: the live test joins the open analysis.');
      deps.liveNetwork.confirm(onRoomNetwork);
      return deps.jobs.run(jobId, (signal) => run(signal, ({ waitingSeconds: _w, ...p }) => ctx.emit('progress', { ...p, jobId })));
    },
    'session:reset': async () => {
      newSession();
      return { reset: true };
    },
    'report:print': async (_req, ctx) => ({ printed: await ctx.sender.print() }),
    'report:savePdf': async ({ suggestedName, header, landscape, paper }, ctx) => {
      const target = await deps.chooseSavePath(suggestedName.endsWith('.pdf') ? suggestedName : `${suggestedName}.pdf`);
      if (!target) return { path: null, handle: null };
      await save(target, await ctx.sender.printToPdf(header, landscape || paper ? { ...(landscape ? { landscape } : {}), ...(paper ? { paper } : {}) } : undefined));
      return remember(target);
    },
    'fleet:inputs': async ({ handles }) => {
      const { fleet, bundles } = await deps.fleets.inputs(paths(handles));
      return { fleet, files: bundles.map((b) => b.split(/[\\/]/).pop() || b) };
    },
    'fleet:run': async ({ jobId, handles }, ctx) => {
      const chosen = paths(handles);
      newSession();
      // Cancel answers with the view too (cancelled: true): the rooms analysed so far stay, the rest say why not.
      return deps.jobs.run(jobId, (signal) =>
        deps.fleets.run(chosen, {
          tempRoot: deps.tempRoot,
          signal,
          now: deps.now?.(),
          onBundle: (e) => {
            ctx.emit('fleet:bundle', { ...e, jobId });
            // The overall count drives the job's progress bar, like any other job.
            ctx.emit('progress', { jobId, phase: 'checking', done: e.finished, total: e.total, message: `${e.finished} of ${e.total} bundles done · ${e.file}: ${BUNDLE_STATE[e.state](e.message)}` });
          },
        }),
      );
    },
    'fleet:room': async ({ fleetId, index }) => {
      const room = deps.fleets.room(fleetId, index);
      if (!room) throw new HandlerError('not-found', ROOM_GONE);
      newSession();
      // A live test on this room's network joins its bundle, read again by the path main kept (a worker read it before).
      const roomPath = deps.fleets.roomBundle(fleetId, index);
      if (roomPath) rerun = bundleRun({ path: roomPath, temp: new AppTemp(deps.tempRoot) });
      return room;
    },
    'fleet:saveCsv': async ({ fleetId }) => {
      const fleet = deps.fleets.result(fleetId);
      if (!fleet) throw new HandlerError('not-found', 'That fleet is still running or no longer kept; export it when the run is done.');
      const target = await deps.chooseSavePath(fleetCsvName(fleet.name));
      if (!target) return { path: null, handle: null };
      await save(target, renderFleetCsv(fleet));
      return remember(target);
    },
    'report:reveal': async ({ handle, how }) => {
      const target = savedFiles.get(handle);
      if (!target) throw new HandlerError('not-found', 'That file was not saved in this session; save it again.');
      await deps.revealFile(target, how);
      return { done: true };
    },
  };
}
