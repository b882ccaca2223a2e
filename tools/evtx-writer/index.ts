// EVTX writer: builds real Windows event log files (template records, chunks, CRCs) for fixtures and benchmarks.
//
//   const w = new EvtxWriter();
//   w.add({
//     time: '2024-05-01T10:00:00.1234567Z', provider: { name: 'Microsoft-Windows-AAD', guid: '{4DE9BC9C-…}' },
//     eventId: 1098, level: 2, channel: 'Microsoft-Windows-AAD/Operational', computer: 'MTR-ROOM-01',
//     data: [{ name: 'Error', type: 'uint32', value: 3399811084 }, { name: 'ErrorMessage', value: '…' }],
//   });
//   w.add({ time: new Date(), style: 'classic', provider: 'SRS-App', eventId: 2001,
//           channel: 'Skype Room System', computer: 'MTR-ROOM-01', data: [{ value: JSON.stringify(payload) }] });
//   const bytes = w.toBytes();                               // small files
//   await writeEvtxFile(path, events);                       // big files, one chunk in memory
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
export { fileTimeToWindowsIso, toFileTime } from './time';
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
