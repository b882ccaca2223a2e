// Builds `window.mtr` from three primitives. Used by the real preload (over ipcRenderer) and by the
// browser tests (over Playwright bindings), so the renderer sees one API either way.
import { CHANNELS, EVENTS, type Channel, type FileGrant, type EventName, type Events, type IpcResult, type MtrApi, type RequestOf, type ResponseOf } from '../main/ipc/contract';

export interface Transport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
  pathForFile(file: File): string;
}

const channelSet: ReadonlySet<string> = new Set(CHANNELS);
const eventSet: ReadonlySet<string> = new Set(EVENTS);

export function createApi(transport: Transport): MtrApi {
  return Object.freeze({
    call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>> {
      if (!channelSet.has(channel)) {
        return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `Unknown channel ${String(channel)}.` } });
      }
      return transport.invoke(channel, request) as Promise<IpcResult<ResponseOf<C>>>;
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      if (!eventSet.has(event)) throw new Error(`Unknown event ${String(event)}.`);
      return transport.subscribe(event, (payload) => listener(payload as Events[E]));
    },
    openDropped(file: File): Promise<IpcResult<FileGrant>> {
      // The path never reaches the page: it goes from the File straight to main, which answers with a handle.
      return transport.invoke('file:dropped', { path: transport.pathForFile(file) }) as Promise<IpcResult<FileGrant>>;
    },
  });
}
