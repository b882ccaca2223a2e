// Per-chunk name and template definitions. BinXML defines a name or template inline the first time a chunk uses it
// and refers to it by offset afterwards; the chunk header's hash tables chain them so Windows can find them again.
// Definitions made by a record are pending until the record is committed, so a record that overflows the chunk
// leaves no trace.
import { CHUNK_STRING_BUCKETS, CHUNK_STRING_TABLE_OFFSET, CHUNK_TEMPLATE_BUCKETS, CHUNK_TEMPLATE_TABLE_OFFSET } from '../../main/evtx/binary-format';

/** Windows' name hash: hash = hash * 65599 + code unit, over UTF-16 code units, 32 bits. */
export function nameHash(units: string): number {
  let h = 0;
  for (let i = 0; i < units.length; i++) h = (Math.imul(h, 65599) + units.charCodeAt(i)) >>> 0;
  return h;
}

/** Templates are bucketed by the same hash over their GUID read as eight UTF-16 code units (seen in real logs). */
export function templateBucket(guid: Buffer): number {
  let h = 0;
  for (let i = 0; i < 16; i += 2) h = (Math.imul(h, 65599) + guid.readUInt16LE(i)) >>> 0;
  return h % CHUNK_TEMPLATE_BUCKETS;
}

interface Pending {
  key: string;
  offset: number;
  bucket: number;
}

class ChainedTable {
  private readonly committed = new Map<string, number>();
  private readonly pending: Pending[] = [];
  private readonly pendingByKey = new Map<string, number>();
  readonly heads: Uint32Array;

  constructor(buckets: number) {
    this.heads = new Uint32Array(buckets);
  }

  get(key: string): number | undefined {
    return this.committed.get(key) ?? this.pendingByKey.get(key);
  }

  add(key: string, offset: number, bucket: number): void {
    this.pending.push({ key, offset, bucket });
    this.pendingByKey.set(key, offset);
  }

  /** Links pending definitions at the head of their bucket (Windows puts the newest first); `next` is at offset 0. */
  commit(buf: Buffer): void {
    for (const p of this.pending) {
      buf.writeUInt32LE(this.heads[p.bucket] ?? 0, p.offset);
      this.heads[p.bucket] = p.offset;
      this.committed.set(p.key, p.offset);
    }
    this.rollback();
  }

  rollback(): void {
    this.pending.length = 0;
    this.pendingByKey.clear();
  }
}

export class ChunkTables {
  readonly names = new ChainedTable(CHUNK_STRING_BUCKETS);
  readonly templates = new ChainedTable(CHUNK_TEMPLATE_BUCKETS);

  commit(buf: Buffer): void {
    this.names.commit(buf);
    this.templates.commit(buf);
  }

  rollback(): void {
    this.names.rollback();
    this.templates.rollback();
  }

  /** Writes both bucket arrays into the chunk header area. */
  writeTo(buf: Buffer): void {
    this.names.heads.forEach((v, i) => buf.writeUInt32LE(v, CHUNK_STRING_TABLE_OFFSET + i * 4));
    this.templates.heads.forEach((v, i) => buf.writeUInt32LE(v, CHUNK_TEMPLATE_TABLE_OFFSET + i * 4));
  }
}
