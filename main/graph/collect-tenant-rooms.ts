// Every Teams Room in a tenant: find the resource accounts (the room list and the holders of a Teams Rooms
// SKU), then read what the seven checks need for each, spending requests wisely. Tenant-wide things are read
// once (rooms, licensed users with their signInActivity, domains, security defaults, Conditional Access). The
// sign-in log, whose reports limit is five requests per 10 s per app per tenant, is read for failures only, in
// one window query for the whole tenant (paged, kept for the room accounts only); each account's last
// successful sign-in (user signInActivity) is the positive evidence. Per-user reads go in JSON $batch requests
// of up to 20, a few at a time. A 429 pauses the whole run (ThrottleGate). Each room's facts are handed over as
// soon as they are in, and nothing is kept per room after that.
import { z } from 'zod';
import type { Sleep } from '../model/cancellation';
import { graphOrigin, type CloudId } from '../auth/cloud';
import type { AuthProvider } from '../auth/provider';
import type { Warning } from '../model/analysis';
import type { Fact, SignInFact, SourcePresence } from '../model/facts';
import type { NotCheckedRoom } from '../model/fleet-result';
import { accountFact, USER_FIELDS } from './account';
import { addMembership, caPolicyFacts, needsMembership, POLICIES, type Membership } from './read-conditional-access';
import { graphErrorStatus } from './read-failure';
import { odataDate, odataString } from './odata';
import { startGraphRun, type GraphProgress, type GraphRun } from './graph-run';
import { licenseFact } from './licenses';
import { mailboxFact, PLACES } from './read-mailbox';
import { SECURITY_DEFAULTS, securityDefaultsFact } from './read-mfa-settings';
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
} from './payload-schemas';
import { lastSuccessFact, NON_INTERACTIVE, SIGNINS, signInQueryFact, toSignInFact, type SignInActivity } from './signins';
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
  signal?: AbortSignal;
  onProgress?: (p: GraphProgress) => void;
  /** How many rooms will be checked (after discovery, before any room is read), and how many are left. */
  onPlan?: (plan: { total: number; toDo: number }) => void;
  /** A room's facts, as soon as they are complete (partial results). */
  onRoom?: (room: RoomFacts) => void;
  /** A bookable room in /places that is no Teams Rooms account: listed apart, not checked. */
  onNotChecked?: (room: NotCheckedRoom) => void;
  /** Accounts already finished by an earlier, interrupted run: not read again. */
  skip?: ReadonlySet<string>;
  retry?: { maxRetries?: number; maxDelaySeconds?: number; sleep?: Sleep };
}

export interface RoomFacts {
  account: string;
  displayName: string | null;
  facts: Fact[];
  sources: Partial<SourcePresence>;
  warnings: Warning[];
}


/** How the sign-in log was read: failures tenant-wide (the documented limit allows little else), or per account. */
export type SignInMode = 'failures' | 'per-account';

export interface TenantRooms {
  /** Room mailboxes in /places, accounts holding a Teams Rooms SKU, and where the two disagree. */
  places: string[];
  licensed: string[];
  signInMode: SignInMode;
  /** Tenant-wide problems (a list that could not be read), shown once rather than per room. */
  warnings: Warning[];
  /** HTTP requests sent to Graph, retries and $batch envelopes included. */
  requests: number;
}

