// Worker thread entry (built to dist/workers/evtx-worker.js): parses chunks with the synchronous
// core and posts plain records back. Long-lived: it serves chunk after chunk, file after file.
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { readChunk } from '../evtx/chunk-reader';
import { compileFilter } from '../evtx/filter';
import { CHUNK_SIZE } from '../evtx/binary-format';
import { packRecords } from './plain';
import { ByteOut, XmlSink } from './render-xml-bytes';
import type { ChunkDone, ChunkJob, ReleaseJob } from './worker-protocol';

const files = new Map<string, number>();

function readBlock(path: string, offset: number, length = CHUNK_SIZE): Buffer {
  let fd = files.get(path);
  if (fd === undefined) {
    fd = openSync(path, 'r');
    files.set(path, fd);
  }
  // Its own ArrayBuffer (not the pool's), so it can be transferred back.
  const buf = Buffer.allocUnsafeSlow(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, offset + got);
    if (n === 0) break;
    got += n;
  }
  return got === length ? buf : buf.subarray(0, got);
}

function run(job: ChunkJob): { done: ChunkDone; transfer: ArrayBuffer[] } {
  const empty: ChunkDone = { id: job.id, isChunk: false, chunks: 0, firstRecordId: null, recordCount: 0, records: packRecords([], job.chunkIndex, false, false), problems: [], bytes: null, byteOffset: 0, byteLength: 0 };
  let bytes: Buffer;
  try {
    if (job.bytes) bytes = Buffer.from(job.bytes);
    else if (job.path !== undefined) bytes = readBlock(job.path, job.fileOffset, (job.chunkCount ?? 1) * CHUNK_SIZE);
    else return { done: { ...empty, error: 'job has neither a path nor bytes' }, transfer: [] };
  } catch (err) {
    return { done: { ...empty, error: err instanceof Error ? err.message : String(err) }, transfer: [] };
  }
  if (job.xmlBlock) return xmlRun(job, bytes, empty);
  const result = readChunk(bytes, { file: job.file, chunkIndex: job.chunkIndex, fileOffset: job.fileOffset, filter: compileFilter(job.filter) });
  const records = packRecords(result.records, job.chunkIndex, job.xml, job.data);
  // Records' binary values are views into the chunk and xml() may need it later: hand the bytes
  // back (transferred, not copied) whenever there are records.
  const keep = result.records.length > 0;
  const buffer = bytes.buffer as ArrayBuffer;
  return {
    done: {
      id: job.id,
      isChunk: result.isChunk,
      chunks: result.isChunk ? 1 : 0,
      firstRecordId: result.firstRecordId,
      recordCount: result.recordCount,
      records,
      problems: result.problems,
      bytes: keep ? buffer : null,
      byteOffset: bytes.byteOffset,
      byteLength: bytes.byteLength,
    },
    transfer: keep ? [buffer] : [],
  };
}

// Rendered into one reused buffer (render-xml-bytes.ts), then copied out once per job to transfer.
const out = new ByteOut();
const sink = new XmlSink(out);

/** An XML job: `chunkCount` consecutive chunks rendered into one UTF-8 block (its own ArrayBuffer, transferred). */
function xmlRun(job: ChunkJob, bytes: Buffer, empty: ChunkDone): { done: ChunkDone; transfer: ArrayBuffer[] } {
  const filter = compileFilter(job.filter);
  const problems: ChunkDone['problems'] = [];
  let recordCount = 0;
  let chunks = 0;
  let firstRecordId: bigint | null = null;
  out.pos = 0;
  for (let k = 0; k * CHUNK_SIZE < bytes.length; k++) {
    const chunkIndex = job.chunkIndex + k;
    const chunk = bytes.subarray(k * CHUNK_SIZE, (k + 1) * CHUNK_SIZE);
    const result = readChunk(chunk, { file: job.file, chunkIndex, fileOffset: job.fileOffset + k * CHUNK_SIZE, filter, sink });
    problems.push(...result.problems);
    recordCount += result.recordCount;
    if (result.isChunk) chunks++;
    if (result.firstRecordId !== null && (firstRecordId === null || result.firstRecordId < firstRecordId)) firstRecordId = result.firstRecordId;
  }
  let xmlBytes: ArrayBuffer | null = null;
  if (out.pos > 0) {
    const block = Buffer.allocUnsafeSlow(out.pos);
    out.buf.copy(block, 0, 0, out.pos);
    xmlBytes = block.buffer as ArrayBuffer;
  }
  return { done: { ...empty, chunks, firstRecordId, recordCount, problems, xmlBytes }, transfer: xmlBytes ? [xmlBytes] : [] };
}

const port = parentPort;
if (port) {
  port.on('message', (msg: ChunkJob | ReleaseJob) => {
    if ('release' in msg) {
      const fd = files.get(msg.release);
      files.delete(msg.release);
      if (fd !== undefined) closeSync(fd);
      return;
    }
    const { done, transfer } = run(msg);
    port.postMessage(done, transfer);
  });
}
