import { InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { classifyAuthError } from '../../main/auth/classify-auth-error';
import { CancelledError } from '../../main/auth/abort';
import { problemForAadsts, problemForGraphCode } from '../../main/auth/problems';

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
