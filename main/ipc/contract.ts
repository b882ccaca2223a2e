// The one IPC contract: channel → request and response types, plus the events main sends.
// Shared by main (handlers), preload (exposes exactly these channels) and renderer (typed calls).
// Types only, plus the channel names as plain data: the preload and renderer bundle it, so every import is
// `import type` and points down (model, auth's sign-in prompt, the sample catalog's entry).
import type { z } from 'zod';
import type { CloudId } from '../auth/cloud';
import type { DeviceCodePrompt } from '../auth/provider';
import type { SampleBundle } from '../bundle/samples';
import type { AnalysisResult, CheckStatus, Evidence } from '../model/analysis';
import type { LiveNetworkFact } from '../model/facts';
import type { FleetRow } from '../model/fleet-result';
import type { BundleContents, Inventory, ProgressEvent } from '../model/inventory';
import type { FileGrant } from '../security/file-grants';
import type { RequestSchemas } from './request-schemas';

export type { CloudId, DeviceCodePrompt, FileGrant, SampleBundle };

/** The tenant connection as the wizard sees it. */
export interface TenantStatus {
  settings: { clientId: string; tenant: string; cloud: CloudId; includeAuthenticationMethods?: boolean | undefined } | null;
  account: { username: string; tenantId: string } | null;
  storage: { persisted: boolean; message: string } | null;
  clouds: { id: CloudId; displayName: string }[];
}

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
}

/** A room's row as the Fleet view shows it: `source` is the bundle's file name; main keeps the full analysis. */
export type FleetRowView = Omit<FleetRow, 'analysis'>;

/** One bundle of a fleet: its room's row, or why it was refused (`source` is the file name). */
export type FleetOutcome = { kind: 'room'; row: FleetRowView } | { kind: 'refused'; source: string; message: string };

/** A finished (or cancelled) fleet run: one outcome per bundle, in the order the bundles were given. */
export interface FleetView {
  fleetId: string;
  name: string;
  generatedAt: string;
  outcomes: FleetOutcome[];
  /** The run was cancelled: bundles not analysed by then are refused rows saying so. */
  cancelled: boolean;
}

/** Progress of one bundle of a fleet run, and its outcome once it is done (rows appear as bundles finish). */
export interface FleetBundleEvent {
  jobId: string;
  fleetId: string;
  index: number;
  /** The bundle's file name. */
  file: string;
  state: 'started' | 'reading' | 'done' | 'refused';
  /** What the bundle's analysis is doing now ("Reading event logs…"). */
  message: string | null;
  outcome: FleetOutcome | null;
  finished: number;
  total: number;
}

interface Responses {
  'app:info': AppInfo;
  /** The files picked in the dialog (several zips, or one folder), as handles main issued; empty when cancelled. */
  'bundle:choose': { files: FileGrant[] };
  /** Preload only (see PRELOAD_CHANNELS): a dropped file's path, resolved by the preload from the File. */
  'file:dropped': FileGrant;
  'bundle:open': Inventory;
  'bundle:close': { closed: boolean };
  'job:cancel': { cancelled: boolean };
  'samples:list': SampleBundle[];
  'link:open': { opened: boolean };
  'analysis:run': AnalysisResult;
  'report:print': { printed: boolean };
  /** `handle` names the saved file for report:reveal; the renderer never passes a path back. */
  'report:savePdf': { path: string | null; handle: string | null };
  'report:reveal': { done: boolean };
  'tenant:status': TenantStatus;
  'tenant:saveSettings': TenantStatus;
  'tenant:signIn': TenantStatus;
  'tenant:signOut': TenantStatus;
  'tenant:analyze': AnalysisResult;
  /** What these handles hold: one device bundle (the usual wizard) or a fleet (several bundles, a folder of zips). */
  'fleet:inputs': { fleet: boolean; files: string[] };
  'fleet:run': FleetView;
  /** One room of a fleet, with its full analysis and what its bundle held, for the usual wizard. */
  'fleet:room': { analysis: AnalysisResult; contents: BundleContents | null };
  /** The fleet as CSV (the CLI's `--format csv`), saved where the technician chose. */
  'fleet:saveCsv': { path: string | null; handle: string | null };
  /** The live test and its own verdict; it belongs to the open session until Start over or another bundle or room. */
  'network:test': { fact: LiveNetworkFact; assessment: { status: CheckStatus; summary: string; evidence: Evidence[]; remedy: string[] } };
  /** The open analysis run again with the session's live test (its own sheet section; the verdict only when on the room's network). */
  'network:use': AnalysisResult;
  /** Start over: the session's live test and what it would join are forgotten. */
  'session:reset': { reset: boolean };
}

