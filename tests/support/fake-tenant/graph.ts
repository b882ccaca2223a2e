// The fake Microsoft Graph: the resources MTR Doctor reads, with bearer-token and permission checks,
// @odata.nextLink paging, $filter on sign-ins, $select on users, throttling and Graph-shaped error bodies.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http';
import { ROOM, TECHNICIAN, TENANT_DOMAIN, TENANT_INITIAL_DOMAIN } from './ids';
import { matches, ODataError, parseFilter } from './odata';
import { asV1 } from './signins';
import type { AccessGrant, TenantState } from './state';

type Json = Record<string, unknown>;

class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const denied = (): GraphFailure => new GraphFailure(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
const notFound = (what: string): GraphFailure =>
  new GraphFailure(404, 'Request_ResourceNotFound', `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`);

function errorBody(req: IncomingMessage, code: string, message: string): Json {
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d+Z$/, ''),
        'request-id': randomUUID(),
        'client-request-id': req.headers['client-request-id']?.toString() ?? randomUUID(),
      },
    },
  };
}

function requirePermission(grant: AccessGrant, ...anyOf: string[]): void {
  if (!anyOf.some((p) => grant.permissions.includes(p))) throw denied();
}

interface PageCursor {
  /** Everything needed to continue, so the nextLink is opaque like Graph's. */
  filter: string | null;
  offset: number;
  top: number;
}

function encodeCursor(c: PageCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(token: string): PageCursor {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageCursor;
  } catch {
    throw new GraphFailure(400, 'BadRequest', 'Invalid $skiptoken.');
  }
}

function page(state: TenantState, url: URL, version: string, items: Json[], cursor: PageCursor, context: string): Json {
  const slice = items.slice(cursor.offset, cursor.offset + cursor.top);
  const next = cursor.offset + cursor.top;
  const body: Json = { '@odata.context': `${state.graphUrl}/${version}/$metadata#${context}`, value: slice };
  if (next < items.length) {
    const link = new URL(`${state.graphUrl}${url.pathname}`);
    link.searchParams.set('$top', String(cursor.top));
    link.searchParams.set('$skiptoken', encodeCursor({ ...cursor, offset: next }));
    body['@odata.nextLink'] = link.toString();
  }
  return body;
}

function cursorFor(state: TenantState, url: URL, max: number): PageCursor {
  const skip = url.searchParams.get('$skiptoken');
  if (skip) return decodeCursor(skip);
  const topParam = url.searchParams.get('$top');
  const top = topParam === null ? Math.min(state.graph.defaultPageSize, max) : Number(topParam);
  if (!Number.isInteger(top) || top < 1 || top > max) {
    throw new GraphFailure(400, 'BadRequest', `Invalid value for $top: must be between 1 and ${max}.`);
  }
  return { filter: url.searchParams.get('$filter'), offset: 0, top };
}

/** The cursor's $filter as clauses; a filter the fake cannot read is Graph's 400. */
function filterClauses(cursor: PageCursor) {
  try {
    return cursor.filter ? parseFilter(cursor.filter) : [];
  } catch (error) {
    throw new GraphFailure(400, 'BadRequest', error instanceof ODataError ? error.message : 'Invalid filter clause');
  }
}

function signIns(state: TenantState, url: URL, version: string, grant: AccessGrant): Json {
  requirePermission(grant, 'AuditLog.Read.All');
  requirePermission(grant, 'Directory.Read.All');
  if (state.graph.nonPremium) {
    throw new GraphFailure(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', "Neither tenant is B2C or tenant doesn't have premium license");
  }
  const cursor = cursorFor(state, url, 1000);
  const clauses = filterClauses(cursor);
  const eventFilter = clauses.find((c) => c.kind === 'any' && c.field === 'signInEventTypes');
  if (version === 'v1.0' && eventFilter) {
    throw new GraphFailure(400, 'BadRequest', "Could not find a property named 'signInEventTypes' on type 'microsoft.graph.signIn'.");
  }
  // v1.0 lists interactive sign-ins only; beta too unless signInEventTypes asks for others.
  const wanted = eventFilter ? [] : [{ kind: 'any' as const, field: 'signInEventTypes', value: 'interactiveUser' }];
  const rows = state.data.signIns
    .filter((row) => matches(row, [...clauses, ...wanted]))
    .sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime))
    .map((row) => (version === 'v1.0' ? asV1(row) : row));
  return page(state, url, version, rows, cursor, 'auditLogs/signIns');
}

