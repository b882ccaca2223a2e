// The one IPC contract: channel → request and response types, plus the events main sends.
// Shared by main (handlers), preload (exposes exactly these channels) and renderer (typed calls).
// Keep this module free of runtime imports other than plain data: the preload and renderer bundle it.
import type { z } from 'zod';
import type { AnalysisResult } from '../model/analysis';
import type { Inventory, ProgressEvent } from '../model/inventory';
import type { RequestSchemas } from './schemas';
import type { TenantStatus } from '../tenant/service';
import type { DeviceCodePrompt } from '../auth/provider';

export type { TenantStatus, DeviceCodePrompt };

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
}

export interface SampleBundle {
  id: string;
  title: string;
  description: string;
}

interface Responses {
  'app:info': AppInfo;
  'bundle:choose': { path: string | null };
  'bundle:open': Inventory;
  'bundle:close': { closed: boolean };
  'job:cancel': { cancelled: boolean };
  'samples:list': SampleBundle[];
  'link:open': { opened: boolean };
  'analysis:run': AnalysisResult;
  'report:print': { printed: boolean };
  'report:savePdf': { path: string | null };
  'tenant:status': TenantStatus;
  'tenant:saveSettings': TenantStatus;
  'tenant:signIn': TenantStatus;
  'tenant:signOut': TenantStatus;
  'tenant:analyze': AnalysisResult;
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
  'tenant:status',
  'tenant:saveSettings',
  'tenant:signIn',
  'tenant:signOut',
  'tenant:analyze',
] as const satisfies readonly Channel[];
type Missing = Exclude<Channel, (typeof CHANNELS)[number]>;
// Compile-time guard: fails if a channel is added to the types but not to CHANNELS.
export const CHANNELS_COMPLETE: Missing extends never ? true : Missing = true;

/** Events main pushes to the renderer. */
export interface Events {
  progress: ProgressEvent;
  /** The code to type on another device, during a device code sign-in. */
  'tenant:deviceCode': DeviceCodePrompt & { jobId: string };
}
export type EventName = keyof Events;
export const EVENTS = ['progress', 'tenant:deviceCode'] as const satisfies readonly EventName[];

export interface IpcError {
  /** Stable code the renderer can branch on: invalid-request, not-found, not-a-zip, cancelled … */
  code: string;
  message: string;
  /** The file the error is about, when there is one. */
  file?: string;
}

/** Every invoke resolves to this envelope: errors cross the bridge as data, not as rejected promises. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** What the preload exposes as `window.mtr`. */
export interface MtrApi {
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** The path of a dropped file (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string;
}
