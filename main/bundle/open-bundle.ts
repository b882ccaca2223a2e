// Opens a diagnostic bundle (zip or folder), lists it safely, identifies its event logs,
// and gives the analysis streams or on-disk copies of the entries it needs.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppTemp } from '../fs/app-temp';
import type { Inventory, InventoryEntry, ProgressEvent } from '../model/inventory';
import { isAadEntry, isSrsEntry, notABundleReason } from './analysable';
import { kindFromContent, kindFromName } from './classify';
import { BundleError, type RejectedEntry } from './bundle-error';
import { FolderSource, type WalkFs } from './folder-source';
import { DEFAULT_LIMITS, type BundleLimits } from './limits';
import { formatBytes, formatCount } from '../model/display-format';
import { identifyEvtx } from './identify-evtx';
import type { Budget, BundleSource, SourceEntry } from './bundle-source';
import { ZipSource } from './zip-source';

/** What an event log's first bytes (file header + first chunk) and size show. */
export interface EvtxInspection {
  /** Channel and provider of its first record, or null when its first chunk holds no readable record. */
  id: { channel: string; provider: string } | null;
  /** Damage its header and first chunk show (cut short, a bad header), in words naming the file, or null. */
  damage: string | null;
}

/** Reads the channel of an event log, and the damage its header shows, from its first bytes and its size. */
export type EvtxIdentifier = (head: Uint8Array, name: string, size: number) => Promise<EvtxInspection>;

export interface OpenBundleOptions {
  temp: AppTemp;
  limits?: Partial<BundleLimits>;
  /** How an event log's channel is read (default: from its first record, identify-evtx.ts; tests slow it down). */
  identifyEvtx?: EvtxIdentifier;
  onProgress?: (p: Omit<ProgressEvent, 'jobId'>) => void;
  signal?: AbortSignal;
  /** The folder walk's fs calls (tests make files vanish through it). */
  walkFs?: WalkFs;
}

/**
 * What has been copied into the session folder. Each copy is reserved at its declared size before a byte
 * is written (zip streams fail when the data outgrows the declared size), so the caps hold for the whole bundle.
 */
export class ExtractBudget {
  private bytes = 0;
  private files = 0;

  constructor(
    private readonly limits: Pick<BundleLimits, 'maxExtractBytes' | 'maxExtractFiles'>,
    private readonly bundleName: string,
  ) {}

  reserve(entry: string, size: number): void {
    if (this.files + 1 > this.limits.maxExtractFiles) {
      throw new BundleError('too-large', entry, `${entry}: not read, ${this.bundleName} needs more than ${this.limits.maxExtractFiles} files copied to the temporary folder.`);
    }
    if (this.bytes + size > this.limits.maxExtractBytes) {
      throw new BundleError(
        'too-large',
        entry,
        `${entry}: not read, copying it would take the temporary copies of ${this.bundleName} past ${formatBytes(this.limits.maxExtractBytes)}.`,
      );
    }
    this.files += 1;
    this.bytes += size;
  }
}

/** Enough bytes for the file header block and the first chunk. */
const EVTX_HEAD_BYTES = 4096 + 65536;
const SNIFF_BYTES = 8;

interface Location {
  source: BundleSource;
  entry: SourceEntry;
}

/** Channel names as Windows writes them into file names: `%4` (or `_` in bundles) for `/`. */
export function channelFromFileName(file: string): string {
  const base = path.posix.basename(file).replace(/\.evtx$/i, '').replace(/%4/g, '/');
  return base.replace(/_(Operational|Admin|Analytic|Debug)$/i, '/$1');
}

async function readHead(stream: Readable, max: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let got = 0;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      parts.push(buf);
      got += buf.length;
      if (got >= max) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, max);
}

export class Bundle {
  private sessionDir: string | null = null;
  private readonly extracted = new Map<string, Promise<string>>();
  private copies = 0;
  private copyQueue: Promise<void> = Promise.resolve();

  constructor(
    readonly inventory: Inventory,
    private readonly locations: Map<string, Location>,
    private readonly sources: BundleSource[],
    private readonly temp: AppTemp,
    session: string | null,
    private readonly extractBudget: ExtractBudget,
  ) {
    this.sessionDir = session;
  }

  async openEntry(p: string): Promise<Readable> {
    const loc = this.locate(p);
    return loc.source.open(loc.entry);
  }

  /** The entry's own file when the bundle is a folder; null for an entry inside a zip (stream it instead). */
  pathOnDisk(p: string): string | null {
    const loc = this.locate(p);
    return loc.source.filePath(loc.entry);
  }

  /**
   * A path on disk for the entry: the file itself for folders, an extracted copy in the app's temp folder for
   * zips. The analysis reads logs in place (pathOnDisk, openEntry); this is for callers that need a file. Calls
   * may overlap; each entry is copied once, one copy at a time. An abort stops the copy and removes the partial file.
   */
  fileFor(p: string, signal?: AbortSignal): Promise<string> {
    const loc = this.locate(p);
    const direct = loc.source.filePath(loc.entry);
    if (direct) return Promise.resolve(direct);
    const known = this.extracted.get(p);
    if (known) return known;
    const copy = this.copyOut(p, loc, signal);
    this.extracted.set(p, copy);
    // A failed copy may be asked for again (it fails again with its own message), never served half-written.
    copy.catch(() => this.extracted.delete(p));
    return copy;
  }

