// The fake Microsoft Graph: the resources MTR Doctor reads, with bearer-token and permission checks,
// @odata.nextLink paging, $filter on sign-ins, $select on users, throttling and Graph-shaped error bodies.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http';
import { ROOM, TECHNICIAN, TENANT_DOMAIN, TENANT_INITIAL_DOMAIN } from './ids';
import { matches, ODataError, parseFilter, type Clause } from './odata';
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


type Limit = { max: number; windowMs: number; retryAfterSeconds: number };

function over(recent: number[], limit: Limit | undefined, now: number): boolean {
  if (!limit) return false;
  while (recent.length && (recent[0] as number) <= now - limit.windowMs) recent.shift();
  return recent.length >= limit.max;
}

/**
 * The limits a request (or a $batch sub-request) falls under: the general one, the reports one for
 * /auditLogs, the signInActivity one when it is selected. Returns the Retry-After when one is exceeded;
 * otherwise counts the request against each.
 */
function throttle(state: TenantState, url: URL): number | null {
  const now = Date.now();
  const g = state.graph;
  const reports = /^\/(v1\.0|beta)\/auditLogs\//.test(url.pathname);
  const activity = /signInActivity/i.test(url.searchParams.get('$select') ?? '');
  const hit = [
    over(state.recent, g.rateLimit, now) ? g.rateLimit : null,
    reports && over(state.recentReports, g.reportsLimit, now) ? g.reportsLimit : null,
    activity && over(state.recentActivity, g.signInActivityLimit, now) ? g.signInActivityLimit : null,
  ].find((l): l is Limit => !!l);
  if (hit) return hit.retryAfterSeconds;
  if (g.rateLimit) state.recent.push(now);
  if (reports && g.reportsLimit) state.recentReports.push(now);
  if (activity && g.signInActivityLimit) state.recentActivity.push(now);
  return null;
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
    // Graph's nextLink keeps the query's $select (signInActivity on page 2 as on page 1).
    const fields = url.searchParams.get('$select');
    if (fields) link.searchParams.set('$select', fields);
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

/**
 * What Graph's signIn reference documents for $filter, per property (api-reference/v1.0/resources/signin.md:
 * createdDateTime eq/le/ge, userPrincipalName and the ids eq, status "eq on errorCode"); `ne` on errorCode only
 * while errorCodeNe is on. No `or`: the List signIns page and the signIn reference show none. Anything else
 * is a 400, so a client that relies on an undocumented shape fails here as it may against Graph.
 */
const SIGNIN_FILTERS: Record<string, readonly string[]> = {
  createdDateTime: ['eq', 'le', 'ge'],
  userPrincipalName: ['eq'],
  userId: ['eq'],
  appId: ['eq'],
  correlationId: ['eq'],
  id: ['eq'],
  clientAppUsed: ['eq'],
  conditionalAccessStatus: ['eq'],
  'status/errorCode': ['eq'],
};

function refuseUndocumented(state: TenantState, clauses: Clause[]): void {
  for (const c of clauses) {
    if (c.kind === 'or') throw new GraphFailure(400, 'BadRequest', "Invalid filter clause: 'or' is not supported on this resource.");
    if (c.kind === 'any') continue;
    const ops = [...(SIGNIN_FILTERS[c.field] ?? []), ...(c.field === 'status/errorCode' && state.graph.errorCodeNe ? ['ne'] : [])];
    if (!ops.includes(c.op)) throw new GraphFailure(400, 'BadRequest', `Invalid filter clause: operator '${c.op}' is not supported on '${c.field}'.`);
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
  refuseUndocumented(state, clauses);
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

/** A user as $select asks: signInActivity only when named (Graph returns it on $select only). */
function withActivity(state: TenantState, user: Json, url: URL): Json {
  if (!/signInActivity/i.test(url.searchParams.get('$select') ?? '')) return user;
  const room = fleetRoom(state, String(user.id));
  return { ...user, signInActivity: room?.signInActivity ?? { lastSignInDateTime: null, lastNonInteractiveSignInDateTime: null, lastSuccessfulSignInDateTime: null } };
}

function findUser(state: TenantState, key: string): Json | null {
  const k = decodeURIComponent(key).toLowerCase();
  const room = fleetRoom(state, k);
  if (room) return room.user;
  const plain = state.data.fleet?.plainRooms.find((p) => p.upn === k || p.user?.id === k);
  if (plain) return plain.user;
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
      return ok({ '@odata.context': `${state.graphUrl}/${version}/$metadata#users/$entity`, ...select(withActivity(state, user, url), url) });
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
    // user-list.md: "When signInActivity is selected or filtered on, the maximum page size is 500."
    const activity = /signInActivity/i.test(url.searchParams.get('$select') ?? '');
    if (activity) requirePermission(grant, 'AuditLog.Read.All');
    const cursor = cursorFor(state, url, activity ? 500 : 999);
    const sku = /^assignedLicenses\/any\(x:\s*x\/skuId eq ([0-9a-f-]{36})\)$/i.exec(cursor.filter ?? '');
    // user.md: userPrincipalName supports $filter with `in`; more than 15 values is refused here.
    const inList = /^userPrincipalName in \(((?:'(?:[^']|'')*'\s*,?\s*)+)\)$/i.exec(cursor.filter ?? '');
    if (cursor.filter && !sku && !inList) throw new GraphFailure(400, 'BadRequest', `Unsupported filter: ${cursor.filter}`);
    const named = inList ? [...(inList[1] ?? '').matchAll(/'((?:[^']|'')*)'/g)].map((m) => (m[1] ?? '').replace(/''/g, "'").toLowerCase()) : null;
    if (named && named.length > 15) throw new GraphFailure(400, 'BadRequest', 'Too many values in the in operator.');
    const everyone: Json[] = [...(state.data.fleet?.rooms ?? []).map((r) => r.user), ...(state.data.fleet?.plainRooms ?? []).flatMap((p) => (p.user ? [p.user] : []))];
    const holders = everyone
      .filter((u) => !sku || (fleetRoom(state, String(u.id))?.licenseDetails ?? []).some((l) => String(l.skuId).toLowerCase() === (sku[1] ?? '').toLowerCase()))
      .filter((u) => !named || named.includes(String(u.userPrincipalName).toLowerCase()))
      .map((u) => select(withActivity(state, u, url), url));
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
  const responses = requests.map((r) => {
    const id = String(r.id ?? '');
    if (r.method !== 'GET' || typeof r.url !== 'string' || !r.url.startsWith('/')) {
      return { id, status: 400, body: errorBody(req, 'BadRequest', 'Only relative GET requests are supported here.') };
    }
    const subUrl = new URL(`${state.graphUrl}/${version}${r.url}`);
    const wait = throttle(state, subUrl);
    if (wait !== null) return { id, status: 429, headers: { 'Retry-After': String(wait) }, body: errorBody(req, 'TooManyRequests', 'Too many requests.') };
    try {
      const answer = route(state, req, subUrl, grant);
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

  // A $batch envelope is not counted itself: each of its requests is, as Graph counts them.
  const isBatch = req.method === 'POST' && /^\/(v1\.0|beta)\/\$batch$/.test(url.pathname);
  const wait = isBatch ? null : throttle(state, url);
  if (wait !== null) {
    fail(429, 'TooManyRequests', 'Too many requests. Please retry after the period in the Retry-After header.', { 'Retry-After': String(wait) });
    return { retryAfter: wait };
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
