// Every Teams Room in a tenant: find the resource accounts (the room list and the holders of a Teams Rooms
// SKU), then read what the seven checks need for each, spending requests wisely. Tenant-wide things are read
// once (rooms, licensed users, domains, security defaults, Conditional Access); sign-ins in one window query
// per group of accounts (paged), split per room; per-user reads in JSON $batch requests of up to 20, a few at
// a time. A 429 pauses the whole run (ThrottleGate). Each room's facts are handed over as soon as they are in.
import { z } from 'zod';
import type { Sleep } from '../model/cancellation';
import { graphOrigin, type CloudId } from '../auth/cloud';
import type { AuthProvider } from '../auth/provider';
import type { Warning } from '../model/analysis';
import type { Fact, SourcePresence } from '../model/facts';
import { accountFact, USER_FIELDS } from './account';
import { addMembership, caPolicyFacts, needsMembership, POLICIES, type Membership } from './conditional-access';
import { odataDate, odataString } from './odata';
import { startGraphRun, type GraphProgress, type GraphRun } from './graph-run';
import { licenseFact } from './licenses';
import { mailboxFact, PLACES } from './mailbox';
import { SECURITY_DEFAULTS, securityDefaultsFact } from './mfa';
import { retryDelaySeconds, ThrottleGate } from './retry';
import {
  caPolicySchema,
  directoryObjectSchema,
  domainSchema,
  licenseDetailSchema,
  roomSchema,
  securityDefaultsSchema,
  signInSchema,
  userSchema,
  type GraphCaPolicy,
  type GraphDomain,
  type GraphRoom,
  type GraphSignIn,
  type GraphUser,
} from './schemas';
import { NON_INTERACTIVE, SIGNINS, signInQueryFact, toSignInFact } from './signins';
import { compareText } from '../model/order';

export interface TenantRoomsOptions {
  auth: Pick<AuthProvider, 'getAccessToken'>;
  cloud?: CloudId;
  graphUrl?: string;
  scopes?: readonly string[];
  window: { from: string; to: string };
  /** The Teams Rooms SKU ids (checks/data/mtr-skus.json): holders of one are resource accounts. */
  roomSkuIds: readonly string[];
  /** $batch requests in flight at once (default 4). */
  concurrency?: number;
  /** Accounts per sign-in query: Graph caps the clauses of a $filter, so hundreds of rooms take a few (default 15). */
  accountsPerSignInQuery?: number;
  signal?: AbortSignal;
  onProgress?: (p: GraphProgress) => void;
  /** A room's facts, as soon as they are complete (partial results). */
  onRoom?: (room: RoomFacts) => void;
  retry?: { maxRetries?: number; maxDelaySeconds?: number; sleep?: Sleep };
}

export interface RoomFacts {
  account: string;
  displayName: string | null;
  facts: Fact[];
  sources: Partial<SourcePresence>;
  warnings: Warning[];
}

export interface TenantRooms {
  /** Room mailboxes in /places, accounts holding a Teams Rooms SKU, and where the two disagree. */
  places: string[];
  licensed: string[];
  rooms: RoomFacts[];
  /** Tenant-wide problems (a list that could not be read), shown once rather than per room. */
  warnings: Warning[];
  /** HTTP requests sent to Graph, retries and $batch envelopes included. */
  requests: number;
}

const MAX_BATCH = 20;
const subscribedSkuSchema = z.looseObject({ skuId: z.string(), skuPartNumber: z.string().optional() });
const batchResponseSchema = z.looseObject({
  responses: z.array(z.looseObject({ id: z.string(), status: z.number(), headers: z.record(z.string(), z.string()).optional(), body: z.unknown().optional() })),
});

interface BatchItem {
  id: string;
  url: string;
  done: (status: number, body: unknown) => void;
}

const lower = (s: string) => s.toLowerCase();

