// The app's live network test: runs main/network for the wizard's "Test this network now" and keeps the latest
// result for the open session (one bundle or room), with the technician's word on whether the laptop was on the
// room's network. The analysis takes it as an input (analyse's `liveNetwork`); nothing here rewrites a result.
import type { LiveNetworkInput } from '../analysis/analyse';
import { assessLiveNetwork, type LiveAssessment } from '../checks/network-live';
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
}

export class LiveNetworkSession {
  private latest: LiveNetworkFact | null = null;
  private onRoomNetwork = false;

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
    // A cancelled run is shown, not kept: it says nothing about the network. A new test is unconfirmed.
    if (fact.incomplete !== 'cancelled') {
      this.latest = fact;
      this.onRoomNetwork = false;
    }
    return { fact, assessment: assessLiveNetwork([fact]) as LiveAssessment };
  }

  /** The technician's word: the laptop was (or was not) on the room's network when it ran the test. */
  confirm(onRoomNetwork: boolean): void {
    this.onRoomNetwork = onRoomNetwork;
  }

  /** What the next analysis of this session takes, or null before any test. */
  input(): LiveNetworkInput | null {
    return this.latest ? { fact: this.latest, onRoomNetwork: this.onRoomNetwork } : null;
  }

  /** Start over, another bundle or another room: the test belongs to the session it was run in. */
  clear(): void {
    this.latest = null;
    this.onRoomNetwork = false;
  }
}
