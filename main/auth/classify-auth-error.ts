// Turns whatever MSAL threw into one of the technician-facing problems in access-problems.json.
import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import { isCancelled } from '../model/cancellation';
import type { EntraErrorNote } from './network-client';
import { aadstsCodesIn, authProblem, problemForAadsts, type AuthProblem } from './access-problems';

const SIGN_IN_AGAIN_CODES = new Set([
  'no_tokens_found',
  'refresh_token_expired',
  'invalid_grant',
  'interaction_required',
  'login_required',
  'bad_token',
  'interrupted_user',
]);

const MAX_DETAIL = 600;

/** Node's certificate verification codes: a chain that does not end at a trusted issuer, or a clock problem. */
const TLS_TRUST = /\b(UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_UNTRUSTED|ERR_TLS_CERT_ALTNAME_INVALID)\b|self[- ]signed certificate|unable to verify the first certificate|unable to get local issuer certificate|certificate has expired|certificate is not yet valid/i;

/** The error and its causes, as text, for spotting a TLS trust failure however deep MSAL wrapped it. */
function causeText(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let i = 0; i < 5 && e; i += 1) {
    if (e instanceof Error) {
      const code = (e as { code?: unknown }).code;
      parts.push(`${typeof code === 'string' ? code : ''} ${e.message}`);
      e = (e as { cause?: unknown }).cause;
    } else {
      parts.push(String(e));
      break;
    }
  }
  return parts.join(' ');
}

function detailOf(error: unknown, note: EntraErrorNote | undefined): string | null {
  const text =
    note?.description ??
    (error instanceof AuthError ? `${error.errorCode}: ${error.errorMessage}` : error instanceof Error ? error.message : null);
  if (!text) return null;
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}

function aadstsCodes(error: unknown, note: EntraErrorNote | undefined): string[] {
  const codes: string[] = [];
  if (note) codes.push(...note.codes, ...aadstsCodesIn(note.description ?? ''));
  if (error instanceof AuthError) {
    const errorNo = 'errorNo' in error ? error.errorNo : undefined;
    if (typeof errorNo === 'string' || typeof errorNo === 'number') codes.push(String(errorNo));
    codes.push(...aadstsCodesIn(`${error.errorMessage} ${error.message}`));
  } else if (error instanceof Error) {
    codes.push(...aadstsCodesIn(error.message));
  }
  return [...new Set(codes)];
}

/**
 * @param aborted the caller's signal fired: whatever MSAL says afterwards is a consequence of cancelling.
 * @param note what Entra returned for this request, when MSAL's error lost it (see network-client.ts).
 */
export function classifyAuthError(error: unknown, context: { aborted?: boolean; note?: EntraErrorNote } = {}): AuthProblem {
  const { note } = context;
  if (context.aborted || isCancelled(error)) return authProblem('cancelled');
  const detail = detailOf(error, note);

  for (const code of aadstsCodes(error, note)) {
    const known = problemForAadsts(code, detail);
    if (known) return known;
  }
  const firstCode = aadstsCodes(error, note)[0];
  const code = firstCode ? `AADSTS${firstCode}` : null;

  const errorCode = error instanceof AuthError ? error.errorCode : '';
  if (errorCode === 'device_code_polling_cancelled' || errorCode === 'user_canceled') return authProblem('cancelled');
  if (errorCode === 'device_code_expired' || note?.error === 'expired_token') {
    return authProblem('device-code-expired', code, detail);
  }
  if (errorCode === 'consent_required') return authProblem('consent-required', code, detail);
  if (errorCode === 'no_account_in_silent_request' || errorCode === 'no_account_found') {
    return authProblem('not-signed-in', code, detail);
  }
  if (error instanceof InteractionRequiredAuthError || SIGN_IN_AGAIN_CODES.has(errorCode)) {
    return authProblem('sign-in-again', code, detail);
  }
  if (TLS_TRUST.test(causeText(error))) return authProblem('tls-untrusted', code, detail);
  if (errorCode === 'network_error' || errorCode === 'no_network_connectivity' || note?.error === 'network_error') {
    return authProblem('network', code, detail);
  }
  return authProblem('unknown', code, detail);
}
