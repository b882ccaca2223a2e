// The endpoint list as data, --endpoints files, and proxy discovery from settings (parsers only: no network).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLOUDS, endpointsFor, EndpointsFileError, loadEndpointTable, mergeEndpoints, readEndpointsFile } from '../../main/network/endpoints';
import { bypasses, discoverProxy, normaliseProxyUrl, parseInternetSettings, parseNetshWinHttp } from '../../main/network/proxy';

const dir = mkdtempSync(join(tmpdir(), 'mtr-endpoints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('endpoint list', () => {
  it('names its source and has sign-in, Exchange and Teams endpoints for every cloud', () => {
    const table = loadEndpointTable();
    expect(table.source.urls[0]).toBe('https://learn.microsoft.com/microsoft-365/enterprise/urls-and-ip-address-ranges');
    for (const cloud of CLOUDS) {
      const services = new Set(endpointsFor(cloud).map((e) => e.service));
      expect([...services], cloud).toEqual(expect.arrayContaining(['sign-in', 'exchange']));
      expect(endpointsFor(cloud).find((e) => e.service === 'sign-in')?.kind).toBe('https');
    }
    expect(endpointsFor('global').map((e) => e.host)).toEqual(
      expect.arrayContaining(['login.microsoftonline.com', 'outlook.office365.com', 'teams.microsoft.com', 'worldaz.relay.teams.microsoft.com']),
    );
    expect(endpointsFor('usgov')[0]?.host).toBe('login.microsoftonline.us');
    expect(endpointsFor('china')[0]?.host).toBe('login.chinacloudapi.cn');
  });

  it('adds entries and replaces them by id from an --endpoints file, or replaces the list', async () => {
    const onPrem = { id: 'exchange-online', service: 'exchange', kind: 'https', host: 'mail.contoso.com', port: 443 };
    const extra = { id: 'adfs', service: 'sign-in', kind: 'https', host: 'sts.contoso.com', port: 443 };
    const added = mergeEndpoints(endpointsFor('global'), await readEndpointsFile(file('add.json', JSON.stringify([onPrem, extra]))));
    expect(added.find((e) => e.id === 'exchange-online')?.host).toBe('mail.contoso.com');
    expect(added.at(-1)?.host).toBe('sts.contoso.com');
    expect(added).toHaveLength(endpointsFor('global').length + 1);
    expect(added.find((e) => e.id === 'adfs')?.required).toBe(true);
    const replaced = mergeEndpoints(endpointsFor('global'), await readEndpointsFile(file('replace.json', JSON.stringify({ replace: true, endpoints: [extra] }))));
    expect(replaced.map((e) => e.host)).toEqual(['sts.contoso.com']);
  });

  it('refuses a bad --endpoints file with a message naming the file and the problem', async () => {
    const bad = file('bad.json', JSON.stringify([{ id: 'x', service: 'sign-in', kind: 'https', host: 'a b', port: 443 }]));
    await expect(readEndpointsFile(bad)).rejects.toThrow(new EndpointsFileError(bad, 'is not an endpoint list: 0.host: not a host name or address'));
    const port = file('port.json', JSON.stringify([{ id: 'x', service: 's', kind: 'stun', host: 'h', port: 70000 }]));
    await expect(readEndpointsFile(port)).rejects.toThrow(`${port}: is not an endpoint list: 0.port:`);
    const notJson = file('not.json', '{');
    await expect(readEndpointsFile(notJson)).rejects.toThrow(`${notJson}: is not JSON`);
    await expect(readEndpointsFile(join(dir, 'absent.json'))).rejects.toThrow(`${join(dir, 'absent.json')}: cannot be read (ENOENT)`);
  });
});

