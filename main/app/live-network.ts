// The app's live network test: runs main/network for the wizard's "Test this network now", keeps the latest
// result for the session, and joins it to the network check of every analysis (as separate `live:` evidence).
import { assessLiveNetwork, type LiveAssessment, withLiveNetwork } from '../checks/network-live';
import type { AnalysisResult, CheckResult } from '../model/analysis';
import type { LiveNetworkFact } from '../model/facts';
import { type Cloud, discoverProxy, type Endpoint, endpointsFor, type ProxyChoice, runLiveNetworkTest } from '../network';

/** Where the test goes; the defaults are the built-in Microsoft list and the system's DNS. Tests point it at fakes. */
export interface LiveNetworkConfig {
  /** Replaces the built-in endpoint list for every cloud. */
  endpoints?: Endpoint[];
  dnsServers?: string[] | null;
  stepTimeoutMs?: number;
  totalTimeoutMs?: number;
  /** Where "this machine's proxy settings" are read (environment, platform); tests give their own, never the machine's. */
  proxySettings?: Pick<ProxyChoice, 'env' | 'platform' | 'run'>;
}

export interface LiveNetworkRequest {
  cloud: Cloud;
  /** 'system': the machine's proxy settings; 'none': direct; otherwise an http:// proxy URL. */
  proxy: string;
}

export interface LiveNetworkResponse {
  fact: LiveNetworkFact;
  assessment: LiveAssessment;
  /** The last analysis's network check with this test joined, for the wizard to show at once; null before any analysis. */
  check: CheckResult | null;
}

export class LiveNetworkSession {
  private latest: LiveNetworkFact | null = null;
  /** The last analysis's network check from the device and tenant alone, so a new live test replaces the old one. */
  private deviceCheck: CheckResult | null = null;

  constructor(private readonly config: LiveNetworkConfig = {}) {}

  async test(req: LiveNetworkRequest, signal: AbortSignal, onProgress: (p: { done: number; total: number; message: string }) => void): Promise<LiveNetworkResponse> {
    const proxy = await discoverProxy({ ...this.config.proxySettings, ...(req.proxy === 'system' ? {} : req.proxy === 'none' ? { noProxy: true } : { proxy: req.proxy }) });
    const endpoints = this.config.endpoints ?? endpointsFor(req.cloud);
    const fact = await runLiveNetworkTest({
      cloud: req.cloud,
      endpoints,
      proxy,
      dnsServers: this.config.dnsServers ?? null,
      stepTimeoutMs: this.config.stepTimeoutMs,
      totalTimeoutMs: this.config.totalTimeoutMs,
      signal,
      onProgress: ({ done, total, endpoint }) => onProgress({ done, total, message: `${endpoint.host}:${endpoint.port}: ${endpoint.message}` }),
    });
    // A cancelled run is shown, not kept: it says nothing about the network.
    if (fact.incomplete !== 'cancelled') this.latest = fact;
    const assessment = assessLiveNetwork([fact]) as LiveAssessment;
    return { fact, assessment, check: this.deviceCheck && fact.incomplete !== 'cancelled' ? withLiveNetwork(this.deviceCheck, [fact]) : null };
  }

  /** Joins the latest live test to an analysis' network check (the analysis itself read only the device and tenant). */
  apply(result: AnalysisResult): AnalysisResult {
    const network = result.checks.find((c) => c.id === 'network');
    if (!network) return result;
    this.deviceCheck = network;
    if (!this.latest) return result;
    const joined = withLiveNetwork(network, [this.latest]);
    return { ...result, checks: result.checks.map((c) => (c.id === 'network' ? joined : c)) };
  }
}
