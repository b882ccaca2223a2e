// dist/lib/evtx.js for the benchmark: the reader the checks use and the dump wing, in one bundle.
export * from '../../main/evtx/index';
export * from '../../main/evtx-dump/index';
