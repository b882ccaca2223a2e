// A fleet as a terminal table and as CSV: one row per room, status words (never colour alone).
import { CHECK_IDS, type CheckId, type CheckStatus } from '../model/analysis';
import { formatUtc } from '../model/display-format';
import { printable, printableKeepingLayout } from '../model/printable';
import type { FleetResult, FleetRow } from '../model/fleet-result';
import { ACTION_KIND_LABEL, STATE_LABEL, fleetTally } from '../sheet/status';

/** Short column heads for the seven checks, in the article's order. */
export const CHECK_SHORT: Record<CheckId, string> = {
  mfa: 'MFA',
  'conditional-access': 'CA',
  password: 'Password',
  credentials: 'Creds',
  network: 'Network',
  mailbox: 'Mailbox',
  license: 'License',
};
const WORD: Record<CheckStatus, string> = { fail: 'FAIL', warn: 'warn', pass: 'pass', unknown: 'no data' };

const roomName = (r: FleetRow) => r.room ?? r.account ?? r.computer ?? '—';
const base = (p: string) => p.split(/[\\/]/).pop() ?? p;
/** The room's first action, or its state when it has none: the Diagnosis' words, never decided here. */
export const fixText = (r: Pick<FleetRow, 'firstToFix' | 'state'>) => (r.firstToFix ? `${r.firstToFix.title} (${ACTION_KIND_LABEL[r.firstToFix.kind]})` : STATE_LABEL[r.state]);

function table(head: string[], rawBody: string[][]): string[] {
  // Escaped before measuring, so a name from the bundle or tenant neither repaints the terminal nor skews a column.
  const body = rawBody.map((r) => r.map(printable));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)];
}

export function renderFleetText(f: FleetResult): string {
  const out = [`MTR Doctor ${f.tool.version} — ${f.name}: ${fleetTally(f).line}`, ''];
  const head = ['File', 'Room', 'Computer', 'App', 'Account', ...CHECK_IDS.map((id) => CHECK_SHORT[id]), 'Since', 'Do this first'];
  const body = f.rows.map((r) => [
    base(r.source),
    roomName(r),
    r.computer ?? '—',
    r.appVersion ?? '—',
    r.account ?? '—',
    ...CHECK_IDS.map((id) => WORD[r.statuses[id]]),
    r.firstToFix?.since ? formatUtc(r.firstToFix.since) : '—',
    fixText(r),
  ]);
  out.push(...table(head, body));
  if (f.refused.length) {
    out.push('', 'Refused (not analysed):');
    for (const x of f.refused) out.push(`  ${x.source}: ${x.message}`);
  }
  if (f.discovery) {
    const d = f.discovery;
    out.push('', `Rooms found: ${d.places.length} in Places, ${d.licensed.length} with a Teams Rooms license.`);
    if (d.placesOnly.length) out.push(`  In Places but no Teams Rooms license: ${d.placesOnly.join(', ')}`);
    if (d.licensedOnly.length) out.push(`  Licensed but not a room in Places: ${d.licensedOnly.join(', ')}`);
  }
  if (f.notChecked?.length) {
    out.push('', `Rooms without a Teams Rooms account (not checked): ${f.notChecked.length}`);
    for (const n of f.notChecked) out.push(`  ${n.account}${n.displayName ? ` (${n.displayName})` : ''}: ${n.reason}`);
  }
  if (f.warnings?.length) {
    out.push('', 'Warnings (every room):');
    for (const w of f.warnings) out.push(`  ${w.source}: ${w.message}`);
  }
  if (f.requests) out.push('', `Microsoft Graph requests: ${f.requests.total} (${f.requests.perRoom.toFixed(2)} per room)`);
  // Every line: names, reasons and warnings come from bundles and the tenant (printable() is idempotent).
  return `${out.map(printable).join('\n')}\n`;
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. A cell a spreadsheet would run
 * as a formula (= + - @, tab, carriage return first) gets a leading apostrophe (OWASP CSV injection).
 */
export function csvCell(value: string | number | null | undefined): string {
  // Control and bidi characters from a bundle or tenant are shown escaped, as everywhere else; a line break or
  // tab stays a CSV's own (quoted, or caught as a formula start below).
  let s = value == null ? '' : printableKeepingLayout(String(value));
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const FLEET_CSV_HEADER = ['file', 'room', 'computer', 'app_version', 'account', ...CHECK_IDS, 'first_to_fix', 'first_to_fix_status', 'since', 'action', 'outcome', 'message'];

/** One room's CSV line (no line break). */
export function fleetCsvRow(r: FleetRow): string {
  const cells = [
    r.source,
    r.room,
    r.computer,
    r.appVersion,
    r.account,
    ...CHECK_IDS.map((id) => r.statuses[id]),
    r.firstToFix?.check ?? null,
    r.firstToFix?.status ?? null,
    r.firstToFix?.since ?? null,
    r.firstToFix?.action ?? null,
    // The Diagnosis' state (all-clear, failing, undecided, not-analysable); refused bundles say 'refused'.
    r.state,
    null,
  ];
  return cells.map(csvCell).join(',');
}

/** A line for what was not analysed: a refused bundle, or a room of the room list that is no Teams Room. */
export function fleetCsvOther(source: string, room: string | null, outcome: 'refused' | 'not-checked', message: string): string {
  return [source, room, null, null, null, ...CHECK_IDS.map(() => null), null, null, null, null, outcome, message].map(csvCell).join(',');
}

export function renderFleetCsv(f: FleetResult): string {
  const lines = [
    FLEET_CSV_HEADER.map(csvCell).join(','),
    ...f.rows.map(fleetCsvRow),
    ...f.refused.map((x) => fleetCsvOther(x.source, null, 'refused', x.message)),
    ...(f.notChecked ?? []).map((n) => fleetCsvOther(n.account, n.displayName, 'not-checked', n.reason)),
  ];
  return lines.join('\r\n') + '\r\n';
}
