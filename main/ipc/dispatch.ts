// One gate for every request: trusted sender, valid payload, then the handler; errors become data.
import { BundleError } from '../bundle/bundle-error';
import { isAppUrl } from '../security/app-origin';
import type { Channel, HandlerContext, Handlers, IpcResult, ResponseOf } from './contract';
import { requestSchemas } from './request-schemas';

/** A refusal a handler means the renderer to see, with a stable code (not-found, invalid-settings, auth:…). */
export class HandlerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}

/** Only our own pages, served from app://, may call into main. */
export function isTrustedSenderUrl(url: string | undefined | null): boolean {
  return isAppUrl(url);
}

function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(requestSchemas, name);
}

export async function dispatch(
  handlers: Handlers,
  channel: string,
  payload: unknown,
  senderUrl: string | null | undefined,
  ctx: HandlerContext,
  isTrusted: (url: string | null | undefined) => boolean = isTrustedSenderUrl,
): Promise<IpcResult<unknown>> {
  if (!isTrusted(senderUrl)) {
    return { ok: false, error: { code: 'untrusted-sender', message: `Refused ${channel}: the request did not come from MTR Doctor's own page.` } };
  }
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'unknown-channel', message: `Unknown channel ${channel}.` } };
  }
  const parsed = requestSchemas[channel].safeParse(payload);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'invalid-request', message: `Refused ${channel}: ${detail}.` } };
  }
  try {
    const handler = handlers[channel] as (req: unknown, ctx: HandlerContext) => Promise<ResponseOf<Channel>>;
    return { ok: true, value: await handler(parsed.data, ctx) };
  } catch (err) {
    if (err instanceof BundleError) return { ok: false, error: { code: err.code, message: err.message, file: err.file } };
    if (err instanceof HandlerError) return { ok: false, error: { code: err.code, message: err.message, ...(err.file ? { file: err.file } : {}) } };
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { code: 'internal', message } };
  }
}