export async function collectTenantRooms(options: TenantRoomsOptions): Promise<TenantRooms> {
  const graphUrl = graphOrigin({ cloud: options.graphUrl ? undefined : (options.cloud ?? 'global'), graphUrl: options.graphUrl });
  const gate = new ThrottleGate();
  let requests = 0;
  const run = startGraphRun({
    auth: options.auth,
    graphUrl,
    scopes: options.scopes,
    signal: options.signal,
    retry: { ...options.retry, gate, onRequest: () => requests++ },
    onProgress: options.onProgress,
  });

  // 1. Who the rooms are: the room list, and the holders of each Teams Rooms SKU the tenant has.
  run.begin('mailbox');
  const places = await run.attempt(`graph:${PLACES}`, "The tenant's room list", 'Place.Read.All', () => run.getAll(run.api(PLACES).top(999), roomSchema));
  run.begin('licenses');
  const skus = await run.attempt('graph:/subscribedSkus', "The tenant's licences", 'Organization.Read.All (or Directory.Read.All)', () =>
    run.getAll(run.api('/subscribedSkus'), subscribedSkuSchema),
  );
  const wanted = new Set(options.roomSkuIds.map(lower));
  const users = new Map<string, GraphUser>();
  for (const sku of skus?.items.filter((s) => wanted.has(lower(s.skuId))) ?? []) {
    const holders = await run.attempt('graph:/users', `Holders of ${sku.skuPartNumber ?? sku.skuId}`, 'Directory.Read.All (or User.Read.All)', () =>
      run.getAll(run.api('/users').filter(`assignedLicenses/any(x:x/skuId eq ${sku.skuId})`).select(USER_FIELDS).top(999), userSchema),
    );
    for (const u of holders?.items ?? []) users.set(lower(u.userPrincipalName), u);
  }
  const placeList = (places?.items ?? []).filter((r): r is GraphRoom & { emailAddress: string } => !!r.emailAddress);
  const placeAddresses = placeList.map((r) => lower(r.emailAddress));
  const licensed = [...users.keys()];
  const accounts = [...new Set([...placeAddresses, ...licensed])].sort();

  // 2. What every room shares: domains (password validity), security defaults, Conditional Access.
  run.begin('account');
  const domains = await run.attempt('graph:/domains', "The tenant's domains", 'Directory.Read.All', () => run.getAll(run.api('/domains'), domainSchema));
  run.begin('mfa');
  const defaults = await run.attempt(`graph:${SECURITY_DEFAULTS}`, 'Security defaults', 'Policy.Read.All', () => run.getOne(run.api(SECURITY_DEFAULTS), securityDefaultsSchema));
  run.begin('conditional-access');
  const policies = await run.attempt(`graph:${POLICIES}`, 'Conditional Access policies', 'Policy.Read.All', () => run.getAll(run.api(POLICIES), caPolicySchema));
  // Policies assigned through groups: each named group's members, read once for all rooms. Only policies
  // assigned through directory roles need each account's own memberships (in the $batch below).
  const named = policyGroups(policies?.items ?? []);
  const groupMembers = new Map<string, { name: string; members: Set<string> }>();
  let membershipPerUser = false;
  if (policies && needsMembership(policies.items)) {
    membershipPerUser = named.roles;
    for (const id of named.groups) {
      const members = await run.attempt(`graph:/groups/${id}/transitiveMembers`, `The members of group ${id}`, 'Directory.Read.All (or GroupMember.Read.All)', () =>
        run.getAll(run.api(`/groups/${encodeURIComponent(id)}/transitiveMembers`).select(['id']).top(999), z.looseObject({ id: z.string() })),
      );
      if (!members) membershipPerUser = true;
      else groupMembers.set(id, { name: id, members: new Set(members.items.map((m) => m.id)) });
    }
  }
  const membershipNeeded = membershipPerUser;

  // 3. Sign-ins for the window: a few queries for all rooms (interactive, then non-interactive), split per room.
  const signIns = new Map<string, { interactive: GraphSignIn[]; nonInteractive: GraphSignIn[] | null }>(accounts.map((a) => [a, { interactive: [], nonInteractive: [] }]));
  let signInsRead = accounts.length > 0;
  const windowFilter = `createdDateTime ge ${odataDate(options.window.from)} and createdDateTime le ${odataDate(options.window.to)}`;
  const per = options.accountsPerSignInQuery ?? 15;
  run.begin('sign-ins');
  for (let i = 0; i < accounts.length && signInsRead; i += per) {
    const group = accounts.slice(i, i + per);
    const who = `(${group.map((a) => `userPrincipalName eq ${odataString(a)}`).join(' or ')})`;
    const need = 'AuditLog.Read.All and Directory.Read.All, and a role such as Global Reader or Reports Reader';
    const interactive = await run.attempt(`graph:${SIGNINS}`, 'Sign-in logs', need, () =>
      run.getAll(run.api(SIGNINS).filter(encodeURIComponent(`${windowFilter} and ${who}`)).top(1000), signInSchema),
    );
    if (!interactive) {
      signInsRead = false;
      break;
    }
    const nonInteractive = await run.attempt(`graph:/beta${SIGNINS}`, 'Non-interactive sign-in logs (beta)', need, () =>
      run.getAll(run.api(SIGNINS, 'beta').filter(encodeURIComponent(`${windowFilter} and ${who} and ${NON_INTERACTIVE}`)).top(1000), signInSchema),
    );
    for (const row of interactive.items) signIns.get(lower(row.userPrincipalName ?? ''))?.interactive.push(row);
    for (const a of group) {
      const s = signIns.get(a);
      if (s && !nonInteractive) s.nonInteractive = null;
    }
    for (const row of nonInteractive?.items ?? []) signIns.get(lower(row.userPrincipalName ?? ''))?.nonInteractive?.push(row);
  }

  // 4. Per room, in $batch: the account when the SKU query did not bring it, its licences, its groups when a
  //    policy is assigned through groups or roles. Then the room's facts are complete.
  const rooms: RoomFacts[] = [];
  const items: BatchItem[] = [];
  const domainOf = (u: GraphUser): GraphDomain | null => domains?.items.find((d) => lower(d.id) === lower(u.userPrincipalName.split('@')[1] ?? '')) ?? null;
  for (const account of accounts) {
    const state: { user: GraphUser | null; userStatus: number | null; licenses: unknown; licensesStatus: number | null; memberOf: unknown; memberStatus: number | null; left: number } = {
      user: users.get(account) ?? null,
      userStatus: users.has(account) ? 200 : null,
      licenses: null,
      licensesStatus: null,
      memberOf: null,
      memberStatus: null,
      left: 0,
    };
    const finish = () => {
      if (--state.left > 0) return;
      const room = roomFacts(account, state, {
        place: placeList.find((r) => lower(r.emailAddress) === account) ?? null,
        places: places?.items ?? null,
        domain: state.user ? domainOf(state.user) : null,
        defaults,
        policies: policies?.items ?? null,
        membershipNeeded,
        groupMembers,
        signIns: signInsRead ? (signIns.get(account) ?? null) : null,
        window: options.window,
        windowFilter,
      });
      rooms.push(room);
      options.onRoom?.(room);
    };
    const key = encodeURIComponent(account);
    if (!state.user) {
      state.left++;
      items.push({ id: `${account}|user`, url: `/users/${key}?$select=${USER_FIELDS.join(',')}`, done: (status, body) => {
        state.userStatus = status;
        const parsed = status === 200 ? userSchema.safeParse(body) : null;
        state.user = parsed?.success ? parsed.data : null;
        finish();
      } });
    }
    state.left++;
    items.push({ id: `${account}|licenses`, url: `/users/${key}/licenseDetails`, done: (status, body) => {
      state.licensesStatus = status;
      state.licenses = body;
      finish();
    } });
    if (membershipNeeded) {
      state.left++;
      items.push({ id: `${account}|memberOf`, url: `/users/${key}/transitiveMemberOf?$select=id,displayName,roleTemplateId`, done: (status, body) => {
        state.memberStatus = status;
        state.memberOf = body;
        finish();
      } });
    }
  }
  run.begin('account');
  await runBatches(run, gate, items, options.concurrency ?? 4, options.retry?.maxDelaySeconds ?? 120);

  const warnings = run.warnings;
  return { places: placeAddresses, licensed, rooms, warnings, requests };
}