  private async copyOut(p: string, loc: Location, signal?: AbortSignal): Promise<string> {
    this.extractBudget.reserve(p, loc.entry.size);
    // Numbered before the first await: overlapping copies never share a name.
    const n = this.copies++;
    // One copy at a time: two streams over one zip file queue their reads, and a stream destroyed mid-copy
    // (damaged data) would otherwise run a queued read after the archive was closed.
    const turn = this.copyQueue;
    let done = (): void => undefined;
    this.copyQueue = new Promise<void>((resolve) => (done = resolve));
    try {
      await turn;
      return await this.copyNow(p, loc, n, signal);
    } finally {
      done();
    }
  }

  private async copyNow(p: string, loc: Location, n: number, signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted();
    const dir = await this.session();
    // Our own file names, never the archive's: the archive decides nothing about where bytes land.
    const target = path.join(dir, `entry-${n}${path.extname(p).toLowerCase().replace(/[^.a-z0-9]/g, '')}`);
    try {
      await pipeline(await loc.source.open(loc.entry), createWriteStream(target, { flags: 'wx', mode: 0o600 }), { signal });
    } catch (err) {
      await rm(target, { force: true }).catch(() => undefined);
      throw err;
    }
    return target;
  }

  private locate(p: string): Location {
    const loc = this.locations.get(p);
    if (!loc) throw new BundleError('io-error', p, `${p} is not in the bundle ${this.inventory.name}.`);
    return loc;
  }

  private creating: Promise<string> | null = null;

  private async session(): Promise<string> {
    if (this.sessionDir) return this.sessionDir;
    // One session folder even when copies start together.
    this.creating ??= this.temp.createSession().then((dir) => (this.sessionDir = dir));
    return this.creating;
  }

  async close(): Promise<void> {
    // Copies still running (an abort stops them) finish before their folder goes.
    await Promise.allSettled([...this.extracted.values(), ...(this.creating ? [this.creating] : [])]);
    for (const s of this.sources) await s.close().catch(() => undefined);
    if (this.sessionDir) await this.temp.removeSession(this.sessionDir);
    this.sessionDir = null;
  }
}

