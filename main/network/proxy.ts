// Which proxy this machine would use, and a CONNECT tunnel through it. Discovery only reads settings (environment;
// on Windows `netsh winhttp show proxy` and the WinINET registry values); a PAC script or WPAD is reported, not run.
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { Socket } from 'node:net';

export interface ProxySetting {
  /** http://host:port, or null for a direct connection. */
  url: string | null;
  /** Where it came from: "--proxy", "--no-proxy", "HTTPS_PROXY", "WinHTTP", "WinINET", "none". */
  source: string;
  /** Hosts the proxy is bypassed for (NO_PROXY, WinHTTP bypass list, WinINET ProxyOverride). */
  bypass: string[];
  /** PAC script address (WinINET AutoConfigURL), reported: it is not evaluated. */
  pac: string | null;
  notes: string[];
}

export interface ProxyChoice {
  proxy?: string | null;
  noProxy?: boolean;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Runs a Windows command and returns its stdout (injected in tests). */
  run?: (file: string, args: string[]) => Promise<string>;
}

function envValue(env: NodeJS.ProcessEnv, name: string): { name: string; value: string } | null {
  for (const n of [name, name.toLowerCase()]) {
    const v = env[n]?.trim();
    if (v) return { name: n, value: v };
  }
  return null;
}

/** A proxy address as http://host:port; bare host:port (as Windows writes it) gets http://. */
export function normaliseProxyUrl(raw: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  const u = new URL(withScheme);
  if (u.protocol !== 'http:') throw new Error(`proxy ${raw}: only http:// proxies are supported (CONNECT over plain HTTP)`);
  return `http://${u.username ? `${u.username}@` : ''}${u.host}`;
}

/** `netsh winhttp show proxy`: "Direct access (no proxy server)." or "Proxy Server(s) :  host:port" + "Bypass List". */
export function parseNetshWinHttp(text: string): { server: string | null; bypass: string[] } {
  const server = /Proxy Server\(s\)\s*:\s*(\S+)/i.exec(text)?.[1] ?? null;
  const bypass = /Bypass List\s*:\s*(.+)/i.exec(text)?.[1]?.trim();
  return { server: pickHttpsServer(server), bypass: bypass && !/\(none\)/i.test(bypass) ? bypass.split(/[;,]/).map((s) => s.trim()).filter(Boolean) : [] };
}

/** `reg query …\Internet Settings`: ProxyEnable, ProxyServer, ProxyOverride, AutoConfigURL, AutoDetect. */
export function parseInternetSettings(text: string): { server: string | null; bypass: string[]; pac: string | null } {
  const value = (name: string) => new RegExp(`^\\s*${name}\\s+REG_\\w+\\s+(.*)$`, 'im').exec(text)?.[1]?.trim() ?? null;
  const enabled = /^0x0*1$/i.test(value('ProxyEnable') ?? '');
  const override = value('ProxyOverride');
  return {
    server: enabled ? pickHttpsServer(value('ProxyServer')) : null,
    bypass: override ? override.split(';').map((s) => s.trim()).filter(Boolean) : [],
    pac: value('AutoConfigURL'),
  };
}

/** Windows proxy strings may be per scheme: "http=p1:8080;https=p2:8443". The HTTPS one matters here. */
function pickHttpsServer(server: string | null): string | null {
  if (!server) return null;
  if (!server.includes('=')) return server;
  const parts = new Map(server.split(';').map((p) => p.split('=') as [string, string]));
  return parts.get('https') ?? parts.get('http') ?? null;
}

function runCommand(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 3000, windowsHide: true }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

export async function discoverProxy(choice: ProxyChoice = {}): Promise<ProxySetting> {
  const env = choice.env ?? process.env;
  const notes: string[] = [];
  if (choice.noProxy) return { url: null, source: '--no-proxy', bypass: [], pac: null, notes };
  if (choice.proxy) return { url: normaliseProxyUrl(choice.proxy), source: '--proxy', bypass: [], pac: null, notes };
  const noProxy = envValue(env, 'NO_PROXY')?.value.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  const fromEnv = envValue(env, 'HTTPS_PROXY') ?? envValue(env, 'HTTP_PROXY');
  let pac: string | null = null;
  let winhttp: { server: string | null; bypass: string[] } | null = null;
  let wininet: { server: string | null; bypass: string[]; pac: string | null } | null = null;
  if ((choice.platform ?? process.platform) === 'win32') {
    const run = choice.run ?? runCommand;
    try {
      const text = await run('netsh', ['winhttp', 'show', 'proxy']);
      winhttp = parseNetshWinHttp(text);
      // netsh prints localized labels on non-English Windows: say so rather than report "direct".
      if (!winhttp.server && !/Direct access/i.test(text)) notes.push('WinHTTP proxy settings were not understood (netsh output in another language?); check them with `netsh winhttp show proxy`.');
    } catch (err) {
      notes.push(`WinHTTP proxy settings could not be read (${(err as Error).message}).`);
    }
    try {
      wininet = parseInternetSettings(await run('reg', ['query', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings']));
      pac = wininet.pac;
    } catch (err) {
      notes.push(`WinINET proxy settings could not be read (${(err as Error).message}).`);
    }
  }
  if (pac) notes.push(`A proxy auto-config script is set (${pac}); it was not evaluated, so proxies it would choose were not tested.`);
  if (fromEnv) return { url: normaliseProxyUrl(fromEnv.value), source: fromEnv.name, bypass: noProxy, pac, notes };
  // Teams Rooms' token broker uses the signed-in user's (WinINET) settings; WinHTTP serves system services.
  if (wininet?.server) {
    if (winhttp?.server && winhttp.server !== wininet.server) notes.push(`WinHTTP uses a different proxy (${winhttp.server}).`);
    return { url: normaliseProxyUrl(wininet.server), source: 'WinINET', bypass: wininet.bypass, pac, notes };
  }
  if (winhttp?.server) return { url: normaliseProxyUrl(winhttp.server), source: 'WinHTTP', bypass: winhttp.bypass, pac, notes };
  return { url: null, source: 'none', bypass: noProxy, pac, notes };
}

/** Whether a host is on the bypass list (NO_PROXY / ProxyOverride syntax: "*", ".suffix", "*.suffix", exact, "<local>"). */
export function bypasses(host: string, bypass: string[]): boolean {
  const h = host.toLowerCase();
  return bypass.some((raw) => {
    const b = raw.toLowerCase().replace(/:\d+$/, '');
    if (b === '*') return true;
    if (b === '<local>') return !h.includes('.');
    const suffix = b.replace(/^\*/, '');
    return suffix.startsWith('.') ? h.endsWith(suffix) || h === suffix.slice(1) : h === b;
  });
}

export class ProxyError extends Error {
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'ProxyError';
  }
}

/** Opens a CONNECT tunnel to host:port through an http:// proxy; rejects with ProxyError on a non-200 answer. */
export function connectThroughProxy(proxyUrl: string, host: string, port: number, signal: AbortSignal): Promise<Socket> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    const req = http.request({
      host: proxy.hostname,
      port: Number(proxy.port || 80),
      method: 'CONNECT',
      path: target,
      headers: { Host: target },
      agent: false,
      signal,
    });
    req.once('connect', (res, socket) => {
      if (res.statusCode === 200) {
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(new ProxyError(res.statusCode ?? null, `the proxy answered ${res.statusCode} ${res.statusMessage ?? ''}`.trim()));
    });
    req.once('error', (err) => reject(err));
    req.end();
  });
}
