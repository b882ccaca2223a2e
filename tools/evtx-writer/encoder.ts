// Events in, finished chunks out: the part both writers share. Holds at most the chunk being filled.
import { ChunkBuilder } from './chunk-builder';
import { buildFileHeader } from './file-header';
import { RecordBuilder } from './record-builder';
import type { ChunkCursor } from './chunk-cursor';
import type { ChunkTables } from './chunk-tables';
import type { EvtxEventInput, EvtxFlatOptions, EvtxWriterOptions } from './types';

export class EvtxEncoder {
  private readonly records: RecordBuilder;
  private readonly checksums: boolean;
  private readonly maxPerChunk: number;
  private current: ChunkBuilder | null = null;
  private nextId: bigint;
  private closedChunks = 0;
  recordCount = 0;

  constructor(private readonly opts: EvtxWriterOptions = {}) {
    this.records = new RecordBuilder(opts.layout);
    this.checksums = opts.checksums ?? true;
    this.maxPerChunk = opts.maxRecordsPerChunk ?? Infinity;
    if (!(this.maxPerChunk >= 1)) throw new RangeError('maxRecordsPerChunk must be at least 1');
    this.nextId = BigInt(opts.firstRecordId ?? 1);
    if (this.nextId < 1n) throw new RangeError('firstRecordId must be at least 1');
  }

  /** Adds a template-instance record. Returns its record id and the chunk it closed to make room, if any. */
  add(e: EvtxEventInput): { recordId: bigint; closed: Buffer | null } {
    return this.append((c, t, id) => this.records.writeTemplated(c, t, e, id));
  }

  /** Adds a flat (non-template) record, as forwarded-event logs have. */
  addFlat(e: EvtxEventInput, opts?: EvtxFlatOptions): { recordId: bigint; closed: Buffer | null } {
    return this.append((c, t, id) => this.records.writeFlat(c, t, e, id, opts));
  }

  private append(write: (c: ChunkCursor, t: ChunkTables, id: bigint) => void): { recordId: bigint; closed: Buffer | null } {
    const id = this.nextId;
    const run = (c: ChunkCursor, t: ChunkTables) => write(c, t, id);
    let closed: Buffer | null = null;
    const chunk = this.current;
    if (!chunk || chunk.count >= this.maxPerChunk || !chunk.tryAppend(id, run)) {
      // Fill the new chunk before closing the old one, so a record that fits nowhere leaves the writer unchanged.
      const fresh = new ChunkBuilder();
      fresh.tryAppend(id, run);
      if (chunk) {
        closed = chunk.finish(this.checksums);
        this.closedChunks++;
      }
      this.current = fresh;
    }
    this.nextId = id + 1n;
    this.recordCount++;
    return { recordId: id, closed };
  }

  /** Chunks in the file. A log without records still has one empty chunk, which is what readers expect. */
  get chunkCount(): number {
    return this.closedChunks + 1;
  }

  /** The chunk being filled (or the empty one), its header brought up to date. */
  currentChunk(): Buffer {
    this.current ??= new ChunkBuilder();
    return this.current.finish(this.checksums);
  }

  fileHeader(dirty = this.opts.dirty ?? false): Buffer {
    return buildFileHeader({
      chunkCount: this.chunkCount,
      nextRecordId: this.nextId,
      minorVersion: this.opts.version === '3.2' ? 2 : 1,
      dirty,
      checksums: this.checksums,
    });
  }
}
