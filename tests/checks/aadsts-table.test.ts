// The AADSTS code table (main/checks/data/aadsts.json) against Microsoft Entra's error-code reference: names as
// the reference spells them, a source for each, and every code a check can name has its entry.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTables } from '../../main/checks/tables';
import { AADSTS_TEXT } from '../support/bundles/aad-events';

const CHECKS = path.join(__dirname, '../../main/checks');
const REFERENCE = 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes#aadsts-error-codes';

/** Every AADSTS number the checks' code and texts name ("AADSTS50126", code === '50053'). */
function codesTheChecksName(): string[] {
  const files = [
    ...readdirSync(CHECKS).filter((f) => f.endsWith('.ts')).map((f) => path.join(CHECKS, f)),
    path.join(CHECKS, 'data/checks.json'),
    path.join(CHECKS, 'data/hresults.json'),
  ];
  const found = new Set<string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/AADSTS(\d{5,7})\b|'(\d{5,7})'/g)) found.add((m[1] ?? m[2]) as string);
  }
  return [...found].sort();
}

describe('AADSTS code table', () => {
  const t = loadTables();

  it('has an entry for every code any check can name (and every code the scenarios write but the unknown one)', () => {
    const named = codesTheChecksName();
    expect(named.length).toBeGreaterThan(10);
    const scenarioCodes = Object.keys(AADSTS_TEXT).filter((c) => c !== '9999999');
    const missing = [...named, ...scenarioCodes].filter((c) => !t.aadsts.has(c));
    expect(missing).toEqual([]);
  });

  it('cites the reference for every entry and spells names as it does (50132 and 50133 not swapped)', () => {
    for (const e of t.aadsts.values()) expect(e.source).toBe(REFERENCE);
    expect(t.aadsts.get('50132')?.name).toBe('SsoArtifactInvalidOrExpired');
    expect(t.aadsts.get('50133')?.name).toBe('SsoArtifactRevoked');
    expect(t.aadsts.get('50158')).toMatchObject({ name: 'ExternalSecurityChallenge', family: 'interactive', check: 'mfa' });
    expect(t.aadsts.get('53011')?.name).toBe('User blocked due to risk on home tenant.');
    expect(t.aadstsLookup('50158')).toBe('https://login.microsoftonline.com/error?code=50158');
  });

  it('holds the families of the issue whole', () => {
    const families: Record<string, string[]> = {
      interactive: ['50072', '50074', '50076', '50079', '50158'],
      'conditional-access': ['53000', '53001', '53002', '53003', '53004', '53011', '530032', '530034', '530035'],
      session: ['50132', '50133', '50173', '700082'],
      credentials: ['50034', '50053', '50056', '50057', '50126'],
      password: ['50055', '50144'],
    };
    for (const [family, codes] of Object.entries(families)) for (const c of codes) expect(t.aadsts.get(c)?.family, c).toBe(family);
  });
});