describe('proxy discovery', () => {
  it('takes --proxy / --no-proxy over everything, then the environment with NO_PROXY', async () => {
    const env = { HTTPS_PROXY: 'proxy.corp:8080', NO_PROXY: '.contoso.com,localhost' };
    expect(await discoverProxy({ proxy: 'http://p:3128', env })).toMatchObject({ url: 'http://p:3128', source: '--proxy' });
    expect(await discoverProxy({ noProxy: true, env })).toMatchObject({ url: null, source: '--no-proxy' });
    const fromEnv = await discoverProxy({ env, platform: 'linux' });
    expect(fromEnv).toMatchObject({ url: 'http://proxy.corp:8080', source: 'HTTPS_PROXY', bypass: ['.contoso.com', 'localhost'] });
    expect(await discoverProxy({ env: {}, platform: 'linux' })).toMatchObject({ url: null, source: 'none' });
    expect(() => normaliseProxyUrl('socks5://p:1080')).toThrow(/only http:\/\/ proxies are supported/);
  });

  it('reads WinHTTP and WinINET settings on Windows, and reports a PAC script without evaluating it', async () => {
    const netsh = 'Current WinHTTP proxy settings:\r\n\r\n    Proxy Server(s) :  http=10.0.0.1:8080;https=10.0.0.1:8443\r\n    Bypass List     :  *.local;<local>\r\n';
    expect(parseNetshWinHttp(netsh)).toEqual({ server: '10.0.0.1:8443', bypass: ['*.local', '<local>'] });
    expect(parseNetshWinHttp('Current WinHTTP proxy settings:\r\n\r\n    Direct access (no proxy server).\r\n')).toEqual({ server: null, bypass: [] });
    const reg = [
      'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings',
      '    ProxyEnable    REG_DWORD    0x1',
      '    ProxyServer    REG_SZ    wininet.corp:3128',
      '    ProxyOverride    REG_SZ    *.contoso.com;<local>',
      '    AutoConfigURL    REG_SZ    http://wpad.corp/proxy.pac',
    ].join('\r\n');
    expect(parseInternetSettings(reg)).toEqual({ server: 'wininet.corp:3128', bypass: ['*.contoso.com', '<local>'], pac: 'http://wpad.corp/proxy.pac' });
    const calls: string[] = [];
    const run = async (cmd: string) => {
      calls.push(cmd);
      return cmd === 'netsh' ? netsh : reg;
    };
    const found = await discoverProxy({ env: {}, platform: 'win32', run });
    expect(calls).toEqual(['netsh', 'reg']);
    expect(found).toMatchObject({ url: 'http://wininet.corp:3128', source: 'WinINET', pac: 'http://wpad.corp/proxy.pac' });
    expect(found.notes).toEqual([
      'A proxy auto-config script is set (http://wpad.corp/proxy.pac); it was not evaluated, so proxies it would choose were not tested.',
      'WinHTTP uses a different proxy (10.0.0.1:8443).',
    ]);
    const german = await discoverProxy({ env: {}, platform: 'win32', run: async (cmd) => (cmd === 'netsh' ? 'Aktuelle WinHTTP-Proxyeinstellungen:\r\n    Proxyserver:  p:8080\r\n' : '') });
    expect(german.notes).toEqual(['WinHTTP proxy settings were not understood (netsh output in another language?); check them with `netsh winhttp show proxy`.']);
    // Never runs Windows commands elsewhere.
    calls.length = 0;
    await discoverProxy({ env: {}, platform: 'linux', run });
    expect(calls).toEqual([]);
  });

  it('matches bypass lists the way NO_PROXY and ProxyOverride write them', () => {
    expect(bypasses('login.microsoftonline.com', ['.microsoftonline.com'])).toBe(true);
    expect(bypasses('login.microsoftonline.com', ['*.microsoftonline.com'])).toBe(true);
    expect(bypasses('microsoftonline.com', ['.microsoftonline.com'])).toBe(true);
    expect(bypasses('evilmicrosoftonline.com', ['.microsoftonline.com'])).toBe(false);
    expect(bypasses('intranet', ['<local>'])).toBe(true);
    expect(bypasses('login.microsoftonline.com', ['<local>', 'contoso.com'])).toBe(false);
    expect(bypasses('anything', ['*'])).toBe(true);
  });
});
