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

/** Where the sightings came from, for the summary: "the AAD log and heartbeats". */
export function viaText(occ: CodeOccurrence[]): string {
  const names: Record<CodeOccurrence['via'], string> = {
    'aad-log': 'the device AAD log',
    heartbeat: 'room heartbeats',
    'teams-log': 'the Teams log',
    'sign-in': 'Entra sign-in logs',
  };
  const vias = [...new Set(occ.map((o) => o.via))].map((v) => names[v]);
  return vias.length <= 1 ? (vias[0] ?? '') : `${vias.slice(0, -1).join(', ')} and ${vias.at(-1)}`;
}
