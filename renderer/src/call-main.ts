// Typed calls into main. Errors arrive as data (IpcResult) and are rethrown here as ApiError.
import type { Channel, IpcError, RequestOf, ResponseOf } from '../../main/ipc/contract';

export class ApiError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
  }
}

export async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await window.mtr.call(channel, request);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function newJobId(): string {
  return `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
