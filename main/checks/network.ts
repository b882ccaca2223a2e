// Check 5: can the device reach Microsoft 365? (heartbeat Network status, the app's token requests failing with
// network HRESULTs or HTTP 407/5xx; in Entra, no sign-in attempts at all while the device was failing).
// 1084 and other Windows logon (PRT) plugin events are context only: they are not the room app's requests.
import type { CheckResult } from '../model/analysis';
import { result, type Sighting, span, weight } from './compose';
import type { CheckContext, HealthSighting } from './context';
import { accountNotFound } from './credentials';
import { withLiveNetwork } from './network-live';
import { decide } from './verdict';

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

export function checkNetwork(ctx: CheckContext, blockers: CheckResult[] = []): CheckResult {
  // A live test from the technician's laptop joins as separate `live:` evidence (main/checks/network-live.ts).
  return withLiveNetwork(checkNetworkFromDevice(ctx, blockers), ctx.of('live-network'));
}

function checkNetworkFromDevice(ctx: CheckContext, blockers: CheckResult[]): CheckResult {
  const heartbeats = ctx.heartbeats();
  const badNet = heartbeats.filter((h) => h.network !== null && !/^healthy$/i.test(h.network));
  const isNetHresult = (h: string | null) => !!h && ctx.tables.hresults.get(h)?.check === 'network';
  const transport = ctx.of('aad-network').filter((t) => t.origin === 'app');
  const netErrors = ctx.of('aad-error').filter((f) => f.origin === 'app' && isNetHresult(f.hresult));
  const context = [...ctx.of('aad-network').filter((t) => t.origin === 'prt-plugin'), ...ctx.of('aad-error').filter((f) => f.origin === 'prt-plugin' && isNetHresult(f.hresult))];
  const hresults = [...new Set([...transport, ...netErrors, ...context].map((t) => t.hresult).filter((h): h is string => !!h))];
  const hints = hresults.map((h) => HINTS[h]).filter((h): h is string => !!h);
  const health = ctx.health('network');
  const query = ctx.of('signin-query')[0];

  const sightings: Sighting[] = [...badNet, ...transport, ...netErrors];
  const badBeats = weight(badNet);
  const tokenFailures = transport.length + netErrors.length;
  const contextNote = context.length
    ? ` The Windows logon (PRT) plugin also logged ${context.length.toLocaleString('en-US')} transport error${context.length === 1 ? '' : 's'} (context only).`
    : '';
  if (sightings.length > 0) {
    const parts: string[] = [];
    if (badNet.length) parts.push(`heartbeats reported Network status "${badNet.at(-1)?.network}" ${badBeats === 1 ? 'once' : `${badBeats.toLocaleString('en-US')} times`}`);
    if (tokenFailures) {
      const names = [...new Set([...transport, ...netErrors].map((t) => t.hresult).filter((h): h is string => !!h))].map((h) => `${h}${ctx.tables.hresults.get(h) ? ` (${ctx.tables.hresults.get(h)?.name})` : ''}`);
      const statuses = [...new Set(transport.map((t) => t.httpStatus).filter((s): s is number => s !== null))];
      parts.push(`the room app's token requests failed ${tokenFailures === 1 ? 'once' : `${tokenFailures.toLocaleString('en-US')} times`}${names.length ? ` with ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`}` : ''}${statuses.length ? `; the answers carried HTTP ${statuses.join(', ')}` : ''}`);
    }
    const nothingInEntra = query && query.interactive === 0 && (query.nonInteractive ?? 0) === 0 ? ` Entra has no sign-in for ${query.account} ${span(query.from, query.to)}: nothing reached it.` : '';
    return decide(ctx, {
      id: 'network',
      failures: sightings,
      // The logon plugin's own errors stay in the evidence, not in the customer's sentence.
      describe: ({ span: s }) => `The device had network trouble: ${parts.join(' and ')}, ${s}.${nothingInEntra}`,
      remedy: hints,
      count: tokenFailures || badBeats,
      health,
      blockers,
      aspect: 'network' as const,
      sources: ['srs', 'aad', 'signins'],
      passText: () => '',
      quietText: '',
      action: 'The room cannot reach Microsoft 365, so it cannot sign in. Ask your network team to open the Microsoft 365 endpoints for the room (no proxy authentication, no TLS inspection).',
      extraEvidence: [...(query && nothingInEntra ? [query.evidence] : []), ...context.slice(0, 2).map((c) => c.evidence)],
    });
  }

  if (query && query.interactive === 0 && (query.nonInteractive ?? 0) === 0 && health.length === 0) {
    const missing = accountNotFound(ctx);
    if (missing) {
      return result(ctx, 'network', {
        status: 'unknown',
        summary: 'Not evaluated: the account does not exist in this tenant, so its (empty) sign-in log says nothing about the network.',
        reason: { code: 'not-reached', text: 'No such account in this tenant.' },
        evidence: [query.evidence],
      });
    }
    return result(ctx, 'network', {
      status: 'warn',
      summary: `No sign-in attempt reached Entra for ${query.account} ${span(query.from, query.to)}. Entra alone cannot tell why: the room's network may block the sign-in endpoints, the device may sign in with a different username, or it was off. The device's logs would tell.`,
      evidence: [query.evidence],
      remedy: ['Verify that the sign-in name on the device is exactly the resource account\'s UPN.', 'Check that the device is on and that its network reaches login.microsoftonline.com (download its logs to see).'],
      reason: { code: 'no-positive-evidence', text: 'No sign-ins in the window: a blocked network, a wrong username or a device that is off look the same from Entra.' },
      action: 'No sign-in from the room reached Microsoft Entra. Check that the room is on, uses the right account name, and can reach Microsoft 365.',
    });
  }
  return decide(ctx, {
    id: 'network',
    failures: [],
    describe: () => '',
    remedy: [],
    health,
    blockers,
    aspect: 'network' as const,
    sources: ['srs', 'aad', 'signins'],
    passText: (last, all) => {
      // Counted in one pass: weeks of heartbeats are a hundred thousand sightings.
      let firstBeat: HealthSighting | null = null;
      let n = 0;
      for (const h of all) {
        if (h.sustained) continue;
        firstBeat ??= h;
        n += h.count ?? 1;
      }
      return firstBeat
        ? `The device reached Microsoft 365: heartbeats report Network status Healthy (${n.toLocaleString('en-US')} heartbeats, ${span(firstBeat.time, last.lastTime)}) and the room app logged no transport failure.${contextNote}`
        : `The device reached Microsoft 365: ${last.what}, ${span(all[0]?.time ?? null, last.lastTime)}.${contextNote}`;
    },
    quietText: `The room app logged no transport failure, but no heartbeat or sign-in shows the network working.${contextNote}`,
  });
}