function select(item: Json, url: URL): Json {
  const fields = url.searchParams.get('$select');
  if (!fields) return item;
  const wanted = new Set(['id', ...fields.split(',').map((f) => f.trim())]);
  return Object.fromEntries(Object.entries(item).filter(([k]) => wanted.has(k)));
}

function fleetRoom(state: TenantState, key: string) {
  return state.data.fleet?.byKey.get(decodeURIComponent(key).toLowerCase()) ?? null;
}

function findUser(state: TenantState, key: string): Json | null {
  const k = decodeURIComponent(key).toLowerCase();
  const room = fleetRoom(state, k);
  if (room) return room.user;
  if (k === ROOM.id || k === ROOM.upn) return state.data.user;
  if (k === TECHNICIAN.id || k === TECHNICIAN.upn) {
    return { id: TECHNICIAN.id, userPrincipalName: TECHNICIAN.upn, displayName: TECHNICIAN.name, accountEnabled: true };
  }
  return null;
}

function route(state: TenantState, req: IncomingMessage, url: URL, grant: AccessGrant): { status: number; body: Json } {
  const match = /^\/(v1\.0|beta)\/(.+)$/.exec(url.pathname);
  if (!match) throw new GraphFailure(400, 'BadRequest', 'Invalid version.');
  const version = match[1] ?? 'v1.0';
  const segments = (match[2] ?? '').split('/');
  const ok = (body: Json): { status: number; body: Json } => ({ status: 200, body });
  const [first, second, third, fourth] = segments;

  if (first === 'auditLogs' && second === 'signIns' && segments.length === 2) return ok(signIns(state, url, version, grant));

  if (first === 'users' && second) {
    const user = findUser(state, second);
    if (!user) throw notFound(decodeURIComponent(second));
    const isRoom = user.id === ROOM.id;
    const many = fleetRoom(state, second);
    if (many && segments.length === 3) {
      if (third === 'licenseDetails') {
        requirePermission(grant, 'LicenseAssignment.Read.All', 'Directory.Read.All', 'User.Read.All');
        return ok({ value: many.licenseDetails });
      }
      if (third === 'transitiveMemberOf') {
        requirePermission(grant, 'Directory.Read.All');
        return ok(page(state, url, version, many.memberOf, cursorFor(state, url, 999), 'directoryObjects'));
      }
      if (third === 'mailboxSettings' && !many.hasMailbox) {
        throw new GraphFailure(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
      }
    }
    if (segments.length === 2) {
      requirePermission(grant, 'Directory.Read.All', 'User.Read.All');
      return ok({ '@odata.context': `${state.graphUrl}/${version}/$metadata#users/$entity`, ...select(user, url) });
    }
    if (third === 'licenseDetails' && segments.length === 3) {
      requirePermission(grant, 'LicenseAssignment.Read.All', 'Directory.Read.All', 'User.Read.All');
      return ok({ value: isRoom ? state.data.licenseDetails : [] });
    }
    if (third === 'transitiveMemberOf' && segments.length === 3) {
      requirePermission(grant, 'Directory.Read.All');
      return ok(page(state, url, version, isRoom ? state.data.memberOf : [], cursorFor(state, url, 999), 'directoryObjects'));
    }
    if (third === 'mailboxSettings' && segments.length === 3) {
      // Exchange answers "no mailbox" before the scope check; with a mailbox, delegated reads of someone
      // else's settings need MailboxSettings.Read, which MTR Doctor does not ask for.
      if (isRoom && !state.data.hasMailbox) {
        throw new GraphFailure(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
      }
      if (!grant.permissions.includes('MailboxSettings.Read')) {
        throw new GraphFailure(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
      }
      return ok({ timeZone: 'Pacific Standard Time', language: { locale: 'en-US', displayName: 'English (United States)' } });
    }
    if (version === 'beta' && third === 'authentication' && fourth === 'requirements' && segments.length === 4) {
      requirePermission(grant, 'UserAuthenticationMethod.Read.All');
      return ok({
        '@odata.context': `${state.graphUrl}/beta/$metadata#users('${user.id as string}')/authentication/requirements`,
        perUserMfaState: isRoom ? state.data.perUserMfaState : 'disabled',
      });
    }
  }

  if (first === 'groups' && second && third === 'transitiveMembers' && segments.length === 3) {
    requirePermission(grant, 'Directory.Read.All', 'GroupMember.Read.All');
    const members = state.data.fleet?.groupMembers.get(decodeURIComponent(second).toLowerCase()) ?? [];
    return ok(page(state, url, version, members.map((m) => select(m, url)), cursorFor(state, url, 999), 'directoryObjects'));
  }

  if (first === 'subscribedSkus' && segments.length === 1) {
    requirePermission(grant, 'Directory.Read.All', 'Organization.Read.All');
    return ok({ value: state.data.fleet?.subscribedSkus ?? [] });
  }

  if (first === 'users' && segments.length === 1) {
    requirePermission(grant, 'Directory.Read.All', 'User.Read.All');
    const cursor = cursorFor(state, url, 999);
    const sku = /^assignedLicenses\/any\(x:\s*x\/skuId eq ([0-9a-f-]{36})\)$/i.exec(cursor.filter ?? '');
    if (cursor.filter && !sku) throw new GraphFailure(400, 'BadRequest', `Unsupported filter: ${cursor.filter}`);
    const holders = (state.data.fleet?.rooms ?? [])
      .filter((r) => !sku || r.licenseDetails.some((l) => String(l.skuId).toLowerCase() === (sku[1] ?? '').toLowerCase()))
      .map((r) => select(r.user, url));
    return ok(page(state, url, version, holders, cursor, 'users'));
  }

  if (first === 'domains' && segments.length === 1) {
    requirePermission(grant, 'Directory.Read.All', 'Domain.Read.All');
    return ok({ value: [state.data.domain, { ...state.data.domain, id: TENANT_INITIAL_DOMAIN, isInitial: true, isDefault: false }] });
  }

  if (first === 'domains' && second && segments.length === 2) {
    requirePermission(grant, 'Directory.Read.All', 'Domain.Read.All');
    const name = decodeURIComponent(second).toLowerCase();
    if (name === TENANT_DOMAIN) return ok(state.data.domain);
    if (name === TENANT_INITIAL_DOMAIN) {
      return ok({ ...state.data.domain, id: TENANT_INITIAL_DOMAIN, isInitial: true, isDefault: false });
    }
    throw notFound(name);
  }

  if (first === 'places' && second === 'microsoft.graph.room' && segments.length === 2) {
    requirePermission(grant, 'Place.Read.All');
    return ok(page(state, url, version, state.data.rooms, cursorFor(state, url, 999), 'places/microsoft.graph.room'));
  }

  if (first === 'policies' && second === 'identitySecurityDefaultsEnforcementPolicy' && segments.length === 2) {
    requirePermission(grant, 'Policy.Read.All');
    return ok({
      '@odata.context': `${state.graphUrl}/${version}/$metadata#policies/identitySecurityDefaultsEnforcementPolicy/$entity`,
      id: '00000000-0000-0000-0000-000000000005',
      displayName: 'Security Defaults',
      description: 'Security defaults is a set of basic identity security mechanisms recommended by Microsoft.',
      isEnabled: state.data.securityDefaultsEnabled,
    });
  }

  if (first === 'identity' && second === 'conditionalAccess' && third === 'policies' && segments.length === 3) {
    requirePermission(grant, 'Policy.Read.All');
    // Small pages so the client's paging is exercised here too.
    const cursor = url.searchParams.get('$skiptoken') ? cursorFor(state, url, 999) : { filter: null, offset: 0, top: 3 };
    return ok(page(state, url, version, state.data.caPolicies, cursor, 'identity/conditionalAccess/policies'));
  }

  if (first === 'identity' && second === 'conditionalAccess' && third === 'namedLocations' && segments.length === 3) {
    requirePermission(grant, 'Policy.Read.All');
    return ok(page(state, url, version, state.data.namedLocations, cursorFor(state, url, 999), 'identity/conditionalAccess/namedLocations'));
  }

  if (first === 'devices' && segments.length === 1) {
    requirePermission(grant, 'Device.Read.All', 'Directory.Read.All');
    const cursor = cursorFor(state, url, 999);
    const clauses = filterClauses(cursor);
    return ok(page(state, url, version, state.data.devices.filter((d) => matches(d, clauses)).map((d) => select(d, url)), cursor, 'devices'));
  }

  throw new GraphFailure(400, 'BadRequest', `Resource not found for the segment '${segments[0] ?? ''}'.`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** JSON batching (POST /$batch): up to 20 GET requests, each answered as if sent alone; the rate limit counts each. */
function batch(state: TenantState, req: IncomingMessage, url: URL, grant: AccessGrant, text: string): { status: number; body: Json } {
  let requests: { id?: unknown; method?: unknown; url?: unknown }[];
  try {
    requests = (JSON.parse(text) as { requests: typeof requests }).requests;
    if (!Array.isArray(requests)) throw new Error('no requests');
  } catch {
    return { status: 400, body: errorBody(req, 'BadRequest', 'Invalid batch payload.') };
  }
  if (requests.length > 20) return { status: 400, body: errorBody(req, 'BadRequest', 'The number of batch requests exceeds the limit of 20.') };
  const version = url.pathname.startsWith('/beta/') ? 'beta' : 'v1.0';
  const limit = state.graph.rateLimit;
  const responses = requests.map((r) => {
    const id = String(r.id ?? '');
    if (r.method !== 'GET' || typeof r.url !== 'string' || !r.url.startsWith('/')) {
      return { id, status: 400, body: errorBody(req, 'BadRequest', 'Only relative GET requests are supported here.') };
    }
    if (limit) {
      const now = Date.now();
      while (state.recent.length && (state.recent[0] as number) <= now - limit.windowMs) state.recent.shift();
      if (state.recent.length >= limit.max) {
        return { id, status: 429, headers: { 'Retry-After': String(limit.retryAfterSeconds) }, body: errorBody(req, 'TooManyRequests', 'Too many requests.') };
      }
      state.recent.push(now);
    }
    try {
      const answer = route(state, req, new URL(`${state.graphUrl}/${version}${r.url}`), grant);
      return { id, status: answer.status, headers: { 'Content-Type': 'application/json' }, body: answer.body };
    } catch (error) {
      if (error instanceof GraphFailure) return { id, status: error.status, body: errorBody(req, error.code, error.message) };
      return { id, status: 500, body: errorBody(req, 'InternalServerError', 'The fake tenant failed to handle this request.') };
    }
  });
  return { status: 200, body: { responses } };
}

export function handleGraph(state: TenantState, req: IncomingMessage, res: ServerResponse): { retryAfter?: number } {
  const url = new URL(req.url ?? '/', state.graphUrl);
  const fail = (status: number, code: string, message: string, headers: Record<string, string> = {}): void =>
    sendJson(res, status, errorBody(req, code, message), headers);

  const auth = req.headers.authorization ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
  const grant = state.accessTokens.get(token);
  if (!grant) {
    fail(401, 'InvalidAuthenticationToken', token ? 'Invalid JWT token. Token format not valid.' : 'Access token is empty.');
    return {};
  }
  if (grant.expiresAt <= Date.now()) {
    fail(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
    return {};
  }
  if (grant.audience !== state.graphUrl) {
    fail(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
    return {};
  }

  const limit = state.graph.rateLimit;
  if (limit) {
    const now = Date.now();
    while (state.recent.length && (state.recent[0] as number) <= now - limit.windowMs) state.recent.shift();
    if (state.recent.length >= limit.max) {
      fail(429, 'TooManyRequests', 'Too many requests. Please retry after the period in the Retry-After header.', { 'Retry-After': String(limit.retryAfterSeconds) });
      return { retryAfter: limit.retryAfterSeconds };
    }
    state.recent.push(now);
  }

  const fault = state.graph.faults.find((f) => f.count > 0 && url.pathname.startsWith(f.path));
  if (fault) {
    fault.count--;
    const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
    if (fault.status === 429) fail(429, 'TooManyRequests', 'Too many requests. Please retry after the period in the Retry-After header.', headers);
    else fail(fault.status, 'UnknownError', 'The service is temporarily unavailable.', headers);
    return { retryAfter: fault.retryAfterSeconds };
  }

  if (state.graph.technicianWithoutRole) {
    fail(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    return {};
  }
  if (req.method === 'POST' && /^\/(v1\.0|beta)\/\$batch$/.test(url.pathname)) {
    readBody(req).then(
      (text) => {
        const answer = batch(state, req, url, grant, text);
        sendJson(res, answer.status, answer.body);
      },
      () => fail(400, 'BadRequest', 'Could not read the request body.'),
    );
    return {};
  }
  try {
    const { status, body } = route(state, req, url, grant);
    sendJson(res, status, body);
  } catch (error) {
    if (error instanceof GraphFailure) fail(error.status, error.code, error.message);
    else fail(500, 'InternalServerError', 'The fake tenant failed to handle this request.');
  }
  return {};
}
