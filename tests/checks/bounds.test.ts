// A crafted bundle with thousands of distinct AADSTS codes must not grow the result without bound: the most
// frequent codes are listed, the rest counted in a warning, and the code list carries no raw items.
import { describe, expect, it } from 'vitest';
import { assemble } from '../../main/analysis/assemble';
import { MAX_CODES } from '../../main/checks/codes';
import type { TeamsLogFact } from '../../main/model/facts';

const line = (code: number, i: number): TeamsLogFact => {
  const time = new Date(Date.UTC(2026, 10, 18, 6, 0, i)).toISOString();
  return {
    kind: 'teams-log', time, topic: 'signin-error', aadsts: String(code), account: null,
    evidence: { source: 'App/Microsoft/Teams/Logs.txt', locator: `line ${i}`, time, excerpt: `AADSTS${code}`, raw: `x`.repeat(2000) },
  };
};

describe('bounded output', () => {
  it(`lists at most ${MAX_CODES} distinct codes, most frequent first, and says how many were left out`, () => {
    const facts = Array.from({ length: 1000 }, (_, i) => line(900000 + i, i));
    facts.push(line(900005, 2000), line(900005, 2001));
    const r = assemble({ input: { kind: 'bundle', name: 'flood.zip', sources: [] }, facts, sources: { teamsLog: true }, warnings: [], now: new Date('2026-11-19T00:00:00Z') });
    expect(r.codes).toHaveLength(MAX_CODES);
    expect(r.codes[0]).toMatchObject({ code: 'AADSTS900005', count: 3 });
    expect(r.codes.every((c) => c.evidence.every((e) => e.raw === undefined))).toBe(true);
    expect(r.warnings.find((w) => w.source === 'flood.zip')?.message).toMatch(/^800 more distinct AADSTS codes/);
  });
});
