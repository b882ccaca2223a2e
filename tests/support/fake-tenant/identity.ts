// The fake identity provider: OpenID discovery, /authorize with form_post, /token (auth code + PKCE S256,
// refresh token, device code), /devicecode and the page where the "user" enters a device code.
// Error bodies copy Entra's shape (error, error_description "AADSTSnnnn: …", error_codes, trace/correlation ids).
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { base64url, escapeHtml, readBody, sendHtml, sendJson } from './http';
import { TENANT_DOMAIN, TENANT_INITIAL_DOMAIN } from './ids';
import { randomToken, type Principal, type TenantState } from './state';

const RESERVED_TENANTS = ['common', 'organizations'];

function knownTenant(state: TenantState, segment: string): boolean {
  const s = segment.toLowerCase();
  return [state.tenantId, TENANT_DOMAIN, TENANT_INITIAL_DOMAIN, ...RESERVED_TENANTS].includes(s);
}

function entraError(
  state: TenantState,
  error: string,
  code: number,
  description: string,
  correlationId: string | null,
  suberror?: string,
): Record<string, unknown> {
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const traceId = randomUUID();
  const correlation = correlationId ?? randomUUID();
  return {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlation} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: `${state.loginUrl}/error?code=${code}`,
    ...(suberror ? { suberror } : {}),
  };
}

function errorPage(res: ServerResponse, code: number, text: string): void {
  sendHtml(
    res,
    400,
    `<!doctype html><title>Sign in to your account</title><body><h1>Sorry, but we're having trouble signing you in.</h1><p id="error">AADSTS${code}: ${escapeHtml(text)}</p></body>`,
  );
}

function appNotFound(state: TenantState, clientId: string): string {
  return `Application with identifier '${clientId}' was not found in the directory '${state.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`;
}

function openIdConfiguration(state: TenantState): Record<string, unknown> {
  const base = `${state.loginUrl}/${state.tenantId}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${state.loginUrl}/${state.tenantId}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${state.graphUrl}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'oid'],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: 'NA',
    cloud_instance_name: new URL(state.loginUrl).host,
    cloud_graph_host_name: new URL(state.graphUrl).host,
    msgraph_host: new URL(state.graphUrl).host,
    rbac_url: 'https://pas.windows.net',
  };
}

/** A JWT-shaped token. MSAL node decodes id tokens but does not verify signatures, so the signature is filler. */
function jwt(claims: Record<string, unknown>): string {
  const header = { typ: 'JWT', alg: 'RS256', kid: 'fake-tenant-key' };
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}.${randomToken(64)}`;
}

/** Splits requested scopes into Graph permissions (by name) and OpenID scopes. */
function graphPermissions(state: TenantState, scopes: string[]): string[] {
  return scopes
    .filter((s) => s.startsWith(`${state.graphUrl}/`) || (!s.includes('/') && !['openid', 'profile', 'offline_access', 'email'].includes(s)))
    .map((s) => s.slice(s.lastIndexOf('/') + 1));
}

