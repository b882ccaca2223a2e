// Microsoft-Windows-AAD/Operational records → facts. 1098 (error), 1097 (warning), 1100 and 1101 carry the
// AADSTS text in the same Error/ErrorMessage/AdditionalInformation template; 1025 is an HTTP status.
// 1081 (OAuth error), 1084 (transport error) and 1104 (API result) come from the Windows logon (PRT) plugin,
// not from the room app's token requests: they are kept as context (origin 'prt-plugin'), never the sole basis
// of a verdict (DOMAIN.md, "What real devices write"). Codes are matched by number, never by message text,
// which real devices localize; signed decimals (-894947441) are normalised like unsigned ones.
import type { EvtxRecord, EvtxValue } from '../evtx/types';
import type { AadErrorFact, AadNetworkFact } from '../model/facts';
import { normaliseHresult, parseAadText, type AadText } from './aad-text';
import type { Evidence, EvidenceField } from '../model/analysis';
import { accountsIn, normaliseAccount } from './account-text';
import { clip, ownCopy, recordLocator } from './excerpt';
import { RepeatMemo } from './repeat-memo';
export { AAD_PROVIDER } from '../bundle/analysable';

export const AAD_EVENT_IDS = [1098, 1097, 1100, 1101, 1104, 1025, 1081, 1084] as const;
/** Events of the Windows logon (PRT) plugin. */
export const PRT_PLUGIN_EVENT_IDS: ReadonlySet<number> = new Set([1081, 1084, 1104]);

function text(v: EvtxValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(text).join(' ');
  if (v instanceof Uint8Array) return '';
  return String(v);
}

/** Field names in lower case, computed once per distinct name (a template has a handful). */
const lowerNames = new Map<string, string>();
function lower(name: string): string {
  let l = lowerNames.get(name);
  if (l === undefined) {
    l = name.toLowerCase();
    if (lowerNames.size < 4096) lowerNames.set(name, l);
  }
  return l;
}

/** Case-insensitive lookup among the record's named values; `names` in lower case, in order of preference. */
function field(rec: EvtxRecord, names: readonly string[]): EvtxValue | undefined {
  const named = rec.data.named;
  const keys = Object.keys(named);
  for (const n of names) {
    for (const k of keys) if (lower(k) === n) return named[k];
  }
  return undefined;
}

const CODE_FIELDS: ReadonlySet<string> = new Set(['error', 'errorcode', 'hresult', 'result', 'status', 'httpstatus']);

/** The event's text values, without the numeric code fields (shown normalised instead). */
export function aadBody(rec: EvtxRecord): string {
  const named = rec.data.named;
  const keys = Object.keys(named);
  if (keys.length === 0) return rec.data.positional.map(text).filter(Boolean).join('\n');
  let out = '';
  for (const k of keys) {
    if (CODE_FIELDS.has(lower(k))) continue;
    const t = text(named[k]);
    if (t) out = out ? `${out}\n${t}` : t;
  }
  return out;
}

function locator(rec: EvtxRecord): string {
  return recordLocator(rec.recordId, rec.eventId);
}

const ACCOUNT_FIELDS: ReadonlySet<string> = new Set(['upn', 'userprincipalname', 'user', 'username', 'account', 'accountname', 'identity', 'loginhint']);

/**
 * What an event's text alone tells, worked out once per distinct text: a device writes the same cache and API
 * events tens of thousands of times, and only their time differs.
 */
interface BodyReading {
  parsed?: AadText;
  hresult?: string | null;
  account?: string | null;
}
const readings = new RepeatMemo<BodyReading>(4096);
let lastBody = '';
let lastReading: BodyReading = {};
function readingOf(body: string): BodyReading {
  // The account lookup asks right after the fact did, for the same string: skip the hashing then.
  if (body === lastBody) return lastReading;
  // Errors carry their own trace and correlation ids: such a text never repeats, and hashing a kilobyte of it
  // to look for it (and comparing it with the recent ones) was a good part of reading each error.
  const unique = body.includes('Trace ID') || body.includes('Correlation ID');
  let r = unique ? undefined : readings.get(body);
  if (r === undefined) {
    r = {};
    if (!unique) readings.offer(body, r);
  }
  lastBody = body;
  lastReading = r;
  return r;
}

/**
 * The account the event names: a named UPN-like value, else a keyed address in its text (`body`, from aadBody).
 * Any AAD event may name one (1097 cache events do), for the account timeline.
 */
export function aadAccount(rec: EvtxRecord, body: string): string | null {
  const named = rec.data.named;
  for (const k of Object.keys(named)) {
    if (!ACCOUNT_FIELDS.has(lower(k))) continue;
    const a = normaliseAccount(text(named[k]));
    if (a) return a;
  }
  if (!body.includes('@')) return null;
  const r = readingOf(body);
  if (r.account === undefined) r.account = accountsIn(body)[0] ?? null;
  return r.account;
}

