// Registers exactly the contract's channels on Electron's ipcMain (typed structurally, testable without Electron).
import { CHANNELS, PRELOAD_CHANNELS, type EventName, type Events, type Handlers, type SenderWindow } from './contract';
import { dispatch } from './dispatch';

export interface InvokeEventLike {
  senderFrame?: { url: string } | null;
  sender: { send(channel: string, payload: unknown): void; isDestroyed?(): boolean };
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, payload: unknown) => Promise<unknown>): void;
}

/** `windowOf` adapts the calling web contents (print, printToPDF); main/index.ts supplies Electron's. */
export function registerIpc(ipcMain: IpcMainLike, handlers: Handlers, windowOf: (event: InvokeEventLike) => SenderWindow): void {
  for (const channel of [...CHANNELS, ...PRELOAD_CHANNELS]) {
    ipcMain.handle(channel, (event, payload) =>
      dispatch(handlers, channel, payload, event.senderFrame?.url, {
        emit<E extends EventName>(name: E, body: Events[E]) {
          if (!event.sender.isDestroyed?.()) event.sender.send(name, body);
        },
        sender: windowOf(event),
      }),
    );
  }
}
