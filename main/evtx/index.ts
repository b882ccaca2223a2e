// Public entry of the EVTX reader: Windows XML Event Log files per the libyal EVTX spec and
// [MS-EVEN6] binary XML. Self-contained: Node built-ins only, no Electron.
export { readEvtx, readEvtxStats, peekEvtx, type ReadOptions, type EvtxStats } from './reader';
export { readChunk as readEvtxChunk, type ChunkReadOptions, type ChunkReadResult } from './chunk-reader';
export { compileFilter, type CompiledFilter } from './filter';
export { EvtxWorkerPool, readEvtxParallel, resolveWorkerScript, type PoolOptions, type ParallelReadOptions } from './pool';
export { fileTimeToIso } from './time';
export type { EvtxRecord, EvtxValue, EvtxProblem, EvtxProblemKind, EvtxFilter, EvtxPeek } from './types';
