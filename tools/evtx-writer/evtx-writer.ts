// In-memory EVTX writer: collect events, get the file's bytes. For small and medium fixtures.
import { open } from 'node:fs/promises';
import { EvtxEncoder } from './encoder';
import type { EvtxEventInput, EvtxFlatOptions, EvtxWriterOptions } from './types';

export class EvtxWriter {
  private readonly encoder: EvtxEncoder;
  private readonly closed: Buffer[] = [];

  constructor(opts: EvtxWriterOptions = {}) {
    this.encoder = new EvtxEncoder(opts);
  }

  /** Adds an event as a template-instance record; returns its EventRecordID. */
  add(event: EvtxEventInput): bigint {
    const r = this.encoder.add(event);
    if (r.closed) this.closed.push(r.closed);
    return r.recordId;
  }

  /** Adds an event as a flat (non-template) record, as forwarded-event logs have; returns its EventRecordID. */
  addFlat(event: EvtxEventInput, opts?: EvtxFlatOptions): bigint {
    const r = this.encoder.addFlat(event, opts);
    if (r.closed) this.closed.push(r.closed);
    return r.recordId;
  }

  get recordCount(): number {
    return this.encoder.recordCount;
  }

  get chunkCount(): number {
    return this.encoder.chunkCount;
  }

  private parts(): Buffer[] {
    return [this.encoder.fileHeader(), ...this.closed, this.encoder.currentChunk()];
  }

  /** The whole file. More events may be added afterwards; the next call includes them. */
  toBytes(): Uint8Array {
    return Buffer.concat(this.parts());
  }

  /** Writes the file chunk by chunk, without concatenating it in memory first. */
  async writeFile(path: string): Promise<void> {
    const fh = await open(path, 'w');
    try {
      for (const part of this.parts()) await fh.write(part);
    } finally {
      await fh.close();
    }
  }
}

/** Builds a whole file from events. */
export function buildEvtx(events: Iterable<EvtxEventInput>, opts?: EvtxWriterOptions): Uint8Array {
  const w = new EvtxWriter(opts);
  for (const e of events) w.add(e);
  return w.toBytes();
}