function issueTokens(
  state: TenantState,
  clientId: string,
  principal: Principal,
  scopes: string[],
  nonce: string | null,
): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  const lifetime = state.auth.accessTokenLifetimeSeconds;
  const granted = graphPermissions(state, scopes).filter((p) => state.auth.consentedPermissions.includes(p));
  const accessToken = jwt({
    aud: state.graphUrl,
    iss: `https://sts.windows.net/${state.tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + lifetime,
    appid: clientId,
    oid: principal.oid,
    tid: state.tenantId,
    upn: principal.upn,
    scp: granted.join(' '),
    ver: '1.0',
  });
  state.accessTokens.set(accessToken, {
    principal,
    audience: state.graphUrl,
    permissions: granted,
    expiresAt: Date.now() + lifetime * 1000,
  });
  const refreshToken = `0.A${randomToken(48)}`;
  state.refreshTokens.set(refreshToken, { clientId, principal, scopes });
  const idToken = jwt({
    aud: clientId,
    iss: `${state.loginUrl}/${state.tenantId}/v2.0`,
    iat: now,
    nbf: now,
    exp: now + 3600,
    name: principal.name,
    oid: principal.oid,
    preferred_username: principal.upn,
    sub: base64url(principal.oid),
    tid: state.tenantId,
    ver: '2.0',
    ...(nonce ? { nonce } : {}),
  });
  state.issued.push(accessToken, refreshToken, idToken);
  return {
    token_type: 'Bearer',
    scope: [...granted.map((p) => `${state.graphUrl}/${p}`), 'openid', 'profile', 'offline_access'].join(' '),
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: accessToken,
    refresh_token: refreshToken,
    id_token: idToken,
    client_info: base64url(JSON.stringify({ uid: principal.oid, utid: state.tenantId })),
  };
}

function authorize(state: TenantState, url: URL, res: ServerResponse): void {
  const p = url.searchParams;
  const clientId = p.get('client_id') ?? '';
  if (!state.auth.clientIds.includes(clientId)) return errorPage(res, 700016, appNotFound(state, clientId));
  const redirectUri = p.get('redirect_uri') ?? '';
  // Entra matches http://localhost redirect URIs registered for "Mobile and desktop" on any port.
  if (!/^http:\/\/localhost(:\d+)?\/?$/.test(redirectUri)) {
    return errorPage(res, 50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`);
  }
  if (p.get('response_type') !== 'code') return errorPage(res, 900144, "The request body must contain the following parameter: 'response_type'.");
  if (p.get('response_mode') !== 'form_post') return errorPage(res, 900144, 'This fake tenant answers with form_post only, as MSAL node 7 asks for.');
  const challenge = p.get('code_challenge');
  if (!challenge || p.get('code_challenge_method') !== 'S256') {
    return errorPage(res, 9002325, 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.');
  }
  const code = `1.A${randomToken(48)}`;
  state.codes.set(code, {
    clientId,
    redirectUri,
    codeChallenge: challenge,
    scopes: (p.get('scope') ?? '').split(' ').filter(Boolean),
    nonce: p.get('nonce'),
    principal: state.technician,
    redeemed: false,
  });
  const fields: Record<string, string> = { code, state: p.get('state') ?? '', session_state: randomUUID() };
  if (p.get('client_info') === '1') {
    fields.client_info = base64url(JSON.stringify({ uid: state.technician.oid, utid: state.tenantId }));
  }
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}" />`)
    .join('');
  sendHtml(
    res,
    200,
    `<html><head><title>Working...</title></head><body><form method="POST" name="hiddenform" action="${escapeHtml(redirectUri)}">${inputs}<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript></form><script language="javascript">document.forms[0].submit();</script></body></html>`,
  );
}

function verifierMatches(verifier: string, challenge: string): boolean {
  return base64url(createHash('sha256').update(verifier).digest()) === challenge;
}

/** grant_type of each token request, for the request log (the rest of the body holds secrets). */
export const grantTypes = new WeakMap<IncomingMessage, string>();

