// How one evidence item reads in the wizard and on the sheet: a portal's name for its source, its
// identifiers as their own fields, and an excerpt cut around what matters rather than at a fixed length.
import type { Evidence, EvidenceField } from '../model/analysis';
import { printable } from '../model/printable';

/** Graph resources under the names Entra admin center and Microsoft 365 admin center give them. */
const GRAPH_SOURCES: [RegExp, string][] = [
  [/^\/auditLogs\/signIns/, 'Entra sign-in logs'],
  [/^\/identity\/conditionalAccess\/policies/, 'Entra Conditional Access policy'],
  [/^\/policies\/identitySecurityDefaultsEnforcementPolicy/, 'Entra security defaults'],
  [/^(\/beta)?\/users\/[^/]+\/authentication\/requirements/, 'Entra per-user MFA'],
  [/^\/users\/[^/]+\/licenseDetails/, 'Microsoft 365 admin center licenses'],
  [/^\/places\//, 'Exchange room mailbox (Places)'],
  [/^\/users\/[^/]+$/, 'Entra user'],
];

/** "graph:/auditLogs/signIns" → "Entra sign-in logs"; bundle paths stay as they are (they are what to open). */
/** How a source is shown: Entra's name for a Graph resource, else the path with controls and bidi escaped. */
export function sourceLabel(source: string): string {
  if (!source.startsWith('graph:')) return printable(source);
  const resource = source.slice('graph:'.length);
  return GRAPH_SOURCES.find(([re]) => re.test(resource))?.[1] ?? `Microsoft Graph ${resource}`;
}

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ID_IN_TEXT: [string, RegExp][] = [
  ['Correlation ID', new RegExp(`Correlation ?ID[:=]?\\s*(${GUID})`, 'i')],
  ['Request ID', new RegExp(`Request ?ID[:=]?\\s*(${GUID})`, 'i')],
];

/**
 * The item's fields; for evidence from before fields existed, the Correlation and Request IDs its excerpt
 * names, so they are never lost to an excerpt cut.
 */
export function evidenceFields(e: Pick<Evidence, 'excerpt' | 'fields'>): EvidenceField[] {
  if (e.fields?.length) return e.fields;
  const found: EvidenceField[] = [];
  for (const [label, re] of ID_IN_TEXT) {
    const m = re.exec(e.excerpt);
    if (m?.[1]) found.push({ label, value: m[1], copy: true });
  }
  return found;
}

/**
 * At most `max` characters of `text`, cut around the first of `needles` it contains (a code such as
 * AADSTS53003) rather than from the start, with … where text was left out. Cuts at spaces where it can.
 */
export function excerptAround(text: string, needles: readonly string[], max = 240): string {
  if (text.length <= max) return text;
  const lower = text.toLowerCase();
  const at = needles.map((n) => lower.indexOf(n.toLowerCase())).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0;
  let start = Math.max(0, Math.min(at - Math.floor(max / 3), text.length - max));
  let end = Math.min(text.length, start + max);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space > 0 && space < at) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > Math.max(start, at)) end = space;
  }
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

/** Codes a check's excerpts should be cut around: the AADSTS and hex codes its summary names. */
export function codesIn(text: string): string[] {
  return [...new Set(text.match(/AADSTS\d+|0x[0-9A-F]{8}|\b8\d{7}\b/gi) ?? [])];
}
