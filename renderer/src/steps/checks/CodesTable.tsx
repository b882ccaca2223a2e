// Every AADSTS code seen, with its meaning and the check that claims it. Reflows to cards on narrow windows.
import type { AnalysisResult } from '../../../../main/model/analysis';
import { formatCount, formatDeviceTime } from '../../../../main/sheet/time';

export function CodesTable({ result }: { result: AnalysisResult }) {
  if (result.codes.length === 0) return null;
  return (
    <div className="card">
      <h2 className="card-title">Codes seen</h2>
      <table className="codes-table reflow">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Meaning</th>
            <th scope="col">Check</th>
            <th scope="col" className="num">
              Seen
            </th>
            <th scope="col">Last</th>
          </tr>
        </thead>
        <tbody>
          {result.codes.map((c) => (
            <tr key={c.code}>
              <td data-label="Code">
                <strong>{c.code}</strong>
                <div className="muted small">{c.name}</div>
              </td>
              <td data-label="Meaning">{c.meaning}</td>
              <td data-label="Check">{c.check ? result.checks.find((x) => x.id === c.check)?.title : <span className="muted">no check</span>}</td>
              <td data-label="Seen" className="num">
                {formatCount(c.count)}
              </td>
              <td data-label="Last" className="nowrap">
                {formatDeviceTime(c.lastSeen, result.device)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
