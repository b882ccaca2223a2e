import { formatCount } from '../model/display-format';
import type { CodeOccurrence } from './context';
import type { Tables } from './tables';

/** "AADSTS50076 (UserStrongAuthClientAuthNRequired)" for each distinct code, most frequent first. */
export function codeNames(occ: CodeOccurrence[], tables: Tables): string {
  const counts = new Map<string, number>();
  for (const o of occ) counts.set(o.code, (counts.get(o.code) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([code]) => `AADSTS${code}${tables.aadsts.get(code) ? ` (${tables.aadsts.get(code)?.name})` : ''}`)
    .join(', ');
}

/** Room-specific remedies for the distinct codes, in order of first sighting. */
export function codeRemedies(occ: CodeOccurrence[], tables: Tables): string[] {
  const out: string[] = [];
  for (const o of occ) {
    const r = tables.aadsts.get(o.code)?.remedy;
    if (r && !out.includes(r)) out.push(r);
  }
  return out;
}

/** How many sightings each source gave: "40 failed sign-ins in the device AAD log, 120 unhealthy heartbeats". */
export function viaText(occ: CodeOccurrence[]): string {
  const names: Record<CodeOccurrence['via'], (n: number) => string> = {
    'aad-log': (n) => `${formatCount(n)} failed sign-in${n === 1 ? '' : 's'} in the device AAD log`,
    heartbeat: (n) => `${formatCount(n)} unhealthy heartbeat${n === 1 ? '' : 's'}`,
    'teams-log': (n) => `${formatCount(n)} Teams log line${n === 1 ? '' : 's'}`,
    'sign-in': (n) => `${formatCount(n)} failed sign-in${n === 1 ? '' : 's'} in Entra sign-in logs`,
  };
  const counts = new Map<CodeOccurrence['via'], number>();
  let confirmed = 0;
  let notYet = 0;
  for (const o of occ) {
    counts.set(o.via, (counts.get(o.via) ?? 0) + (o.count ?? 1));
    if (o.via === 'aad-log' && o.attempt?.attempt.entraState === 'matched') confirmed += 1;
    if (o.via === 'aad-log' && o.attempt?.attempt.entraState === 'not-yet-in-entra') notYet += 1;
  }
  const order: CodeOccurrence['via'][] = ['aad-log', 'sign-in', 'heartbeat', 'teams-log'];
  const parts = order
    .filter((v) => counts.has(v))
    .map((v) => {
      const text = names[v](counts.get(v) ?? 0);
      if (v !== 'aad-log' || (!confirmed && !notYet)) return text;
      const notes = [confirmed && `${formatCount(confirmed)} of them confirmed in Entra`, notYet && `${formatCount(notYet)} too recent to be in Entra's sign-in logs yet`].filter(Boolean);
      return `${text} (${notes.join(', ')})`;
    });
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** Sign-in attempts are what a technician counts; heartbeats and log lines repeat the same failure. */
export function attempts(occ: CodeOccurrence[]): number {
  const tries = occ.filter((o) => o.via === 'aad-log' || o.via === 'sign-in').length;
  return tries > 0 ? tries : occ.reduce((n, o) => n + (o.count ?? 1), 0);
}
