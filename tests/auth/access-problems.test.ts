import { InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { classifyAuthError } from '../../main/auth/classify-auth-error';
import { CancelledError } from '../../main/model/cancellation';
import { problemForAadsts, problemForGraphCode } from '../../main/auth/access-problems';

describe('messages for the tool\'s own access problems', () => {
  it.each([
    ['700016', 'app-not-found', /client ID|tenant/],
    ['65001', 'consent-required', /Grant admin consent/],
    ['90094', 'admin-consent-required', /admin consent/],
    ['7000218', 'public-client-flows-disabled', /Allow public client flows/],
    ['50194', 'not-multi-tenant', /Directory \(tenant\) ID/],
    ['50011', 'redirect-uri-mismatch', /Mobile and desktop.*http:\/\/localhost/],
    ['700082', 'sign-in-again', /Sign in again/],
    ['50173', 'sign-in-again', /Sign in again/],
    ['70043', 'sign-in-again', /Sign in again/],
  ])('AADSTS%s → %s', (code, id, action) => {
    const problem = problemForAadsts(code);
    expect(problem?.id).toBe(id);
    expect(problem?.code).toBe(`AADSTS${code}`);
    expect(problem?.action).toMatch(action);
  });

  it.each([
    ['Authorization_RequestDenied', 'no-reader-role', /Global Reader/],
    ['Authentication_RequestFromNonPremiumTenantOrB2CTenant', 'non-premium-tenant', /P1/],
  ])('Graph %s → %s', (code, id, text) => {
    const problem = problemForGraphCode(code);
    expect(problem?.id).toBe(id);
    expect(`${problem?.message} ${problem?.action}`).toMatch(text);
  });

  it('reads the AADSTS code out of MSAL\'s server errors', () => {
    const error = new ServerError('invalid_request', 'cid', "AADSTS50011: The redirect URI 'http://localhost:1234' specified in the request does not match…");
    expect(classifyAuthError(error)).toMatchObject({ id: 'redirect-uri-mismatch', code: 'AADSTS50011' });
  });

  it('treats an unknown interaction-required answer as "sign in again"', () => {
    const error = new InteractionRequiredAuthError('interaction_required', 'cid', 'AADSTS50999: something new');
    expect(classifyAuthError(error)).toMatchObject({ id: 'sign-in-again', code: 'AADSTS50999' });
  });

  it('says "cancelled" whenever the caller aborted, whatever MSAL threw', () => {
    expect(classifyAuthError(new Error('socket hang up'), { aborted: true }).id).toBe('cancelled');
    expect(classifyAuthError(new CancelledError()).id).toBe('cancelled');
  });

  it('keeps unknown failures readable', () => {
    expect(classifyAuthError(new Error('boom'))).toMatchObject({ id: 'unknown', detail: 'boom' });
  });
});

describe('CLI words and TLS trust', () => {
  it('the CLI is told its flags where the app would say Settings', () => {
    for (const code of ['700016', '90002']) {
      const p = problemForAadsts(code);
      expect(p?.action, code).toMatch(/Settings/);
      expect(p?.cliAction, code).not.toMatch(/Settings/);
      expect(p?.cliAction, code).toMatch(/--tenant|--cloud|--client-id/);
    }
    // Problems that name no setting say the same in both.
    const consent = problemForAadsts('65001');
    expect(consent?.cliAction).toBe(consent?.action);
  });

  it.each([
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'],
    ['CERT_NOT_YET_VALID', 'certificate is not yet valid'],
  ])('an untrusted certificate (%s), however deeply wrapped, is explained as TLS inspection or a wrong clock', (code, message) => {
    const root = Object.assign(new Error(message), { code });
    const wrapped = new Error('network_error: Network request failed', { cause: new Error('fetch failed', { cause: root }) });
    const p = classifyAuthError(wrapped);
    expect(p.id).toBe('tls-untrusted');
    expect(p.message).toMatch(/TLS-inspecting proxy/);
    expect(p.action).toMatch(/date, time and time zone/);
  });
});
