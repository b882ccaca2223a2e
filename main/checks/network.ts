// Check 5: can the device reach Microsoft 365? (heartbeat Network status, AAD transport errors,
// network HRESULTs; in Entra, no sign-in attempts at all while the device was failing)
import type { CheckResult } from '../model/analysis';
import { failureOutcome, result, type Sighting, span, unknown, weight } from './compose';
import type { CheckContext } from './context';

const HINTS: Record<string, string> = {
  '0xCAA82F8F': 'TLS failed (0xCAA82F8F): check the device clock and time zone, and bypass any TLS-inspecting proxy for login.microsoftonline.com.',
  '0x80072F8F': 'TLS failed (0x80072F8F): check the device clock and time zone, and bypass any TLS-inspecting proxy for Microsoft 365.',
  '0x80072EE7': 'The sign-in server name could not be resolved (0x80072EE7): check the device\'s DNS servers.',
  '0x8007000D': 'A proxy answered with an HTML page instead of the sign-in service (0x8007000D): Teams Rooms does not support authenticating proxies; bypass the proxy for Microsoft 365 endpoints.',
  '0xCAA82EE2': 'Requests to the sign-in service timed out (0xCAA82EE2): check the firewall and proxy path to login.microsoftonline.com.',
  '0x80072EE2': 'Requests timed out (0x80072EE2): check the firewall and proxy path to Microsoft 365.',
  '0xCAA82EFD': 'The device could not connect to the sign-in service (0xCAA82EFD): check the firewall, proxy and DNS.',
  '0x80072EFD': 'The device could not connect (0x80072EFD): check the firewall, proxy and DNS.',
};

export function checkNetwork(ctx: CheckContext): CheckResult {
  const heartbeats = ctx.heartbeats();
  const badNet = heartbeats.filter((h) => h.network !== null && !/^healthy$/i.test(h.network));
  const transport = ctx.of('aad-network');
  const netErrors = ctx.of('aad-error').filter((f) => f.hresult && ctx.tables.hresults.get(f.hresult)?.check === 'network');
  const hresults = [...new Set([...transport.map((t) => t.hresult), ...netErrors.map((e) => e.hresult)].filter((h): h is string => !!h))];
  const hints = hresults.map((h) => HINTS[h]).filter((h): h is string => !!h);

  const sightings: Sighting[] = [...badNet, ...transport, ...netErrors];
  const badBeats = weight(badNet);
  if (sightings.length > 0) {
    const parts: string[] = [];
    if (badNet.length) parts.push(`heartbeats reported Network status "${badNet.at(-1)?.network}" ${badBeats === 1 ? 'once' : `${badBeats} times`}`);
    if (transport.length + netErrors.length) {
      const names = hresults.map((h) => `${h}${ctx.tables.hresults.get(h) ? ` (${ctx.tables.hresults.get(h)?.name})` : ''}`);
      const statuses = [...new Set(transport.map((t) => t.httpStatus).filter((s): s is number => s !== null))];
      parts.push(
        `the token broker logged ${transport.length + netErrors.length} transport failure${transport.length + netErrors.length === 1 ? '' : 's'}${names.length ? ` ${names.join(', ')}` : ''}${statuses.length ? ` (HTTP ${statuses.join(', ')})` : ''}`,
      );
    }
    const o = failureOutcome(
      ctx,
      sightings,
      ({ span: s }) => `The device had network trouble: ${parts.join(' and ')}, ${s}.`,
      hints,
      transport.length + netErrors.length || badBeats,
    );
    return result(ctx, 'network', o);
  }

  // Nothing reached Entra in the window: the article's sign of a blocked path (or a wrong username).
  const query = ctx.of('signin-query')[0];
  if (query && query.interactive === 0 && (query.nonInteractive ?? 0) === 0) {
    const failing = ctx.occurrences.filter((o) => o.via !== 'sign-in');
    return result(ctx, 'network', {
      status: 'fail',
      summary:
        failing.length > 0
          ? `No sign-in attempt reached Entra for ${query.account} ${span(query.from, query.to)}, yet the device logged failures ${span(failing[0]?.time ?? null, failing.at(-1)?.time ?? null)}: its requests are not reaching Microsoft.`
          : `No sign-in attempt reached Entra for ${query.account} ${span(query.from, query.to)}: the device cannot reach the sign-in endpoints, or it signs in with a different username (or was off).`,
      evidence: [query.evidence, ...failing.slice(0, 3).map((f) => f.evidence)],
      remedy: ['Verify that the sign-in name on the device is exactly the resource account\'s UPN.'],
    });
  }
  if (heartbeats.length > 0) {
    const last = heartbeats.at(-1);
    return result(ctx, 'network', {
      status: 'pass',
      summary: `Every heartbeat reported Network status Healthy (${weight(heartbeats).toLocaleString('en-US')} heartbeats, ${span(heartbeats[0]?.time ?? null, last?.lastTime ?? null)}), and the token broker logged no transport errors.`,
      evidence: last ? [last.evidence] : [],
    });
  }
  if (ctx.sources.aadLog || ctx.sources.graphSignIns) {
    return result(ctx, 'network', {
      status: 'pass',
      summary: `No transport errors in ${ctx.sources.aadLog ? 'the device AAD log' : 'Entra sign-in logs (attempts reached Entra)'}. No heartbeats were available to confirm network status.`,
    });
  }
  return unknown(ctx, 'network');
}
