// The network check with a live test beside the device's logs: the live verdict is separate `live:` evidence.
// Confirmed on the room's network, a live failure fails the check and a live pass settles only what the logs left
// unknown; unconfirmed, the test is shown beside the verdict and changes nothing (the sheet has its own section).
import { describe, expect, it } from 'vitest';
import { assemble, NO_SOURCES } from '../../main/analysis/assemble';
import { assessLiveNetwork } from '../../main/checks/network-live';
import { runChecks } from '../../main/checks/run-checks';
import type { Fact, HeartbeatFact, LiveEndpointResult, LiveNetworkFact } from '../../main/model/facts';
import { liveAdvice, proxyAuthSentence } from '../../main/network/advice';

const NOW = new Date('2026-11-29T12:00:00Z');

function endpoint(over: Partial<LiveEndpointResult>): LiveEndpointResult {
  return {
    id: 'entra-login', service: 'sign-in', host: 'login.microsoftonline.com', port: 443, kind: 'https', status: 'pass', problem: null,
    message: 'login.microsoftonline.com answered as Microsoft does (HTTP 200 application/json).', steps: [], addresses: ['20.190.160.1'],
    resolvers: ['10.0.0.53'], inPublishedRanges: true, tlsIssuer: 'Microsoft Azure RSA TLS Issuing CA 03', tlsTrusted: true, httpStatus: 200, clockSkewSeconds: 0,
    ...over,
  };
}

function live(verdict: LiveNetworkFact['verdict'], endpoints: LiveEndpointResult[], summary = `Live test from LAPTOP-7: ${verdict}`, onRoomNetwork = true): LiveNetworkFact {
  const proxy = { url: null, source: 'none', pac: null, notes: [] };
  return {
    kind: 'live-network', time: '2026-11-29T11:50:00.000Z', durationMs: 900, machine: 'LAPTOP-7', interfaces: [{ name: 'Ethernet', address: '10.0.0.21/24', family: 'IPv4' }],
    route: { localAddress: '10.0.0.21', interface: 'Ethernet' },
    cloud: 'global', proxy, verdict, summary, incomplete: null, endpoints, untested: null, advice: liveAdvice(endpoints, { proxy }),
    evidence: { source: 'live:LAPTOP-7', locator: 'global endpoints', time: '2026-11-29T11:50:00.000Z', excerpt: summary },
    onRoomNetwork,
  };
}

const healthyBeat: HeartbeatFact = {
  kind: 'heartbeat', time: '2026-11-28T10:00:00Z', lastTime: '2026-11-28T11:00:00Z', count: 13, eventId: 2000, healthy: true, allHealthy: true, network: 'Healthy',
  exchange: 'Connected', signin: 'NotApplicable', teamsSignin: 'Healthy', appVersion: '5.0', alias: 'room@contoso.com', displayName: 'Room', os: 'Windows',
  osVersion: '10', ipv4: '10.0.0.40', computer: 'MTR-1', evidence: { source: 'Logs/Skype Room System.evtx', locator: 'record 1', time: '2026-11-28T10:00:00Z', excerpt: 'Network: Healthy' },
};

const network = (facts: Fact[], sources = NO_SOURCES) => runChecks({ facts, sources, window: { from: null, to: null } }, { now: NOW }).checks.find((c) => c.id === 'network');

