// Typed calls into main. Errors arrive as data (IpcResult) and are rethrown here as ApiError.
// Everything main sends is shown escaped (printableDeep): a bundle's or tenant's text can carry bidi overrides that
// reorder what the technician reads, or controls; escaping here, where it enters the page, covers every view.
import type { Channel, EventName, Events, IpcError, RequestOf, ResponseOf } from '../../main/ipc/contract';
import { printable, printableDeep } from '../../main/model/printable';

export class ApiError extends Error {
  readonly error: IpcError;
  constructor(error: IpcError) {
    const shown = printableDeep(error, true);
    super(printable(shown.message));
    this.error = shown;
  }
}

export async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await window.mtr.call(channel, request);
  if (!result.ok) throw new ApiError(result.error);
  return printableDeep(result.value, true);
}

/** Main's events, escaped as call()'s answers are. */
export function listen<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return window.mtr.on(event, (payload) => listener(printableDeep(payload, true)));
}

export function newJobId(): string {
  return `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
