// One collection run: the Graph client, what has been gathered so far, and the rule for failures —
// a read that fails becomes a SourceProblemFact + warning and the run goes on, except for cancellation
// and sign-in problems, which stop everything.
import { GraphError, PageIterator, type Client, type GraphRequest } from '@microsoft/microsoft-graph-client';
import type { z } from 'zod';
import { CancelledError } from '../model/cancellation';
import type { Warning } from '../model/analysis';
import type { Fact, SourcePresence } from '../model/facts';
import { createGraphSession, type GraphClientOptions, type GraphSession } from './client';
import { describeReadFailure } from './read-failure';

export type GraphPhase =
  | 'account'
  | 'sign-ins'
  | 'non-interactive-sign-ins'
  | 'correlation-ids'
  | 'licenses'
  | 'mailbox'
  | 'mfa'
  | 'conditional-access';

export interface GraphProgress {
  phase: GraphPhase;
  /** Items read so far in this phase. */
  done: number;
  total?: number;
  /** Set while waiting out a throttling answer (HTTP 429/5xx). */
  waitingSeconds?: number;
}

export type GraphSources = Pick<
  SourcePresence,
  'graphSignIns' | 'graphAccount' | 'graphLicenses' | 'graphMailbox' | 'graphPolicies'
>;

/** The network to Graph was lost mid-run: a long run stops and says how far it got. */
export class GraphUnreachableError extends Error {}

export class GraphRun {
  readonly facts: Fact[] = [];
  readonly warnings: Warning[] = [];
  readonly sources: GraphSources = {
    graphSignIns: false,
    graphAccount: false,
    graphLicenses: false,
    graphMailbox: false,
    graphPolicies: false,
  };
  private phase: GraphPhase = 'account';
  private done = 0;

  /** Set by a long run (all rooms): a lost network stops it instead of filling rooms with "could not be read". */
  stopWhenUnreachable = false;

  constructor(
    private readonly session: GraphSession,
    readonly signal: AbortSignal | undefined,
    private readonly onProgress: ((p: GraphProgress) => void) | undefined,
  ) {}

  get client(): Client {
    return this.session.client;
  }

  /** Starts a phase: the UI shows which part of the tenant is being read. */
  begin(phase: GraphPhase): void {
    this.phase = phase;
    this.done = 0;
    this.onProgress?.({ phase, done: 0 });
  }

  progress(done: number, extra: Omit<GraphProgress, 'phase' | 'done'> = {}): void {
    this.done = done;
    this.onProgress?.({ phase: this.phase, done, ...extra });
  }

  /** Graph asked us to wait (429/5xx); reported so the UI does not look frozen. */
  waiting(seconds: number): void {
    this.onProgress?.({ phase: this.phase, done: this.done, waitingSeconds: seconds });
  }

  warn(source: string, message: string): void {
    this.warnings.push({ source, message });
  }

  /** Stops the run when the failure is a cancel or a sign-in problem; otherwise returns normally. */
  private rethrowFatal(error: unknown): void {
    if (this.signal?.aborted || error instanceof CancelledError) throw new CancelledError('Reading Microsoft Graph was cancelled.');
    const authFailure = this.session.authFailure();
    if (authFailure) throw authFailure;
    // No HTTP status at all: the request never got an answer (the graph-client's GraphError with status -1).
    if (this.stopWhenUnreachable && error instanceof GraphError && error.statusCode <= 0) {
      throw new GraphUnreachableError(`Microsoft Graph could not be reached (${error.message || 'no answer'}).`);
    }
  }

  /**
   * Runs one read. On failure: `expected` may turn an anticipated error into a value (a 404 that means
   * "no mailbox"); any other failure is recorded against `source` and null is returned.
   */
  async attempt<T>(
    source: string,
    what: string,
    need: string,
    read: () => Promise<T>,
    expected?: (error: unknown) => T | undefined,
  ): Promise<T | null> {
    try {
      this.rethrowFatal(undefined);
      return await read();
    } catch (error) {
      this.rethrowFatal(error);
      const value = expected?.(error);
      if (value !== undefined) return value;
      const problem = describeReadFailure(error, what, need);
      this.facts.push({ kind: 'source-problem', source, message: problem.message, code: problem.code, status: problem.status });
      this.warn(source, problem.message);
      return null;
    }
  }

  /** A request on this run: the run's AbortSignal travels with it. */
  api(path: string, version: 'v1.0' | 'beta' = 'v1.0'): GraphRequest {
    return this.client.api(path).version(version).options({ signal: this.signal });
  }

  async getOne<S extends z.ZodType>(request: GraphRequest, schema: S): Promise<z.infer<S>> {
    return schema.parse(await request.get()) as z.infer<S>;
  }

  /**
   * Reads every page (following @odata.nextLink with the graph-client's PageIterator) up to `cap` items.
   * Items that do not match the schema are skipped and counted.
   */
  async getAll<S extends z.ZodType>(
    request: GraphRequest,
    schema: S,
    cap = Number.POSITIVE_INFINITY,
  ): Promise<{ items: z.infer<S>[]; skipped: number; capped: boolean }> {
    const items: z.infer<S>[] = [];
    const r = await this.forEachItem(request, schema, (item) => items.push(item), cap);
    return { items, ...r };
  }

  /** Like getAll, handing each item over as its page arrives instead of keeping them (a tenant-wide log). */
  async forEachItem<S extends z.ZodType>(
    request: GraphRequest,
    schema: S,
    each: (item: z.infer<S>) => void,
    cap = Number.POSITIVE_INFINITY,
  ): Promise<{ skipped: number; capped: boolean }> {
    let skipped = 0;
    let seen = 0;
    let reportQueued = false;
    const first: unknown = await request.get();
    const iterator = new PageIterator(
      this.client,
      first as { value: unknown[] },
      (item: unknown) => {
        seen++;
        const parsed = schema.safeParse(item);
        if (parsed.success) each(parsed.data as z.infer<S>);
        else skipped++;
        // The iterator calls back synchronously for a whole page, so this reports once per page.
        if (!reportQueued) {
          reportQueued = true;
          queueMicrotask(() => {
            reportQueued = false;
            this.progress(seen);
          });
        }
        return seen < cap && !this.signal?.aborted;
      },
      { options: { signal: this.signal } },
    );
    await iterator.iterate();
    if (this.signal?.aborted) throw new CancelledError('Reading Microsoft Graph was cancelled.');
    return { skipped, capped: !iterator.isComplete() };
  }
}

/**
 * A run on a fresh Graph session. The retry middleware reports throttling waits to the run, which needs the
 * session first: bound here once both exist.
 */
export function startGraphRun(options: Omit<GraphClientOptions, 'retry'> & { retry?: GraphClientOptions['retry']; onProgress?: (p: GraphProgress) => void }): GraphRun {
  const waits: { report?: (seconds: number) => void } = {};
  const retry = options.retry ?? {};
  const session = createGraphSession({
    ...options,
    retry: {
      ...retry,
      onRetry: (info) => {
        retry.onRetry?.(info);
        waits.report?.(info.delaySeconds);
      },
    },
  });
  const run = new GraphRun(session, options.signal, options.onProgress);
  waits.report = (seconds) => run.waiting(seconds);
  return run;
}
