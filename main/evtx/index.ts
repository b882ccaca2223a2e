// Public entry of the EVTX reader: Windows XML Event Log files per the libyal EVTX spec and
// [MS-EVEN6] binary XML. Self-contained (Node built-ins only, no Electron).
//
//   for await (const r of readEvtx('System.evtx', { filter: { eventIds: [41] }, onProblem })) r.xml();
//   readEvtx(streamSource(zipEntryStream, uncompressedSize), { name })  the same, read forward from a stream
//   await peekEvtx(path)        channel/provider/computer of the first record
//   await inspectEvtxHead(head, name, size)  the same and the damage the header and first chunk show
//   await readEvtxStats(path)   { records, chunks, problems }
//   await whyUnreadable(path)   the problem that stops a file being read at all, or null
//   readEvtxXml(path, { workers })  every record's XML as UTF-8 blocks, for dumping
//   writeEvtxXml(path, write)   the same, on this thread, from one reused buffer (for the CLI)
//   readEvtxChunk(bytes)        one 64 KiB chunk, synchronously
//   new EvtxWorkerPool({ workers }).read(path)  /  readEvtxParallel(path, { workers })
//
// Damaged input never throws: readable records are returned, the rest is reported as problems.
export { readEvtx, readEvtxBatches, readEvtxStats, peekEvtx, inspectEvtxHead, whyUnreadable, type ReadOptions, type EvtxStats } from './reader';
export { readEvtxChunk, type EvtxChunkOptions } from './chunk-reader';
export { streamSource, type ByteSource, type EvtxSource } from './byte-source';
export { fileTimeToIso } from './filetime';
export type { EvtxRecord, EvtxValue, EvtxProblem, EvtxProblemKind, EvtxFilter, EvtxPeek } from './types';