/** Sends the items in $batch requests of up to 20, `concurrency` at a time; throttled items go again after the pause. */
async function runBatches(run: GraphRun, gate: ThrottleGate, items: BatchItem[], concurrency: number, maxDelaySeconds: number): Promise<void> {
  const queue = [...items];
  let done = 0;
  const worker = async () => {
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      const sent = await run.attempt('graph:/$batch', 'Per-account reads ($batch)', 'Directory.Read.All', async () =>
        batchResponseSchema.parse(await run.api('/$batch').post({ requests: batch.map((b) => ({ id: b.id, method: 'GET', url: b.url })) })),
      );
      if (!sent) {
        // The envelope itself failed: every read in it counts as failed for its room.
        for (const b of batch) b.done(500, null);
        done += batch.length;
        continue;
      }
      for (const r of sent.responses) {
        const item = batch.find((b) => b.id === r.id);
        if (!item) continue;
        if (r.status === 429) {
          // A throttled sub-request pauses the run like a throttled request, then goes round again.
          gate.pause(retryDelaySeconds(r.headers?.['Retry-After'] ?? r.headers?.['retry-after'] ?? null, 1, maxDelaySeconds));
          queue.push(item);
          continue;
        }
        item.done(r.status, r.body);
        done++;
      }
      run.progress(done, { total: items.length });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

/** The groups Conditional Access policies name, and whether any names a directory role. */
function policyGroups(policies: GraphCaPolicy[]): { groups: string[]; roles: boolean } {
  const groups = new Set<string>();
  let roles = false;
  for (const p of policies) {
    const u = p.conditions.users;
    for (const g of [...(u?.includeGroups ?? []), ...(u?.excludeGroups ?? [])]) groups.add(g);
    if ((u?.includeRoles ?? []).length || (u?.excludeRoles ?? []).length) roles = true;
  }
  return { groups: [...groups].sort(), roles };
}

interface Shared {
  place: GraphRoom | null;
  places: GraphRoom[] | null;
  domain: GraphDomain | null;
  defaults: { isEnabled: boolean } | null;
  policies: GraphCaPolicy[] | null;
  membershipNeeded: boolean;
  groupMembers: Map<string, { name: string; members: Set<string> }>;
  signIns: { interactive: GraphSignIn[]; nonInteractive: GraphSignIn[] | null } | null;
  window: { from: string; to: string };
  windowFilter: string;
}

/** One room's facts, the same kinds collectGraphFacts makes for a single account. */
function roomFacts(
  account: string,
  s: { user: GraphUser | null; userStatus: number | null; licenses: unknown; licensesStatus: number | null; memberOf: unknown; memberStatus: number | null },
  shared: Shared,
): RoomFacts {
  const facts: Fact[] = [];
  const warnings: Warning[] = [];
  const sources: Partial<SourcePresence> = { graphSignIns: false, graphAccount: false, graphLicenses: false, graphMailbox: false, graphPolicies: false };
  const problem = (source: string, message: string, status: number | null) => {
    facts.push({ kind: 'source-problem', source, message, code: null, status });
    warnings.push({ source, message });
  };
  if (s.user) {
    sources.graphAccount = true;
    facts.push(accountFact(s.user, shared.domain));
  } else if (s.userStatus === 404) {
    problem(`graph:/users/${account}`, `No user ${account} exists in this tenant, though the room list names it. Create the resource account or remove the room.`, 404);
    return { account, displayName: shared.place?.displayName ?? null, facts, sources, warnings };
  } else problem(`graph:/users/${account}`, `The account ${account} could not be read (HTTP ${s.userStatus ?? 'none'}).`, s.userStatus);

  if (shared.signIns) {
    sources.graphSignIns = true;
    const byId = new Map<string, GraphSignIn>();
    for (const row of [...shared.signIns.interactive, ...(shared.signIns.nonInteractive ?? [])]) byId.set(row.id, row);
    facts.push(signInQueryFact(account, shared.window, shared.windowFilter, shared.signIns.interactive.length, shared.signIns.nonInteractive?.length ?? null));
    facts.push(...[...byId.values()].map(toSignInFact).sort((a, b) => compareText(a.time, b.time)));
  }
  const licenses = s.licensesStatus === 200 ? z.object({ value: z.array(licenseDetailSchema) }).safeParse(s.licenses) : null;
  if (licenses?.success) {
    sources.graphLicenses = true;
    facts.push(licenseFact(s.user?.id ?? account, licenses.data.value));
  } else problem(`graph:/users/${account}/licenseDetails`, `The licences of ${account} could not be read (HTTP ${s.licensesStatus ?? 'none'}).`, s.licensesStatus);
  const mailbox = mailboxFact(account, s.user, shared.places, null);
  if (mailbox) {
    sources.graphMailbox = true;
    facts.push(mailbox);
  }
  if (shared.defaults) facts.push(securityDefaultsFact(shared.defaults));
  if (shared.policies && s.user) {
    const who: Membership = { userId: s.user.id, groups: new Map(), roleTemplateIds: new Set() };
    const members = shared.membershipNeeded && s.memberStatus === 200 ? z.object({ value: z.array(directoryObjectSchema) }).safeParse(s.memberOf) : null;
    for (const [id, g] of shared.groupMembers) if (g.members.has(s.user.id)) who.groups.set(id, g.name);
    if (members?.success) addMembership(who, members.data.value);
    else if (shared.membershipNeeded) warnings.push({ source: `graph:${POLICIES}`, message: 'Policies assigned through groups or roles could not be matched to the account.' });
    facts.push(...caPolicyFacts(shared.policies, who));
  }
  sources.graphPolicies = !!shared.defaults && !!shared.policies;
  return { account, displayName: shared.place?.displayName ?? s.user?.displayName ?? null, facts, sources, warnings };
}
