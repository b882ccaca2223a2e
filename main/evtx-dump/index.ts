// The EVTX reader's export wing, for `mtr-doctor evtx` and the bench only (the checks read records
// through main/evtx): whole files dumped as XML bytes, and records read by a pool of worker threads.
export { EvtxWorkerPool, readEvtxParallel, type PoolOptions, type ParallelReadOptions } from './pool';
export { readEvtxXml, writeEvtxXml, type XmlDumpOptions } from './xml-dump';
