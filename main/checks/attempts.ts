// Sign-in attempts, each counted once whichever views saw it: the device's AAD log (1098/1097/1100/1101, one
// attempt per Correlation ID) and Entra's sign-in rows, linked by Correlation ID.
//
// The rule for the code a verdict uses ("most specific reason wins"): for a linked attempt, Entra's error
// code wins over the device's — Entra evaluated the attempt and the device may log a generic code (AADSTS50126
// follows an expired password, which Entra reports as 50055). A success (0) in Entra never clears a device
// failure: the device's code is kept. The other view stays visible in the evidence fields.
import type { Attempt, CheckId, Evidence, EvidenceField } from '../model/analysis';
import type { AadErrorFact, SignInFact } from '../model/facts';
import type { Tables } from './tables';
import { compareText } from '../model/order';

/** Sign-in logs reach Graph minutes after the attempt (Microsoft documents 5–30 minutes; we wait the longer). */
export const DEFAULT_SIGNIN_LOG_DELAY_MINUTES = 30;

export interface AttemptRecord {
  attempt: Attempt;
  /** The device fact (first of the attempt's events) and the Entra row, when seen. */
  deviceFact: AadErrorFact | null;
  entraFact: SignInFact | null;
  /** The evidence to show: the device's, with Entra's fields added when linked. */
  evidence: Evidence;
  /** The chosen AADSTS code without its prefix, or null. */
  code: string | null;
  /** The device's own code when Entra's replaced it. */
  deviceCode: string | null;
}

export interface AttemptInput {
  device: AadErrorFact[];
  entra: SignInFact[];
  tables: Tables;
  /** Graph was read (sign-in logs): unmatched device attempts can be judged. */
  entraRead: boolean;
  /** When Graph was read, and the sign-in log delay. */
  readAt: string | null;
  delayMinutes: number;
}

function entraFields(s: SignInFact): EvidenceField[] {
  const f: EvidenceField[] = [
    { label: 'Sign-in error code', value: String(s.errorCode), copy: true },
    { label: 'Request ID', value: s.id, copy: true },
  ];
  if (s.correlationId) f.push({ label: 'Correlation ID', value: s.correlationId, copy: true });
  if (s.failureReason) f.push({ label: 'Failure reason', value: s.failureReason });
  if (s.conditionalAccessStatus) f.push({ label: 'Conditional Access', value: s.conditionalAccessStatus });
  if (s.ipAddress) f.push({ label: 'IP address', value: s.ipAddress });
  if (s.location) f.push({ label: 'Location', value: s.location });
  return f;
}

function checkOf(code: string | null, hresult: string | null, tables: Tables): CheckId | null {
  if (code) return tables.aadsts.get(code)?.check ?? null;
  return hresult ? (tables.hresults.get(hresult)?.check ?? null) : null;
}

export function buildAttempts(input: AttemptInput): AttemptRecord[] {
  const { tables } = input;
  const byCorrelation = new Map<string, SignInFact>();
  for (const s of input.entra) if (s.correlationId) byCorrelation.set(s.correlationId.toLowerCase(), s);
  const used = new Set<SignInFact>();
  const out: AttemptRecord[] = [];
  const deviceSeen = new Map<string, AttemptRecord>();
  const readAtMs = input.readAt ? Date.parse(input.readAt) : null;

  const sorted = [...input.device].sort((a, b) => compareText(a.time, b.time));
  for (const d of sorted) {
    const key = d.correlationId?.toLowerCase() ?? null;
    const known = key ? deviceSeen.get(key) : undefined;
    if (known) {
      // 1097 and 1098 (or a retry) of the same request: one attempt; keep the most specific device code.
      if (!known.deviceCode && d.aadsts) {
        known.deviceCode = d.aadsts;
        if (!known.entraFact || known.entraFact.errorCode === 0) known.code = d.aadsts;
        known.attempt.device = { ...(known.attempt.device as NonNullable<Attempt['device']>), aadsts: `AADSTS${d.aadsts}` };
        known.attempt.code = known.code ? `AADSTS${known.code}` : null;
        known.attempt.check = checkOf(known.code, d.hresult, tables);
      }
      continue;
    }
    const s = key ? byCorrelation.get(key) : undefined;
    if (s) used.add(s);
    const entraCode = s && s.errorCode !== 0 ? String(s.errorCode) : null;
    const code = entraCode ?? d.aadsts;
    let entraState: Attempt['entraState'] = 'not-looked-up';
    if (s) entraState = 'matched';
    else if (input.entraRead) {
      entraState = readAtMs !== null && Date.parse(d.time) > readAtMs - input.delayMinutes * 60_000 ? 'not-yet-in-entra' : 'not-in-entra';
    }
    // Only a linked attempt adds Entra's fields; the device's own evidence is shown as it is otherwise.
    let evidence = d.evidence;
    if (s) {
      const fields = [...(d.evidence.fields ?? [])];
      for (const f of entraFields(s)) {
        const label = f.label === 'Correlation ID' ? null : `Entra: ${f.label}`;
        if (label) fields.push({ ...f, label });
      }
      if (fields.length) evidence = { ...d.evidence, fields };
    }
    const rec: AttemptRecord = {
      attempt: {
        // Numbered once all attempts are in time order (below).
        id: '',
        time: d.time,
        account: d.account ?? s?.userPrincipalName ?? null,
        correlationId: d.correlationId,
        device: { source: d.evidence.source, locator: d.evidence.locator, hresult: d.hresult, aadsts: d.aadsts ? `AADSTS${d.aadsts}` : null },
        entra: s
          ? { id: s.id, errorCode: s.errorCode, failureReason: s.failureReason, conditionalAccessStatus: s.conditionalAccessStatus, ipAddress: s.ipAddress, location: s.location ?? null }
          : null,
        code: code ? `AADSTS${code}` : null,
        check: checkOf(code, d.hresult, tables),
        entraState,
      },
      deviceFact: d,
      entraFact: s ?? null,
      evidence,
      code,
      deviceCode: d.aadsts,
    };
    if (key) deviceSeen.set(key, rec);
    out.push(rec);
  }
  for (const s of input.entra) {
    if (used.has(s)) continue;
    const code = s.errorCode !== 0 ? String(s.errorCode) : null;
    out.push({
      attempt: {
        id: `attempt-${out.length + 1}`,
        time: s.time,
        account: s.userPrincipalName ?? null,
        correlationId: s.correlationId,
        device: null,
        entra: { id: s.id, errorCode: s.errorCode, failureReason: s.failureReason, conditionalAccessStatus: s.conditionalAccessStatus, ipAddress: s.ipAddress, location: s.location ?? null },
        code: code ? `AADSTS${code}` : null,
        check: checkOf(code, null, tables),
        entraState: 'entra-only',
      },
      deviceFact: null,
      entraFact: s,
      evidence: { ...s.evidence, fields: [...(s.evidence.fields ?? []), ...entraFields(s).filter((f) => !(s.evidence.fields ?? []).some((g) => g.label === f.label))] },
      code,
      deviceCode: null,
    });
  }
  out.sort((a, b) => compareText(a.attempt.time, b.attempt.time));
  out.forEach((r, i) => {
    r.attempt.id = `attempt-${i + 1}`;
  });
  return out;
}