export type Channel = keyof RequestSchemas & keyof Responses;
export type RequestOf<C extends Channel> = z.infer<RequestSchemas[C]>;
export type ResponseOf<C extends Channel> = Responses[C];

/** The channel names, as data for the preload. `satisfies` keeps the list and the types in step. */
export const CHANNELS = [
  'app:info',
  'bundle:choose',
  'bundle:open',
  'bundle:close',
  'job:cancel',
  'samples:list',
  'link:open',
  'analysis:run',
  'report:print',
  'report:savePdf',
  'report:reveal',
  'tenant:status',
  'tenant:saveSettings',
  'tenant:signIn',
  'tenant:signOut',
  'tenant:analyze',
  'network:test',
  'network:use',
  'session:reset',
  'fleet:inputs',
  'fleet:run',
  'fleet:room',
  'fleet:saveCsv',
] as const satisfies readonly Channel[];
/**
 * Channels only the preload invokes, never the page: `file:dropped` carries a path, which the preload takes
 * from a File the technician dropped (a page script cannot make a File with a path). window.mtr.call refuses them.
 */
export const PRELOAD_CHANNELS = ['file:dropped'] as const satisfies readonly Channel[];
type Missing = Exclude<Channel, (typeof CHANNELS)[number] | (typeof PRELOAD_CHANNELS)[number]>;
// Compile-time guard: fails if a channel is added to the types but not to CHANNELS.
export const CHANNELS_COMPLETE: Missing extends never ? true : Missing = true;

/** Events main pushes to the renderer. */
export interface Events {
  progress: ProgressEvent;
  /** The code to type on another device, during a device code sign-in. */
  'tenant:deviceCode': DeviceCodePrompt & { jobId: string };
  'fleet:bundle': FleetBundleEvent;
}
export type EventName = keyof Events;
export const EVENTS = ['progress', 'tenant:deviceCode', 'fleet:bundle'] as const satisfies readonly EventName[];

export interface IpcError {
  /** Stable code the renderer can branch on: invalid-request, not-found, not-a-zip, cancelled … */
  code: string;
  message: string;
  /** The file the error is about, when there is one. */
  file?: string;
}

/** Every invoke resolves to this envelope: errors cross the bridge as data, not as rejected promises. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** What a handler may do to the window that called it (print it, print it to PDF). */
export interface SenderWindow {
  print(): Promise<boolean>;
  /** With `header`, every page gets the running header (room, date) and "Page n of m"; the fleet summary is landscape. */
  printToPdf(header?: { title: string; date: string }, opts?: { landscape?: boolean; paper?: 'A4' | 'Letter' }): Promise<Uint8Array>;
}

/** What main gives each handler besides the request: the calling window and a way to push events to it. */
export interface HandlerContext {
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  sender: SenderWindow;
}

/** One handler per channel; main/app/ipc-handlers.ts implements them, ipc/dispatch.ts calls them. */
export type Handlers = { [C in Channel]: (request: RequestOf<C>, ctx: HandlerContext) => Promise<ResponseOf<C>> };

/** What the preload exposes as `window.mtr`. */
export interface MtrApi {
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** Registers a dropped file with main (the preload resolves its path) and returns main's handle for it. */
  openDropped(file: File): Promise<IpcResult<FileGrant>>;
}