export async function openBundle(input: string, opts: OpenBundleOptions): Promise<Bundle> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const name = path.basename(input);
  const abs = path.resolve(input);
  let st;
  try {
    st = await stat(abs);
  } catch {
    throw new BundleError('not-found', name, `${input} does not exist or cannot be read.`);
  }
  const budget: Budget = { entries: 0, bytes: 0 };
  const extractBudget = new ExtractBudget(limits, name);
  const sources: BundleSource[] = [];
  const locations = new Map<string, Location>();
  const rejected: RejectedEntry[] = [];
  const warnings: string[] = [];
  const entries: InventoryEntry[] = [];
  let session: string | null = null;
  const progress = opts.onProgress ?? (() => undefined);

  const cleanup = async () => {
    for (const s of sources) await s.close().catch(() => undefined);
    if (session) await opts.temp.removeSession(session).catch(() => undefined);
  };

  try {
    let root: BundleSource;
    if (st.isDirectory()) root = new FolderSource(abs, name, limits, budget, opts.walkFs);
    else if (st.isFile()) root = await ZipSource.open(abs, name, limits, budget);
    else throw new BundleError('not-a-bundle', name, `${name} is neither a zip file nor a folder.`);
    sources.push(root);

    // Breadth-first over the bundle and the zips inside it, one level deep by default.
    const queue: { source: BundleSource; prefix: string; depth: number }[] = [{ source: root, prefix: '', depth: 0 }];
    while (queue.length > 0) {
      const { source, prefix, depth } = queue.shift() as (typeof queue)[number];
      progress({ phase: 'listing', message: `Listing ${prefix || name}`, done: entries.length, total: null });
      const listing = await source.list(opts.signal);
      for (const r of listing.rejected) rejected.push({ ...r, path: prefix + r.path });
      warnings.push(...listing.warnings);
      for (const e of listing.entries) {
        const full = prefix + e.path;
        const kind = kindFromName(e.path);
        if (kind === 'zip') {
          if (depth >= limits.maxZipDepth) {
            rejected.push({
              path: full,
              reason: 'nested-zip-depth',
              message: `${full}: not opened, zips nested more than ${limits.maxZipDepth} level${limits.maxZipDepth === 1 ? '' : 's'} deep are refused.`,
            });
            continue;
          }
          try {
            if (!source.filePath(e)) extractBudget.reserve(full, e.size);
            if (!session) session = await opts.temp.createSession();
            progress({ phase: 'extracting', message: `Opening ${full}`, done: entries.length, total: null });
            const file = source.filePath(e) ?? path.join(session, `nested-${sources.length}.zip`);
            if (!source.filePath(e)) await pipeline(await source.open(e), createWriteStream(file, { flags: 'wx', mode: 0o600 }));
            const inner = await ZipSource.open(file, full, limits, budget);
            sources.push(inner);
            queue.push({ source: inner, prefix: `${full}/`, depth: depth + 1 });
            continue;
          } catch (err) {
            if (err instanceof BundleError && err.code === 'too-many-entries') throw err;
            rejected.push({ path: full, reason: 'unreadable', message: err instanceof Error ? err.message : String(err) });
            continue;
          }
        }
        locations.set(full, { source, entry: e });
        entries.push({
          path: full,
          size: e.size,
          compressedSize: e.compressedSize,
          kind,
          channel: null,
          provider: null,
          identifiedBy: null,
          note: null,
        });
      }
    }

    // Confirm kinds from content and identify each event log by the channel inside it, up to a cap: the logs
    // whose names say AAD Operational or Skype Room System first, the others in file order.
    const named = entries.filter((e) => e.kind === 'evtx');
    const byName = (e: InventoryEntry): boolean => {
      const guess = { ...e, channel: channelFromFileName(e.path) };
      return isAadEntry(guess) || isSrsEntry(guess);
    };
    const opened = new Set([...named.filter(byName), ...named.filter((e) => !byName(e))].slice(0, limits.maxIdentifiedLogs));
    const unopened = named.filter((e) => !opened.has(e));
    for (const e of unopened) {
      e.channel = channelFromFileName(e.path);
      e.identifiedBy = 'name';
      e.unopened = true;
      e.note = 'not opened (too many event logs); channel guessed from the file name';
    }
    if (unopened.length > 0) {
      warnings.push(
        `${name} holds ${formatCount(named.length)} event logs, far more than a device writes: the first ${formatCount(opened.size)} were identified and ${formatCount(unopened.length)} were skipped (their channels are guessed from their file names).`,
      );
    }
    const toSniff = entries.filter((e) => (e.kind === 'evtx' && opened.has(e)) || e.kind === 'other');
    let done = 0;
    for (const e of toSniff) {
      if (opts.signal?.aborted) throw new BundleError('cancelled', name, 'Reading the bundle was cancelled.');
      progress({ phase: 'identifying', message: `Identifying ${e.path}`, done: done++, total: toSniff.length });
      const loc = locations.get(e.path) as Location;
      let head: Buffer;
      try {
        head = await readHead(await loc.source.open(loc.entry), e.kind === 'evtx' ? EVTX_HEAD_BYTES : SNIFF_BYTES);
      } catch (err) {
        e.note = `cannot be read: ${(err as Error).message}`;
        warnings.push(`${e.path}: cannot be read (${(err as Error).message}).`);
        continue;
      }
      const named = e.kind;
      e.kind = kindFromContent(e.path, head);
      if (named === 'evtx' && e.kind !== 'evtx') {
        // A damaged start hides a log as well as a cut does: said, not silently set aside.
        e.note = 'named as an event log, but no "ElfFile" signature at its start: not read';
        warnings.push(`${e.path} is named as an event log, but it does not start like one (no "ElfFile" signature): it is damaged or not an event log, and was not read.`);
      }
      if (e.kind !== 'evtx') continue;
      const seen = await (opts.identifyEvtx ?? identifyEvtx)(head, e.path, e.size).catch(() => null);
      const id = seen?.id;
      if (seen?.damage) {
        e.damaged = seen.damage;
        warnings.push(seen.damage);
      }
      if (id) {
        e.channel = id.channel;
        e.provider = id.provider;
        e.identifiedBy = 'content';
      } else {
        e.channel = channelFromFileName(e.path);
        e.identifiedBy = 'name';
        e.note = 'no readable record in its first chunk; channel guessed from the file name';
      }
    }
    // A cancel that came while the last log was identified still cancels.
    if (opts.signal?.aborted) throw new BundleError('cancelled', name, 'Reading the bundle was cancelled.');
  } catch (err) {
    await cleanup();
    throw err;
  }

  const counts = {
    files: entries.length,
    evtx: entries.filter((e) => e.kind === 'evtx').length,
    textLogs: entries.filter((e) => e.kind === 'text-log').length,
    other: entries.filter((e) => e.kind === 'other').length,
    rejected: rejected.length,
    bytes: entries.reduce((n, e) => n + e.size, 0),
  };
  const notABundle = notABundleReason({ name, entries, rejected });
  if (notABundle) warnings.push(notABundle);
  progress({ phase: 'done', message: `Read ${name}`, done: counts.files, total: counts.files });
  const inventory: Inventory = {
    bundleId: randomUUID(),
    name,
    source: st.isDirectory() ? 'folder' : 'zip',
    entries,
    rejected,
    warnings,
    notABundle,
    counts,
  };
  return new Bundle(inventory, locations, sources, opts.temp, session, extractBudget);
}
