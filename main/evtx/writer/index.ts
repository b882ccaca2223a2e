// EVTX writer: builds real Windows event log files (template records, chunks, CRCs) for fixtures and benchmarks.
export { EvtxWriter, buildEvtx } from './evtx-writer';
export { EvtxFileWriter, writeEvtxFile } from './file-writer';
export {
  corruptChunkDataCrc,
  corruptChunkHeaderCrc,
  corruptChunkSignature,
  patchFileHeader,
  tearLastRecord,
  truncateInLastRecord,
} from './damage';
export { fileTimeToIso, toFileTime } from './time';
export type {
  EvtxArrayTypeName,
  EvtxDataItem,
  EvtxDataTypeName,
  EvtxEventInput,
  EvtxFlatOptions,
  EvtxLayout,
  EvtxProviderInput,
  EvtxScalarTypeName,
  EvtxTime,
  EvtxTypedValue,
  EvtxUserData,
  EvtxWriterOptions,
  EvtxXmlElement,
} from './types';
