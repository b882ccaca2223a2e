// The browser tests' stand-in for preload/index.ts: the same createApi, with Playwright bindings as the
// transport instead of ipcRenderer. Bundled by esbuild and injected with addInitScript.
import { createApi } from '../../preload/create-api';

interface HarnessWindow {
  __mtrInvoke(channel: string, payload: unknown): Promise<unknown>;
  __mtrEmit(event: string, payload: unknown): void;
  /** Dropped file name → real path, registered by the test (Electron's webUtils.getPathForFile knows it natively). */
  __mtrFiles: Record<string, string>;
  mtr: unknown;
}

const w = window as unknown as HarnessWindow;
const listeners = new Map<string, Set<(payload: unknown) => void>>();
w.__mtrFiles = {};
w.__mtrEmit = (event, payload) => listeners.get(event)?.forEach((l) => l(payload));
w.mtr = createApi({
  invoke: (channel, payload) => w.__mtrInvoke(channel, payload),
  subscribe(event, listener) {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
  pathForFile: (file) => w.__mtrFiles[file.name] ?? '',
});
