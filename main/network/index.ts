// The live network probe (engine layer): endpoints as data, probes, proxy discovery, one run → LiveNetworkFact.
export { CLOUDS, type Cloud, type Endpoint, endpointsFor, loadEndpointTable, mergeEndpoints, readEndpointsFile, EndpointsFileError } from './endpoints';
export { discoverProxy, type ProxyChoice, type ProxySetting } from './proxy';
export { runLiveNetworkTest, DEFAULT_STEP_TIMEOUT_MS, DEFAULT_TOTAL_TIMEOUT_MS, type LiveTestOptions } from './live-test';