async function token(state: TenantState, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = new URLSearchParams(await readBody(req));
  grantTypes.set(req, form.get('grant_type') ?? '');
  const correlationId = url.searchParams.get('client-request-id') ?? req.headers['client-request-id']?.toString() ?? null;
  const fail = (status: number, error: string, code: number, text: string, suberror?: string): void =>
    sendJson(res, status, entraError(state, error, code, text, correlationId, suberror));
  const clientId = form.get('client_id') ?? '';
  if (!state.auth.clientIds.includes(clientId)) return fail(400, 'unauthorized_client', 700016, appNotFound(state, clientId));
  const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);

  switch (form.get('grant_type')) {
    case 'authorization_code': {
      const pending = state.codes.get(form.get('code') ?? '');
      if (!pending || pending.clientId !== clientId) return fail(400, 'invalid_grant', 70000, 'The provided authorization code is invalid.');
      if (pending.redeemed) return fail(400, 'invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');
      if (form.get('redirect_uri') !== pending.redirectUri) {
        return fail(400, 'invalid_grant', 500112, 'The reply address does not match the reply address provided when requesting Authorization code.');
      }
      if (!verifierMatches(form.get('code_verifier') ?? '', pending.codeChallenge)) {
        return fail(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
      }
      pending.redeemed = true;
      return sendJson(res, 200, issueTokens(state, clientId, pending.principal, scopes.length ? scopes : pending.scopes, pending.nonce));
    }
    case 'refresh_token': {
      const grant = state.refreshTokens.get(form.get('refresh_token') ?? '');
      if (!grant || grant.clientId !== clientId) return fail(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
      switch (state.auth.refreshTokens) {
        case 'expired':
          return fail(400, 'invalid_grant', 700082, 'The refresh token has expired due to inactivity. The token was issued on 2024-01-02T10:00:00.0000000Z and was inactive for 90.00:00:00.', 'bad_token');
        case 'revoked':
          return fail(400, 'invalid_grant', 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '2024-01-02T10:00:00.0000000Z' and the TokensValidFrom date (before which tokens are not valid) for this user is '2024-03-01T09:00:00.0000000Z'.", 'bad_token');
        case 'sign-in-frequency':
          return fail(400, 'invalid_grant', 70043, 'The refresh token has expired or is invalid due to sign-in frequency checks by conditional access. The token was issued on 2024-01-02T10:00:00.0000000Z and the maximum allowed lifetime for this request is 3600.', 'bad_token');
        case 'valid':
          return sendJson(res, 200, issueTokens(state, clientId, grant.principal, scopes.length ? scopes : grant.scopes, null));
      }
      return;
    }
    case 'urn:ietf:params:oauth:grant-type:device_code':
    case 'device_code': {
      if (!state.auth.publicClientFlows) {
        return fail(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
      }
      const pending = state.deviceCodes.get(form.get('device_code') ?? '');
      if (!pending || pending.clientId !== clientId) {
        return fail(400, 'invalid_grant', 70000, "The provided value for the input parameter 'device_code' is not valid.");
      }
      if (Date.now() > pending.expiresAt) {
        state.deviceCodes.delete(pending.deviceCode);
        return fail(400, 'expired_token', 70020, "The provided value for the input parameter 'device_code' is not valid. This device code has expired.");
      }
      if (!pending.approvedBy) return fail(400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.');
      state.deviceCodes.delete(pending.deviceCode);
      return sendJson(res, 200, issueTokens(state, clientId, pending.approvedBy, scopes.length ? scopes : pending.scopes, null));
    }
    default:
      return fail(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
  }
}

async function deviceCode(state: TenantState, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = new URLSearchParams(await readBody(req));
  const clientId = form.get('client_id') ?? '';
  const correlationId = url.searchParams.get('client-request-id') ?? null;
  if (!state.auth.clientIds.includes(clientId)) {
    return sendJson(res, 400, entraError(state, 'unauthorized_client', 700016, appNotFound(state, clientId), correlationId));
  }
  const userCode = randomToken(6).replace(/[^A-Za-z0-9]/g, 'X').slice(0, 9).toUpperCase();
  const pending = {
    deviceCode: randomToken(48),
    userCode,
    clientId,
    scopes: (form.get('scope') ?? '').split(' ').filter(Boolean),
    expiresAt: Date.now() + state.auth.deviceCodeLifetimeSeconds * 1000,
    approvedBy: null,
  };
  state.deviceCodes.set(pending.deviceCode, pending);
  const verificationUri = `${state.loginUrl}/devicelogin`;
  sendJson(res, 200, {
    user_code: userCode,
    device_code: pending.deviceCode,
    verification_uri: verificationUri,
    expires_in: state.auth.deviceCodeLifetimeSeconds,
    interval: state.auth.deviceCodeIntervalSeconds,
    message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
  });
}

/** Where the "user" types the code (the real page also asks for credentials; here the technician is implied). */
async function deviceLogin(state: TenantState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    return sendHtml(res, 200, '<!doctype html><form method="POST"><input name="otc" /><input type="submit" value="Next" /></form>');
  }
  const otc = new URLSearchParams(await readBody(req)).get('otc')?.trim().toUpperCase() ?? '';
  const pending = [...state.deviceCodes.values()].find((d) => d.userCode === otc);
  if (!pending || Date.now() > pending.expiresAt) return errorPage(res, 70000, 'The code you entered has expired or is not valid.');
  pending.approvedBy = state.technician;
  sendHtml(res, 200, '<!doctype html><p>You have signed in to the MTR Doctor application on your device. You may now close this window.</p>');
}

export async function handleIdentity(state: TenantState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', state.loginUrl);
  const path = url.pathname;
  if (path === '/devicelogin') return deviceLogin(state, req, res);
  if (path === '/common/discovery/instance') {
    const host = new URL(state.loginUrl).host;
    return sendJson(res, 200, {
      tenant_discovery_endpoint: `${state.loginUrl}/${state.tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  }
  const match = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/(authorize|token|devicecode)|discovery\/v2\.0\/keys)$/.exec(path);
  if (!match) return sendJson(res, 404, { error: 'not_found' });
  const tenant = match[1] ?? '';
  if (!knownTenant(state, tenant)) {
    const body = entraError(state, 'invalid_tenant', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`, null);
    return match[3] === 'authorize' ? errorPage(res, 90002, String(body.error_description)) : sendJson(res, 400, body);
  }
  switch (match[3] ?? match[2]) {
    case 'v2.0/.well-known/openid-configuration':
      return sendJson(res, 200, openIdConfiguration(state));
    case 'discovery/v2.0/keys':
      return sendJson(res, 200, { keys: [] });
    case 'authorize':
      return authorize(state, url, res);
    case 'token':
      return req.method === 'POST' ? token(state, url, req, res) : sendJson(res, 405, { error: 'invalid_request' });
    case 'devicecode':
      return req.method === 'POST' ? deviceCode(state, url, req, res) : sendJson(res, 405, { error: 'invalid_request' });
  }
}
