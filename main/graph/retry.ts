// Graph client middleware that retries throttled (429) and failed (5xx) reads, honouring Retry-After.
// The graph-client's own RetryHandler does the same for 429/503/504 but sleeps with a bare setTimeout: it cannot
// be cancelled mid-wait (a storm asking 60 s would ignore the technician's Cancel), nor observed for progress or
// tests. This one takes an abortable, injectable sleep. All requests here are GETs (or a $batch of GETs), so every retry is safe.
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { abortableSleep, type Sleep } from '../model/cancellation';

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

export interface RetryInfo {
  status: number;
  /** 1 for the first retry. */
  attempt: number;
  delaySeconds: number;
  url: string;
}

/**
 * One pause for a whole run: when Graph answers 429 to any request, every request of the run waits out the
 * Retry-After before it is sent, instead of each one finding out for itself (and being throttled again).
 */
export class ThrottleGate {
  private until = 0;

  pause(seconds: number, now = Date.now()): void {
    this.until = Math.max(this.until, now + seconds * 1000);
  }

  async wait(sleep: Sleep, signal?: AbortSignal): Promise<void> {
    for (let left = this.until - Date.now(); left > 0; left = this.until - Date.now()) await sleep(left, signal);
  }
}

export interface RetryPolicy {
  maxRetries: number;
  /** A server asking for longer than this is waited on for this long only. */
  maxDelaySeconds: number;
  sleep: Sleep;
  signal?: AbortSignal;
  onRetry?: (info: RetryInfo) => void;
  /** Shared by every request of a run (tenant-wide reads): a 429 pauses them all. */
  gate?: ThrottleGate;
  /** Called for every HTTP request sent, retries included (request budgets). */
  onRequest?: () => void;
}

export const DEFAULT_RETRY: Pick<RetryPolicy, 'maxRetries' | 'maxDelaySeconds' | 'sleep'> = {
  maxRetries: 5,
  maxDelaySeconds: 120,
  sleep: abortableSleep,
};

/**
 * Retry-After is seconds or an HTTP date; without it, back off 1, 2, 4 … seconds.
 * @param attempt 1 for the first retry
 */
export function retryDelaySeconds(retryAfter: string | null, attempt: number, maxDelaySeconds: number, now = Date.now()): number {
  let seconds: number | null = null;
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const n = Number(retryAfter);
    if (Number.isFinite(n)) seconds = n;
    else {
      const at = Date.parse(retryAfter);
      if (!Number.isNaN(at)) seconds = Math.ceil((at - now) / 1000);
    }
  }
  if (seconds === null) seconds = 2 ** (attempt - 1);
  return Math.min(Math.max(seconds, 0), maxDelaySeconds);
}

export class RetryAfterHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly policy: RetryPolicy) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('RetryAfterHandler needs a next middleware');
    for (let attempt = 1; ; attempt++) {
      await this.policy.gate?.wait(this.policy.sleep, this.policy.signal);
      this.policy.onRequest?.();
      try {
        await this.next.execute(context);
      } catch (error) {
        // No answer at all (a connection reset, a dropped network): sent again after a back-off like a 5xx, so a
        // passing fault does not cost a room its reads; a network that stays down fails after maxRetries.
        if (this.policy.signal?.aborted || !(error instanceof TypeError) || attempt > this.policy.maxRetries) throw error;
        const delaySeconds = retryDelaySeconds(null, attempt, this.policy.maxDelaySeconds);
        const url = typeof context.request === 'string' ? context.request : context.request.url;
        this.policy.onRetry?.({ status: 0, attempt, delaySeconds, url });
        await this.policy.sleep(delaySeconds * 1000, this.policy.signal);
        continue;
      }
      const response = context.response;
      if (!response || !RETRYABLE.has(response.status) || attempt > this.policy.maxRetries) return;
      const delaySeconds = retryDelaySeconds(response.headers.get('Retry-After'), attempt, this.policy.maxDelaySeconds);
      const url = typeof context.request === 'string' ? context.request : context.request.url;
      this.policy.onRetry?.({ status: response.status, attempt, delaySeconds, url });
      // Free the connection: the error body of a response we retry is never read.
      await response.body?.cancel().catch(() => undefined);
      if (this.policy.gate && response.status === 429) this.policy.gate.pause(delaySeconds);
      else await this.policy.sleep(delaySeconds * 1000, this.policy.signal);
    }
  }
}