describe('network check with a live test', () => {
  it('is unchanged without a live test', () => {
    expect(network([])?.status).toBe('unknown');
    expect(assessLiveNetwork([])).toBeNull();
  });

  it('a live pass settles a check the logs left unknown, with live: evidence naming the machine', () => {
    const c = network([live('pass', [endpoint({})])]);
    expect(c?.status).toBe('pass');
    expect(c?.reason.code).toBe('healthy');
    expect(c?.missingSource).toBeUndefined();
    expect(c?.summary).toContain("The room's own evidence says nothing dated about its network; this test (2026-11-29 11:50 UTC) shows healthy.");
    expect(c?.evidence.map((e) => e.source)).toEqual(['live:LAPTOP-7']);
  });

  it('a live 407 fails a check the device logs call healthy, quoting the article, its evidence apart from the logs', () => {
    const auth = endpoint({ status: 'fail', problem: 'proxy-auth', message: 'The proxy http://10.0.0.1:8080 requires authentication (407 Proxy Authentication Required) for login.microsoftonline.com.', httpStatus: null, tlsIssuer: null });
    const c = network([healthyBeat, live('fail', [auth])], { ...NO_SOURCES, heartbeats: true });
    expect(c?.status).toBe('fail');
    expect(c?.reason.code).toBe('failing');
    expect(c?.evidence.map((e) => e.source)).toEqual(['Logs/Skype Room System.evtx', 'live:LAPTOP-7', 'live:LAPTOP-7']);
    expect(c?.evidence[2]?.excerpt).toBe(auth.message);
    expect(c?.remedy[0]).toContain(`"${proxyAuthSentence()}"`);
    expect(c?.action).toBe(`A live test of the room's network found a problem. ${c?.remedy[0]}`);
    expect(proxyAuthSentence()).toBe("Teams Rooms doesn't support proxy authentication.");
  });

  it('a live pass does not clear the device\'s own failures', () => {
    const bad: HeartbeatFact = { ...healthyBeat, healthy: false, allHealthy: false, eventId: 2001, network: 'Unhealthy', evidence: { ...healthyBeat.evidence, excerpt: 'Network: Unhealthy' } };
    const c = network([bad, live('pass', [endpoint({})])], { ...NO_SOURCES, heartbeats: true });
    expect(c?.status).toBe('fail');
    // Which is newer and what each shows.
    expect(c?.summary).toMatch(/Network status "Unhealthy".*The room's own evidence ends 2026-11-28 11:00 UTC and shows failing; this test \(2026-11-29 11:50 UTC\) shows healthy, 25 hours newer\./);
  });

  it('unconfirmed (the laptop may be on another network, months later), the test is shown but changes nothing', () => {
    const auth = endpoint({ status: 'fail', problem: 'proxy-auth', message: 'The proxy requires authentication (407).', httpStatus: null, tlsIssuer: null });
    const c = network([healthyBeat, live('fail', [auth], 'Live test from LAPTOP-7: fail', false)], { ...NO_SOURCES, heartbeats: true });
    expect(c?.status).toBe('pass');
    expect(c?.reason.code).toBe('healthy');
    expect(c?.action).toBeUndefined();
    expect(c?.remedy).toEqual([]);
    expect(c?.evidence.map((e) => e.source)).toEqual(['Logs/Skype Room System.evtx', 'live:LAPTOP-7']);
    expect(c?.summary).toMatch(/A live test from this laptop \(2026-11-29 11:50 UTC\) shows failing; it does not change this verdict: the laptop was not confirmed to be on the room's network\./);
  });

  it('the result carries the test as its own section with its provenance; the Diagnosis of a healthy room stays all-clear', () => {
    const auth = endpoint({ status: 'fail', problem: 'proxy-auth', message: 'The proxy requires authentication (407).', httpStatus: null, tlsIssuer: null });
    const fact = live('fail', [auth], 'Live test from LAPTOP-7: fail', false);
    const { onRoomNetwork: _ignored, ...probe } = fact;
    const base = { input: { kind: 'bundle' as const, name: 'room.zip', sources: [] }, facts: [healthyBeat], sources: { heartbeats: true }, warnings: [], now: NOW };
    const unconfirmed = assemble({ ...base, liveNetwork: { fact: probe, onRoomNetwork: false } });
    expect(unconfirmed.liveTest).toMatchObject({ time: fact.time, machine: 'LAPTOP-7', interfaces: ['Ethernet 10.0.0.21/24'], proxy: 'none (none)', verdict: 'fail', onRoomNetwork: false });
    expect(unconfirmed.liveTest?.comparison).toMatch(/does not change the network check/);
    expect(unconfirmed.liveTest?.remedy[0]).toContain(proxyAuthSentence());
    expect(unconfirmed.checks.find((x) => x.id === 'network')?.status).toBe('pass');
    expect(unconfirmed.diagnosis.actions.some((a) => a.check === 'network')).toBe(false);
    // The period is the room's evidence, not the laptop's test a day later.
    expect(unconfirmed.period.to).toBe(healthyBeat.lastTime);
    const confirmed = assemble({ ...base, liveNetwork: { fact: probe, onRoomNetwork: true } });
    expect(confirmed.checks.find((x) => x.id === 'network')?.status).toBe('fail');
    expect(confirmed.diagnosis.actions[0]).toMatchObject({ check: 'network', kind: 'current' });
    expect(confirmed.liveTest?.onRoomNetwork).toBe(true);
    // Without a test, no section.
    expect(assemble(base).liveTest).toBeUndefined();
  });

  it('gives one remedy per cause, naming every host it applies to, from the fact\'s own advice', () => {
    const inspected = (host: string) => endpoint({ id: host, host, status: 'warn', problem: 'tls-inspection', tlsIssuer: 'Contoso Inspection CA', message: 'TLS inspection: …' });
    const a = assessLiveNetwork([
      live('warn', [
        inspected('login.microsoftonline.com'),
        inspected('login.microsoft.com'),
        inspected('outlook.office365.com'),
        endpoint({ id: 'teams-relay', host: 'worldaz.relay.teams.microsoft.com', service: 'media', kind: 'stun', status: 'warn', problem: 'media-udp-blocked', message: 'relay: UDP blocked' }),
      ]),
    ]);
    expect(a?.status).toBe('warn');
    expect(a?.remedy).toEqual([
      'Exclude login.microsoftonline.com, login.microsoft.com and outlook.office365.com from TLS inspection (issuer seen: Contoso Inspection CA); the device fails with 0xCAA82F8F otherwise.',
      'For meetings, allow UDP 3478–3481 to the Teams transport relays (worldaz.relay.teams.microsoft.com; 52.112.0.0/14, 52.122.0.0/15); sign-in does not need it.',
    ]);
    expect(a?.evidence[1]?.fields).toContainEqual({ label: 'Certificate issuer', value: 'Contoso Inspection CA (trusted)' });
  });
});
