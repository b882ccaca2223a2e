// The one-page fleet summary: rooms × checks, each cell a glyph and a word (never colour alone), and the
// check to fix first per room. Pure component, like FindingsSheet: the CLI renders it to HTML and PDF.
import { CHECK_IDS, type CheckId } from '../model/analysis';
import type { FleetResult, FleetRow } from '../model/fleet-result';
import { StatusBadge } from './StatusBadge';
import { fleetTally, formatTime } from './status';
import { printableDeep } from '../model/printable';

/** Short column heads for the seven checks (the app's Fleet view uses them too). */
export const CHECK_SHORT_LABEL: Record<CheckId, string> = {
  mfa: 'MFA',
  'conditional-access': 'Cond. Access',
  password: 'Password',
  credentials: 'Credentials',
  network: 'Network',
  mailbox: 'Mailbox',
  license: 'License',
};

const base = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** What the sheet shows: a fleet whose rows need not carry each room's full analysis (the app keeps those in main). */
export type FleetSheetData = Pick<FleetResult, 'name' | 'generatedAt' | 'refused' | 'discovery' | 'notChecked'> & { rows: Omit<FleetRow, 'analysis'>[] };

export function FleetSheet({ fleet: given }: { fleet: FleetSheetData }) {
  // Room, account and file names and the refusals are the bundles' text: escaped once, as FindingsSheet does
  // (file names cut from their path first: the escapes hold backslashes).
  const fleet = printableDeep({
    ...given,
    rows: given.rows.map((r) => ({ ...r, file: base(r.source) })),
    refused: given.refused.map((x) => ({ ...x, file: base(x.source) })),
  });
  return (
    <article className="sheet fleet-sheet" aria-label="Fleet summary">
      <header className="sheet-header">
        <div>
          <p className="sheet-kicker">MTR Doctor · Teams Rooms sign-in, many rooms</p>
          <h2 className="sheet-title">{fleet.name}</h2>
          <p className="sheet-verdict">
            {fleetTally(fleet).line} · {formatTime(fleet.generatedAt)}
          </p>
        </div>
      </header>
      <table className="fleet-grid">
        <thead>
          <tr>
            <th scope="col">Room</th>
            {CHECK_IDS.map((id) => (
              <th scope="col" key={id}>
                {CHECK_SHORT_LABEL[id]}
              </th>
            ))}
            <th scope="col">Do this first</th>
          </tr>
        </thead>
        <tbody>
          {fleet.rows.map((r) => (
            <tr key={r.source}>
              <th scope="row">
                <span className="fleet-room">{r.room ?? r.account ?? r.computer ?? '—'}</span>
                <span className="fleet-file">{r.file}</span>
              </th>
              {CHECK_IDS.map((id) => (
                <td key={id}>
                  <StatusBadge status={r.statuses[id]} size="sm" />
                </td>
              ))}
              <td className="fleet-fix">
                {r.firstToFix ? (
                  <>
                    <strong>{r.firstToFix.title}</strong>
                    {r.firstToFix.since && <> since {formatTime(r.firstToFix.since)}</>}: {r.firstToFix.action}
                  </>
                ) : (
                  r.headline
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {fleet.refused.length > 0 && (
        <section className="sheet-warnings">
          <h3>Refused (not analysed)</h3>
          <ul>
            {fleet.refused.map((x) => (
              <li key={x.source}>
                <span className="sheet-ref">{x.file}</span>: {x.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {fleet.notChecked && fleet.notChecked.length > 0 && (
        <section className="sheet-warnings">
          <h3>Rooms without a Teams Rooms account (not checked)</h3>
          <ul>
            {fleet.notChecked.map((n) => (
              <li key={n.account}>
                <span className="sheet-ref">{n.account}</span>
                {n.displayName && <> ({n.displayName})</>}: {n.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
      {fleet.discovery && (
        <section className="sheet-warnings">
          <h3>Rooms found</h3>
          <p>
            {fleet.discovery.places.length} in Places, {fleet.discovery.licensed.length} with a Teams Rooms license.
            {fleet.discovery.placesOnly.length > 0 && <> In Places without a Teams Rooms license: {fleet.discovery.placesOnly.join(', ')}.</>}
            {fleet.discovery.licensedOnly.length > 0 && <> Licensed but not a room in Places: {fleet.discovery.licensedOnly.join(', ')}.</>}
          </p>
        </section>
      )}
    </article>
  );
}