const ERROR_FIELDS = ['error', 'errorcode', 'hresult', 'result'] as const;
const STATUS_FIELDS = ['httpstatus', 'status', 'statuscode'] as const;
const ENDPOINT_FIELDS = ['endpointuri', 'endpoint', 'url'] as const;

/** Parts thousands of errors repeat (the ids and time are each error's own). */
const REPEATED_PARTS: ReadonlySet<keyof AadText> = new Set(['aadsts', 'oauthCode', 'description', 'tokenEndpoint', 'resource', 'client']);

/**
 * The parsed parts as strings of their own (as cuts of the event's text they would keep all of it alive), one
 * copy per distinct value of the parts errors repeat.
 */
const partCopies = new RepeatMemo<string>(4096);
function ownFields(parsed: AadText): AadText {
  const out = { ...parsed };
  for (const k of Object.keys(out) as (keyof AadText)[]) {
    const v = out[k];
    if (v === null) continue;
    if (!REPEATED_PARTS.has(k)) {
      out[k] = ownCopy(v);
      continue;
    }
    let copy = partCopies.get(v);
    if (copy === undefined) {
      copy = ownCopy(v);
      partCopies.offer(copy, copy);
    }
    out[k] = copy;
  }
  return out;
}

function bodyHresult(body: string): string | null {
  const r = readingOf(body);
  if (r.hresult === undefined) r.hresult = normaliseHresult(body);
  return r.hresult;
}

/** The code fields thousands of errors repeat, one object per value (fields are never changed once made). */
const codeFields = new RepeatMemo<EvidenceField>(1024);
function sharedField(label: string, value: string): EvidenceField {
  const key = `${label}\u0000${value}`;
  let f = codeFields.get(key);
  if (f === undefined) {
    f = { label, value, copy: true };
    codeFields.offer(key, f);
  }
  return f;
}

const NETWORK_STATUS = (s: number) => s === 0 || s === 407 || s >= 500;

/**
 * One AAD record as a fact, without its raw XML: the caller decides whose is worth rendering (RawKeeper). The
 * `raw` slot stays where it was so results keep their key order.
 */
export function aadFact(rec: EvtxRecord, source: string, body = aadBody(rec)): AadErrorFact | AadNetworkFact | null {
  const hresult = normaliseHresult(field(rec, ERROR_FIELDS) ?? null) ?? (rec.eventId === 1025 ? null : bodyHresult(body));
  // Built only for a record that becomes a fact: most records (cache and API events) do not. A literal, not a
  // spread of a base object: tens of thousands of errors make one each.
  const evidence = (excerpt: string, fields?: EvidenceField[]): Evidence =>
    fields ? { source, locator: locator(rec), time: rec.time, excerpt, raw: undefined, fields } : { source, locator: locator(rec), time: rec.time, excerpt, raw: undefined };

  if (rec.eventId === 1084) {
    return {
      kind: 'aad-network',
      time: rec.time,
      eventId: rec.eventId,
      hresult,
      httpStatus: null,
      endpoint: text(field(rec, ENDPOINT_FIELDS)) || null,
      origin: 'prt-plugin',
      evidence: evidence(ownCopy(clip(`${hresult ? `Error ${hresult} — ` : ''}${body.replace(/\n+/g, ' — ')}`))),
    };
  }
  if (rec.eventId === 1025) {
    const statusText = text(field(rec, STATUS_FIELDS));
    const status = /^\d+$/.test(statusText.trim()) ? Number(statusText) : null;
    if (status === null || !NETWORK_STATUS(status)) return null;
    return {
      kind: 'aad-network',
      time: rec.time,
      eventId: rec.eventId,
      hresult: null,
      httpStatus: status,
      endpoint: text(field(rec, ENDPOINT_FIELDS)) || null,
      origin: 'app',
      evidence: evidence(ownCopy(clip(`HTTP ${status} — ${body}`))),
    };
  }
  if (rec.eventId === 1104) {
    // An API result is a failure only when it carries a failing HRESULT.
    if (!hresult || !/^0x[89C]/.test(hresult)) return null;
  }
  const r = readingOf(body);
  const parsed = (r.parsed ??= ownFields(parseAadText(body)));
  if (rec.eventId === 1097 && !parsed.aadsts && !hresult) return null; // "The cache has been partitioned successfully."
  if (!parsed.aadsts && !hresult) return null;
  const excerpt = [hresult && `Error ${hresult}`, parsed.oauthCode && `Code: ${parsed.oauthCode}`, parsed.description ? `Description: ${parsed.description}` : clip(body, 200), parsed.correlationId && `Correlation ID: ${parsed.correlationId}`]
    .filter(Boolean)
    .join(' — ');
  const fields: EvidenceField[] = [];
  if (parsed.aadsts) fields.push(sharedField('Error code', `AADSTS${parsed.aadsts}`));
  if (hresult) fields.push(sharedField('Error', hresult));
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
    evidence: evidence(ownCopy(clip(excerpt, 400)), fields.length ? fields : undefined),
  };
}
