// One gate for every request: trusted sender, valid payload, then the handler; errors become data.
import { BundleError } from '../bundle/errors';
import type { Channel, IpcResult, ResponseOf } from './contract';
import { HandlerError, type HandlerContext, type Handlers } from './handlers';
import { requestSchemas } from './schemas';

export const APP_ORIGIN = 'app://mtr-doctor';

/** Only our own pages, served from app://, may call into main. */
export function isTrustedSenderUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === 'mtr-doctor';
  } catch {
    return false;
  }
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
