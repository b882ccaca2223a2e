// Microsoft-Windows-AAD/Operational records → facts. 1098 (error), 1097 (warning), 1100 and 1101 carry the
// AADSTS text in the same Error/ErrorMessage/AdditionalInformation template; 1025 is an HTTP status.
// 1081 (OAuth error), 1084 (transport error) and 1104 (API result) come from the Windows logon (PRT) plugin,
// not from the room app's token requests: they are kept as context (origin 'prt-plugin'), never the sole basis
// of a verdict (DOMAIN.md, "What real devices write"). Codes are matched by number, never by message text,
// which real devices localize; signed decimals (-894947441) are normalised like unsigned ones.
import type { EvtxRecord, EvtxValue } from '../evtx/types';
import type { AadErrorFact, AadNetworkFact } from '../model/facts';
import { normaliseHresult, parseAadText } from './aad-text';
import type { EvidenceField } from '../model/analysis';
import { accountsIn, normaliseAccount } from './account-text';
import { clip } from './excerpt';

export const AAD_PROVIDER = 'Microsoft-Windows-AAD';
export const AAD_EVENT_IDS = [1098, 1097, 1100, 1101, 1104, 1025, 1081, 1084] as const;
/** Events of the Windows logon (PRT) plugin. */
export const PRT_PLUGIN_EVENT_IDS: ReadonlySet<number> = new Set([1081, 1084, 1104]);

function text(v: EvtxValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(text).join(' ');
  if (v instanceof Uint8Array) return '';
  return String(v);
}

/** Case-insensitive lookup among the record's named values. */
function field(rec: EvtxRecord, ...names: string[]): EvtxValue | undefined {
  const entries = Object.entries(rec.data.named);
  for (const n of names) {
    const hit = entries.find(([k]) => k.toLowerCase() === n.toLowerCase());
    if (hit) return hit[1];
  }
  return undefined;
}

const CODE_FIELDS = ['error', 'errorcode', 'hresult', 'result', 'status', 'httpstatus'];

/** The event's text values, without the numeric code fields (shown normalised instead). */
function allText(rec: EvtxRecord): string {
  const named = Object.entries(rec.data.named);
  if (named.length === 0) return rec.data.positional.map(text).filter(Boolean).join('\n');
  return named
    .filter(([k]) => !CODE_FIELDS.includes(k.toLowerCase()))
    .map(([, v]) => text(v))
    .filter(Boolean)
    .join('\n');
}

function locator(rec: EvtxRecord): string {
  return `record ${rec.recordId} · event ${rec.eventId}`;
}

const ACCOUNT_FIELDS = ['upn', 'userprincipalname', 'user', 'username', 'account', 'accountname', 'identity', 'loginhint'];

/** The account the event names: a named UPN-like value, else a keyed address in its text. */
export function aadAccount(rec: EvtxRecord, body: string): string | null {
  for (const [k, v] of Object.entries(rec.data.named)) {
    if (!ACCOUNT_FIELDS.includes(k.toLowerCase())) continue;
    const a = normaliseAccount(text(v));
    if (a) return a;
  }
  return body.includes('@') ? (accountsIn(body)[0] ?? null) : null;
}

/** The account any AAD event names (1097 cache events carry it too), for the account timeline. */
export function aadRecordAccount(rec: EvtxRecord): string | null {
  return aadAccount(rec, allText(rec));
}

const NETWORK_STATUS = (s: number) => s === 0 || s === 407 || s >= 500;

/**
 * One AAD record as a fact, without its raw XML: the caller decides whose is worth rendering (RawKeeper). The
 * `raw` slot stays where it was so results keep their key order.
 */
export function aadFact(rec: EvtxRecord, source: string): AadErrorFact | AadNetworkFact | null {
  const body = allText(rec);
  const hresult =
    normaliseHresult(field(rec, 'Error', 'ErrorCode', 'HResult', 'Result') ?? null) ?? (rec.eventId === 1025 ? null : normaliseHresult(body));
  const evidenceBase = { source, locator: locator(rec), time: rec.time };

  if (rec.eventId === 1084) {
    return {
      kind: 'aad-network',
      time: rec.time,
      eventId: rec.eventId,
      hresult,
      httpStatus: null,
      endpoint: text(field(rec, 'EndpointUri', 'Endpoint', 'Url')) || null,
      origin: 'prt-plugin',
      evidence: { ...evidenceBase, excerpt: clip(`${hresult ? `Error ${hresult} — ` : ''}${body.replace(/\n+/g, ' — ')}`), raw: undefined },
    };
  }
  if (rec.eventId === 1025) {
    const statusText = text(field(rec, 'HttpStatus', 'Status', 'StatusCode', 'HTTPStatus'));
    const status = /^\d+$/.test(statusText.trim()) ? Number(statusText) : null;
    if (status === null || !NETWORK_STATUS(status)) return null;
    return {
      kind: 'aad-network',
      time: rec.time,
      eventId: rec.eventId,
      hresult: null,
      httpStatus: status,
      endpoint: text(field(rec, 'EndpointUri', 'Endpoint', 'Url')) || null,
      origin: 'app',
      evidence: { ...evidenceBase, excerpt: clip(`HTTP ${status} — ${body}`), raw: undefined },
    };
  }
  if (rec.eventId === 1104) {
    // An API result is a failure only when it carries a failing HRESULT.
    if (!hresult || !/^0x[89C]/.test(hresult)) return null;
  }
  const parsed = parseAadText(body);
  if (rec.eventId === 1097 && !parsed.aadsts && !hresult) return null; // "The cache has been partitioned successfully."
  if (!parsed.aadsts && !hresult) return null;
  const excerpt = [hresult && `Error ${hresult}`, parsed.oauthCode && `Code: ${parsed.oauthCode}`, parsed.description ? `Description: ${parsed.description}` : clip(body, 200), parsed.correlationId && `Correlation ID: ${parsed.correlationId}`]
    .filter(Boolean)
    .join(' — ');
  const fields: EvidenceField[] = [];
  if (parsed.aadsts) fields.push({ label: 'Error code', value: `AADSTS${parsed.aadsts}`, copy: true });
  if (hresult) fields.push({ label: 'Error', value: hresult, copy: true });
  if (parsed.correlationId) fields.push({ label: 'Correlation ID', value: parsed.correlationId, copy: true });
  if (parsed.traceId) fields.push({ label: 'Request ID (Trace ID)', value: parsed.traceId, copy: true });
  return {
    kind: 'aad-error',
    time: rec.time,
    eventId: rec.eventId,
    hresult,
    aadsts: parsed.aadsts,
    oauthCode: parsed.oauthCode,
    correlationId: parsed.correlationId,
    traceId: parsed.traceId,
    resource: parsed.resource,
    client: parsed.client,
    description: parsed.description,
    computer: rec.computer || null,
    account: aadAccount(rec, body),
    origin: PRT_PLUGIN_EVENT_IDS.has(rec.eventId) ? 'prt-plugin' : 'app',
    evidence: { ...evidenceBase, excerpt: clip(excerpt, 400), raw: undefined, ...(fields.length ? { fields } : {}) },
  };
}
