// Bounded little-endian writer over a chunk buffer. Offsets are chunk-relative because BinXML refers to names and
// templates by their offset in the chunk; running past the chunk's end throws RecordOverflow so the record can be
// rolled back and retried in a fresh chunk.

export class RecordOverflow extends Error {
  constructor() {
    super('record does not fit in the chunk');
  }
}

export class ChunkCursor {
  /** Highest offset written, so a rolled-back record can be wiped. */
  highWater: number;

  constructor(
    readonly buf: Buffer,
    public pos: number,
    readonly limit: number = buf.length,
  ) {
    this.highWater = pos;
  }

  private need(n: number): number {
    const at = this.pos;
    if (at + n > this.limit) throw new RecordOverflow();
    this.pos = at + n;
    if (this.pos > this.highWater) this.highWater = this.pos;
    return at;
  }

  u8(v: number): void {
    this.buf[this.need(1)] = v;
  }

  u16(v: number): void {
    this.buf.writeUInt16LE(v, this.need(2));
  }

  u32(v: number): void {
    this.buf.writeUInt32LE(v >>> 0, this.need(4));
  }

  u64(v: bigint): void {
    this.buf.writeBigUInt64LE(v, this.need(8));
  }

  bytes(b: Uint8Array): void {
    this.buf.set(b, this.need(b.length));
  }

  zeros(n: number): void {
    const at = this.need(n);
    this.buf.fill(0, at, at + n);
  }

  /** Writes a placeholder and returns where, for patchU32/patchU16 once the size is known. */
  reserveU32(): number {
    return this.need(4);
  }

  reserveU16(): number {
    return this.need(2);
  }

  patchU32(at: number, v: number): void {
    this.buf.writeUInt32LE(v >>> 0, at);
  }

  patchU16(at: number, v: number): void {
    this.buf.writeUInt16LE(v, at);
  }
}
