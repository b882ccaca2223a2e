// The preload: exposes exactly the contract's channels as `window.mtr`. No raw ipcRenderer reaches the page.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createApi } from './create-api';

contextBridge.exposeInMainWorld(
  'mtr',
  createApi({
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
    subscribe(event, listener) {
      const wrapped = (_e: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(event, wrapped);
      return () => ipcRenderer.removeListener(event, wrapped);
    },
    pathForFile: (file) => webUtils.getPathForFile(file),
  }),
);
