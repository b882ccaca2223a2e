// Check 5: can the device reach Microsoft 365? (heartbeat Network status, the app's token requests failing with
// network HRESULTs or HTTP 407/5xx; in Entra, no sign-in attempts at all while the device was failing).
// 1084 and other Windows logon (PRT) plugin events are context only: they are not the room app's requests.
import type { CheckResult } from '../model/analysis';
import { formatCount } from '../model/display-format';
import { result, type Sighting, span, times, weight } from './compose';
import type { CheckContext, HealthSighting } from './context';
import type { HeartbeatFact } from '../model/facts';
import { accountNotFound } from './credentials';
import { liveTestSection, withLiveNetwork } from './network-live';
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

const GENERIC_ACTION =
  'The room cannot reach Microsoft 365, so it cannot sign in. Ask your network team to open the Microsoft 365 endpoints for the room (no proxy authentication, no TLS inspection).';

/** The cause the latest evidence names, in the customer's words; the generic sentence when it names none. */
const CAUSE_ACTION: Array<{ when: (code: string | null, status: number | null) => boolean; text: (code: string) => string }> = [
  { when: (_c, st) => st === 407, text: () => "The room's proxy asks for authentication (HTTP 407), and Teams Rooms doesn't support proxy authentication. Let the room reach Microsoft 365 without proxy authentication." },
  { when: (c) => c === '0x80072EE7', text: (c) => `The room cannot resolve Microsoft 365's names (${c}). Ask your network team to check the DNS servers the room uses.` },
  { when: (c) => c === '0xCAA82F8F' || c === '0x80072F8F', text: (c) => `Something on the room's network breaks the secure connection to Microsoft 365 (${c}): a TLS-inspecting proxy or firewall, or a wrong device clock. Ask your network team to exclude Microsoft 365 from TLS inspection, and check the room's clock and time zone.` },
  { when: (c) => c === '0x8007000D', text: (c) => `A proxy or captive portal answers the room with its own web page instead of Microsoft 365 (${c}). Let the room through without a sign-in page or proxy authentication.` },
  {
    when: (c) => !!c && /^0x(CAA82E|80072E)(E2|FD|FE)$/.test(c),
    text: (c) => `The room's connections to Microsoft 365 time out or are cut (${c}). Ask your network team to let the room reach the Microsoft 365 endpoints (TCP 443) through the firewall and proxy.`,
  },
];

/** A link-local address (169.254.x.x) means the room got no address from DHCP: no amount of endpoint opening helps. */
const LINK_LOCAL = /^169\.254\./;

function networkAction(badNet: HeartbeatFact[], failures: Array<{ time: string; hresult: string | null; httpStatus?: number | null }>): string {
  const latestBeat = badNet.at(-1);
  const latest = failures.reduce<(typeof failures)[number] | null>((a, b) => (!a || b.time > a.time ? b : a), null);
  if (latestBeat?.ipv4 && LINK_LOCAL.test(latestBeat.ipv4) && (!latest || latestBeat.lastTime >= latest.time)) {
    return `The room has no network address from DHCP (it reported ${latestBeat.ipv4}, a self-assigned 169.254.x.x address), so it cannot reach Microsoft 365. Check its network cable and switch port, and that the DHCP server gives it an address.`;
  }
  if (!latest) return GENERIC_ACTION;
  const hit = CAUSE_ACTION.find((a) => a.when(latest.hresult, latest.httpStatus ?? null));
  return hit ? hit.text(latest.hresult ?? '') : GENERIC_ACTION;
}

export function checkNetwork(ctx: CheckContext, blockers: CheckResult[] = []): CheckResult {
  // A live test from the technician's laptop joins as separate `live:` evidence (main/checks/network-live.ts);
  // its section for the sheet is kept on the context, from the device's own verdict.
  const device = checkNetworkFromDevice(ctx, blockers);
  const live = ctx.of('live-network');
  ctx.liveTest = live.length ? liveTestSection(device, live) : null;
  return withLiveNetwork(device, live);
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
    ? ` The Windows logon (PRT) plugin also logged ${formatCount(context.length)} transport error${context.length === 1 ? '' : 's'} (context only).`
    : '';
  if (sightings.length > 0) {
    const parts: string[] = [];
    if (badNet.length) parts.push(`heartbeats reported Network status "${badNet.at(-1)?.network}" ${times(badBeats)}`);
    if (tokenFailures) {
      const names = [...new Set([...transport, ...netErrors].map((t) => t.hresult).filter((h): h is string => !!h))].map((h) => `${h}${ctx.tables.hresults.get(h) ? ` (${ctx.tables.hresults.get(h)?.name})` : ''}`);
      const statuses = [...new Set(transport.map((t) => t.httpStatus).filter((s): s is number => s !== null))];
      parts.push(`the room app's token requests failed ${times(tokenFailures)}${names.length ? ` with ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`}` : ''}${statuses.length ? `; the answers carried HTTP ${statuses.join(', ')}` : ''}`);
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
      action: networkAction(badNet, [...transport, ...netErrors]),
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
        ? `The device reached Microsoft 365: heartbeats report Network status Healthy (${formatCount(n)} heartbeats, ${span(firstBeat.time, last.lastTime)}) and the room app logged no transport failure.${contextNote}`
        : `The device reached Microsoft 365: ${last.what}, ${span(all[0]?.time ?? null, last.lastTime)}.${contextNote}`;
    },
    quietText: `The room app logged no transport failure, but no heartbeat or sign-in shows the network working.${contextNote}`,
  });
}