const MAX_BATCH = 20;
/** Rows kept per account and kind (newest first, as Graph returns them): a locked-out room can fail every minute. */
const ROWS_PER_ACCOUNT = 200;
/** user-list.md: "When signInActivity is selected or filtered on, the maximum page size is 500." */
const ACTIVITY_PAGE = 500;
/** Accounts per `userPrincipalName in (…)` list. */
const IN_LIST = 15;
const NEED_SIGNINS = 'AuditLog.Read.All and Directory.Read.All, and a role such as Global Reader or Reports Reader';
const activitySchema = z
  .looseObject({ lastSuccessfulSignInDateTime: z.string().nullish(), lastSuccessfulSignInRequestId: z.string().nullish(), lastSignInDateTime: z.string().nullish(), lastNonInteractiveSignInDateTime: z.string().nullish() })
  .nullish();
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
  run.stopWhenUnreachable = true;
  const skip = options.skip ?? new Set<string>();

  // 1. Who the rooms are: the room list, and the holders of each Teams Rooms SKU the tenant has, with their
  //    signInActivity (one page of 500 per request; its own limit is 10 requests a minute).
  run.begin('mailbox');
  const places = await run.attempt(`graph:${PLACES}`, "The tenant's room list", 'Place.Read.All', () => run.getAll(run.api(PLACES).top(999), roomSchema));
  run.begin('licenses');
  const skus = await run.attempt('graph:/subscribedSkus', "The tenant's licences", 'Organization.Read.All (or Directory.Read.All)', () =>
    run.getAll(run.api('/subscribedSkus'), subscribedSkuSchema),
  );
  const wanted = new Set(options.roomSkuIds.map(lower));
  const users = new Map<string, GraphUser>();
  const activity = new Map<string, SignInActivity | null>();
  let activityRead = true;
  for (const sku of skus?.items.filter((s) => wanted.has(lower(s.skuId))) ?? []) {
    const holders = (withActivity: boolean) =>
      run.getAll(
        run
          .api('/users')
          .filter(`assignedLicenses/any(x:x/skuId eq ${sku.skuId})`)
          .select(withActivity ? [...USER_FIELDS, 'signInActivity'] : USER_FIELDS)
          .top(withActivity ? ACTIVITY_PAGE : 999),
        userSchema,
      );
    const what = `Holders of ${sku.skuPartNumber ?? sku.skuId}`;
    // signInActivity needs AuditLog.Read.All and Entra ID P1: without them the list is read without it, and
    // no room has a last successful sign-in to show (its checks stay unknown rather than pass).
    let list = activityRead
      ? await run.attempt('graph:/users', `${what} with their last sign-in (signInActivity)`, `${NEED_SIGNINS}, and Entra ID P1 or P2`, () => holders(true))
      : null;
    if (!list) {
      activityRead = false;
      list = await run.attempt('graph:/users', what, 'Directory.Read.All (or User.Read.All)', () => holders(false));
    }
    for (const u of list?.items ?? []) {
      users.set(lower(u.userPrincipalName), u);
      const a = activitySchema.safeParse((u as { signInActivity?: unknown }).signInActivity);
      if (activityRead) activity.set(lower(u.userPrincipalName), a.success ? (a.data ?? null) : null);
    }
  }
  const placeList = (places?.items ?? []).filter((r): r is GraphRoom & { emailAddress: string } => !!r.emailAddress);
  const placeByAddress = new Map(placeList.map((r) => [lower(r.emailAddress), r]));
  const placeAddresses = [...placeByAddress.keys()];
  const licensed = [...users.keys()];
  const holders = new Set(licensed);
  const accounts = [...new Set([...placeAddresses, ...licensed])].sort();
  const toDo = accounts.filter((a) => !skip.has(a));
  options.onPlan?.({ total: accounts.length, toDo: toDo.length });

  // Rooms in the room list that hold no Teams Rooms SKU: their accounts (and signInActivity) in lists of 15
  // (`userPrincipalName in (…)`, documented on the user resource), so the 10-a-minute limit is met by a few
  // requests. An account not returned does not exist; a list that cannot be read leaves its accounts to $batch.
  const notFound = new Set<string>();
  const placeOnly = toDo.filter((a) => !holders.has(a));
  for (let i = 0; i < placeOnly.length; i += IN_LIST) {
    const group = placeOnly.slice(i, i + IN_LIST);
    const list = await run.attempt('graph:/users', 'Accounts of rooms without a Teams Rooms licence', 'Directory.Read.All (or User.Read.All)', () =>
      run.getAll(
        run
          .api('/users')
          .filter(`userPrincipalName in (${group.map(odataString).join(',')})`)
          .select(activityRead ? [...USER_FIELDS, 'signInActivity'] : USER_FIELDS)
          .top(activityRead ? ACTIVITY_PAGE : 999),
        userSchema,
      ),
    );
    if (!list) continue;
    for (const u of list.items) {
      users.set(lower(u.userPrincipalName), u);
      const a = activitySchema.safeParse((u as { signInActivity?: unknown }).signInActivity);
      if (activityRead) activity.set(lower(u.userPrincipalName), a.success ? (a.data ?? null) : null);
    }
    for (const a of group) if (!users.has(a)) notFound.add(a);
  }

  // 2. What every room shares: domains (password validity), security defaults, Conditional Access.
  run.begin('account');
  const domains = await run.attempt('graph:/domains', "The tenant's domains", 'Directory.Read.All', () => run.getAll(run.api('/domains'), domainSchema));
  const domainById = new Map((domains?.items ?? []).map((d) => [lower(d.id), d]));
  run.begin('mfa');
  const defaults = await run.attempt(`graph:${SECURITY_DEFAULTS}`, 'Security defaults', 'Policy.Read.All', () => run.getOne(run.api(SECURITY_DEFAULTS), securityDefaultsSchema));
  run.begin('conditional-access');
  const policies = await run.attempt(`graph:${POLICIES}`, 'Conditional Access policies', 'Policy.Read.All', () => run.getAll(run.api(POLICIES), caPolicySchema));
  // Policies assigned through groups: each named group's members, read once for all rooms. Only policies
  // assigned through directory roles need each account's own memberships (in the $batch below).
  const named = policyGroups(policies?.items ?? []);
  const groupMembers = new Map<string, { name: string; members: Set<string> }>();
  let membershipPerUser = false;
  if (policies && needsMembership(policies.items) && toDo.length > 0) {
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

  // 3. The sign-in log over the window: failures of the whole tenant, kept for the rooms still to do.
  const windowFilter = `createdDateTime ge ${odataDate(options.window.from)} and createdDateTime le ${odataDate(options.window.to)}`;
  run.begin('sign-ins');
  const signIns = toDo.length > 0 ? await readSignIns(run, windowFilter, new Set(toDo)) : { mode: 'failures' as const, rows: new Map<string, AccountSignIns>(), locator: windowFilter };

  // 4. Per room, in $batch: the account when the SKU query did not bring it, its licences, its groups when a
  //    policy is assigned through groups or roles. Then the room's facts are complete and handed over.
  const items: BatchItem[] = [];
  const domainOf = (u: GraphUser): GraphDomain | null => domainById.get(lower(u.userPrincipalName.split('@')[1] ?? '')) ?? null;
  for (const account of toDo) {
    const state: { user: GraphUser | null; userStatus: number | null; licenses: unknown; licensesStatus: number | null; memberOf: unknown; memberStatus: number | null; left: number } = {
      user: users.get(account) ?? null,
      userStatus: users.has(account) ? 200 : notFound.has(account) ? 404 : null,
      licenses: null,
      licensesStatus: null,
      memberOf: null,
      memberStatus: null,
      left: 0,
    };
    const finish = () => {
      if (--state.left > 0) return;
      const place = placeByAddress.get(account) ?? null;
      const plain = notATeamsRoom(account, state, holders.has(account));
      if (plain) {
        options.onNotChecked?.({ account, displayName: place?.displayName ?? state.user?.displayName ?? null, reason: plain });
        signIns.rows?.delete(account);
        return;
      }
      const room = roomFacts(account, state, {
        place,
        places: places?.items ?? null,
        domain: state.user ? domainOf(state.user) : null,
        defaults,
        policies: policies?.items ?? null,
        membershipNeeded,
        groupMembers,
        signIns: signIns.rows ? (signIns.rows.get(account) ?? { interactive: [], nonInteractive: signIns.nonInteractive === false ? null : [] }) : null,
        signInMode: signIns.mode,
        activity: activityRead ? (activity.get(account) ?? null) : undefined,
        window: options.window,
        windowFilter: signIns.locator,
      });
      // Nothing of the room is kept once it is handed over: memory does not grow with the tenant.
      signIns.rows?.delete(account);
      options.onRoom?.(room);
    };
    const key = encodeURIComponent(account);
    if (state.userStatus === 404) {
      // No such account: nothing else to read for it.
      state.left = 1;
      finish();
      continue;
    }
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
  if (!activityRead && toDo.length > 0) {
    warnings.push({ source: 'graph:/users', message: "The rooms' last successful sign-ins (signInActivity) could not be read: no room can pass on a successful sign-in, so sign-in checks without a failure stay unknown." });
  }
  return { places: placeAddresses, licensed, signInMode: signIns.mode, warnings, requests };
}

interface AccountSignIns {
  interactive: GraphSignIn[];
  /** null when the non-interactive (beta) log could not be read. */
  nonInteractive: GraphSignIn[] | null;
}

interface SignInRead {
  mode: SignInMode;
  /** Per account still to do; null when the log could not be read at all (no P1, no permission). */
  rows: Map<string, AccountSignIns> | null;
  nonInteractive?: boolean;
  locator: string;
}

/**
 * The window's failures for the whole tenant: interactive (v1.0) and non-interactive (beta), `status/errorCode
 * ne 0`, paged, each row kept only when it is a room's. Graph's signIn reference documents only `eq` on
 * errorCode (Microsoft's Entra reporting docs use `ne 0` for failures); when Graph refuses the shape (400), the
 * log is read the documented way, one `userPrincipalName eq` query per account, every row.
 */
async function readSignIns(run: GraphRun, windowFilter: string, accounts: Set<string>): Promise<SignInRead> {
  const rows = new Map<string, AccountSignIns>([...accounts].map((a) => [a, { interactive: [], nonInteractive: [] }]));
  const keep = (kind: 'interactive' | 'nonInteractive') => (row: GraphSignIn) => {
    const list = rows.get(lower(row.userPrincipalName ?? ''))?.[kind];
    if (list && list.length < ROWS_PER_ACCOUNT) list.push(row);
  };
  const refused = (error: unknown): 'refused' | undefined => (graphErrorStatus(error) === 400 ? 'refused' : undefined);
  const failures = `${windowFilter} and status/errorCode ne 0`;
  const interactive = await run.attempt<{ skipped: number } | 'refused'>(`graph:${SIGNINS}`, 'Sign-in logs (failures)', NEED_SIGNINS, () => run.forEachItem(run.api(SIGNINS).filter(encodeURIComponent(failures)).top(1000), signInSchema, keep('interactive')), refused);
  if (interactive === null) return { mode: 'failures', rows: null, locator: failures };
  if (interactive !== 'refused') {
    const nonInteractive = await run.attempt(`graph:/beta${SIGNINS}`, 'Non-interactive sign-in logs (beta, failures)', NEED_SIGNINS, () =>
      run.forEachItem(run.api(SIGNINS, 'beta').filter(encodeURIComponent(`${failures} and ${NON_INTERACTIVE}`)).top(1000), signInSchema, keep('nonInteractive')),
    );
    if (nonInteractive === null) for (const r of rows.values()) r.nonInteractive = null;
    return { mode: 'failures', rows, nonInteractive: nonInteractive !== null, locator: failures };
  }
  run.warn(`graph:${SIGNINS}`, `Microsoft Graph refused the failures-only filter (status/errorCode ne 0), so the sign-in log is read one account at a time (${accounts.size * 2} report requests; the reports limit is five per 10 seconds).`);
  let done = 0;
  let nonInteractiveRead = true;
  for (const account of accounts) {
    const who = `userPrincipalName eq ${odataString(account)} and ${windowFilter}`;
    const own = await run.attempt(`graph:${SIGNINS}`, `Sign-in logs of ${account}`, NEED_SIGNINS, () => run.forEachItem(run.api(SIGNINS).filter(encodeURIComponent(who)).top(1000), signInSchema, keep('interactive'), ROWS_PER_ACCOUNT));
    if (own === null) return { mode: 'per-account', rows: null, locator: who };
    const beta = await run.attempt(`graph:/beta${SIGNINS}`, `Non-interactive sign-in logs of ${account} (beta)`, NEED_SIGNINS, () =>
      run.forEachItem(run.api(SIGNINS, 'beta').filter(encodeURIComponent(`${who} and ${NON_INTERACTIVE}`)).top(1000), signInSchema, keep('nonInteractive'), ROWS_PER_ACCOUNT),
    );
    if (beta === null) {
      nonInteractiveRead = false;
      const r = rows.get(account);
      if (r) r.nonInteractive = null;
    }
    run.progress(++done, { total: accounts.size });
  }
  return { mode: 'per-account', rows, nonInteractive: nonInteractiveRead, locator: `userPrincipalName eq '<account>' and ${windowFilter}` };
}

/**
 * A room in /places that is no Teams Rooms account: not a holder of a Teams Rooms SKU, and either no account
 * Graph can find, or a disabled account without any licence (what Exchange makes for a bookable room).
 */
function notATeamsRoom(account: string, s: { user: GraphUser | null; userStatus: number | null; licenses: unknown; licensesStatus: number | null }, holdsRoomSku: boolean): string | null {
  if (holdsRoomSku) return null;
  if (s.userStatus === 404) return `No account ${account} exists, and the room holds no Teams Rooms licence: a bookable room without a Teams Rooms device.`;
  const licences = s.licensesStatus === 200 ? z.object({ value: z.array(z.unknown()) }).safeParse(s.licenses) : null;
  if (s.user && s.user.accountEnabled === false && licences?.success && licences.data.value.length === 0) {
    return `The account ${account} is disabled and holds no licence: a bookable room mailbox, not a Teams Rooms account.`;
  }
  return null;
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
          const seconds = retryDelaySeconds(r.headers?.['Retry-After'] ?? r.headers?.['retry-after'] ?? null, 1, maxDelaySeconds);
          gate.pause(seconds);
          run.waiting(seconds);
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
  signIns: AccountSignIns | null;
  signInMode: SignInMode;
  /** The account's signInActivity: undefined when it was not read for anyone, null when Entra has none for it. */
  activity: SignInActivity | null | undefined;
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
    const byId = new Map<string, SignInFact>();
    for (const row of [...shared.signIns.interactive, ...(shared.signIns.nonInteractive ?? [])]) byId.set(row.id, toSignInFact(row));
    let interactive = shared.signIns.interactive.length;
    let nonInteractive = shared.signIns.nonInteractive?.length ?? null;
    // Failures only: the last successful sign-in (signInActivity) is the positive evidence, and counts as a row
    // of the window when it falls in it (so "nothing reached Entra" stays true only when nothing did).
    const success = shared.signInMode === 'failures' ? lastSuccessFact(account, shared.activity, shared.window) : null;
    if (success && !byId.has(success.id)) {
      byId.set(success.id, success);
      if (success.interactive) interactive++;
      else if (nonInteractive !== null) nonInteractive++;
      else interactive++;
    }
    const what = shared.signInMode === 'failures' ? 'failed sign-in(s) and last successful sign-in' : 'sign-in(s)';
    facts.push(signInQueryFact(account, shared.window, shared.windowFilter, interactive, nonInteractive, what));
    facts.push(...[...byId.values()].sort((a, b) => compareText(a.time, b.time)));
    if (shared.signInMode === 'failures' && shared.activity === null) {
      warnings.push({ source: `graph:/users/${account}`, message: `Entra keeps no last successful sign-in for ${account} (signInActivity; kept since December 2023): no check can pass on a successful sign-in.` });
    }
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
    facts.push(...caPolicyFacts(shared.policies, who, { signIns: facts.filter((f): f is SignInFact => f.kind === 'signin') }));
  }
  sources.graphPolicies = !!shared.defaults && !!shared.policies;
  return { account, displayName: shared.place?.displayName ?? s.user?.displayName ?? null, facts, sources, warnings };
}
