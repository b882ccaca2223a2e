// Weeks of five-minute heartbeats: identical ones become one run, counts stay exact, a single healthy beat
// between failures is not a recovery, and a long timeline is condensed but keeps its failures.
import { describe, expect, it } from 'vitest';
import { NO_SOURCES } from '../../main/analysis/assemble';
import { runChecks } from '../../main/checks/run-checks';
import { MAX_POINTS } from '../../main/checks/timeline';
import type { Fact, HeartbeatFact } from '../../main/model/facts';

const MIN = 60_000;
const T0 = Date.parse('2026-11-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function beats(fromMin: number, count: number, healthy: boolean, exchange = healthy ? 'Connected' : 'GeneralError'): HeartbeatFact {
  return {
    kind: 'heartbeat', time: iso(T0 + fromMin * MIN), lastTime: iso(T0 + (fromMin + (count - 1) * 5) * MIN), count, eventId: healthy ? 2000 : 2001,
    healthy, allHealthy: healthy, network: 'Healthy', exchange, signin: 'NotApplicable', teamsSignin: 'Healthy', appVersion: '4.19.57.0', alias: 'room@contoso.com',
    displayName: 'Room', os: null, osVersion: null, ipv4: null, computer: 'MTR-1',
    evidence: { source: 'Windows/EventLog/Skype Room System.evtx', locator: `record ${fromMin}`, time: iso(T0 + fromMin * MIN), excerpt: `Exchange status : ${exchange}.` },
  };
}
const run = (facts: Fact[]) => runChecks({ facts, sources: { ...NO_SOURCES, heartbeats: true }, window: { from: null, to: null } }, { now: new Date('2026-12-01T00:00:00Z') });

describe('heartbeat runs', () => {
  it('count every heartbeat of a run and report its last time', () => {
    const r = run([beats(0, 100, false)]);
    const mailbox = r.checks.find((c) => c.id === 'mailbox');
    expect(mailbox?.summary).toMatch(/GeneralError 100 times, from 2026-11-01 00:00 UTC to 2026-11-01 08:15 UTC/);
    expect(mailbox?.occurrences).toBe(100);
    expect(mailbox?.lastSeen).toBe('2026-11-01T08:15:00.000Z');
  });

  it('a failure followed by a lasting healthy run is recovered, at the first healthy beat', () => {
    const r = run([beats(0, 12, false), beats(60, 24, true)]);
    const mailbox = r.checks.find((c) => c.id === 'mailbox');
    expect(mailbox).toMatchObject({ status: 'warn', recoveredAt: '2026-11-01T01:00:00.000Z' });
  });

  it('a single healthy beat between failures, or at the very end, is not a recovery', () => {
    const alternating: HeartbeatFact[] = [];
    for (let i = 0; i < 50; i += 1) alternating.push(beats(i * 10, 1, false), beats(i * 10 + 5, 1, true));
    const mailbox = run(alternating).checks.find((c) => c.id === 'mailbox');
    expect(mailbox?.status).toBe('fail');
    expect(mailbox?.recoveredAt).toBeUndefined();
  });

  it('condenses a long timeline into buckets that keep the failures and their counts', () => {
    const alternating: HeartbeatFact[] = [];
    for (let i = 0; i < 3000; i += 1) alternating.push(beats(i * 10, 1, false), beats(i * 10 + 5, 1, true));
    const { timeline } = run(alternating);
    expect(timeline.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(timeline.every((p) => p.kind === 'unhealthy')).toBe(true);
    expect(timeline.reduce((n, p) => n + (p.count ?? 1), 0)).toBe(6000);
  });
});
