// Facts: normalised observations extracted from a bundle or from Microsoft Graph.
// Extractors produce them, the seven checks consume them. Each fact keeps its evidence (provenance).
import type { CheckedSource, Evidence } from './analysis';

/** A sign-in error reported by the device (AAD Operational 1098/1097/1081 …). */
export interface AadErrorFact {
  kind: 'aad-error';
  time: string;
  eventId: number;
  /** Error HRESULT normalised to 0x%08X, when present. */
  hresult: string | null;
  /** AADSTS number as a string without the prefix ("50076"), when the text has one. */
  aadsts: string | null;
  /** OAuth error code from "Code: …" (interaction_required, invalid_grant …). */
  oauthCode: string | null;
  correlationId: string | null;
  traceId: string | null;
  resource: string | null;
  client: string | null;
  description: string | null;
  /** The Computer the event was logged on. */
  computer: string | null;
  /** The account the event names (UPN in its data), lower-cased; null when it names none. */
  account: string | null;
  /**
   * app: the token requests of the room app (1098/1097/1100/1101). prt-plugin: the Windows logon (PRT) plugin
   * (1081/1104), kept as context only: it is not the room app's sign-in (DOMAIN.md, "What real devices write").
   */
  origin: 'app' | 'prt-plugin';
  evidence: Evidence;
}

/** A transport-level failure seen by the device's token broker (AAD 1084, 1025 with a bad status, network HRESULTs). */
export interface AadNetworkFact {
  kind: 'aad-network';
  time: string;
  eventId: number;
  hresult: string | null;
  httpStatus: number | null;
  endpoint: string | null;
  /** 1084 comes from the Windows logon (PRT) plugin: context, never the sole basis of a verdict. */
  origin: 'app' | 'prt-plugin';
  evidence: Evidence;
}

/**
 * A Skype Room System heartbeat (2000 healthy / 2001 unhealthy). Identical consecutive heartbeats (one every
 * five minutes) are one fact: `count` of them from `time` to `lastTime`. The evidence is the first one.
 */
export interface HeartbeatFact {
  kind: 'heartbeat';
  time: string;
  lastTime: string;
  count: number;
  eventId: number;
  healthy: boolean;
  /**
   * A 2000 heartbeat: the app writes a 2001 whenever network, Exchange or Teams sign-in is not healthy, so a
   * 2000 (often only "Heartbeat is healthy.") is positive evidence that all three were healthy then.
   */
  allHealthy: boolean;
  network: string | null;
  /** Exchange status verbatim: Connected, GeneralError, "80131500 : AADSTS50076" … */
  exchange: string | null;
  signin: string | null;
  teamsSignin: string | null;
  appVersion: string | null;
  alias: string | null;
  displayName: string | null;
  os: string | null;
  osVersion: string | null;
  ipv4: string | null;
  computer: string | null;
  evidence: Evidence;
}

/** Other Skype Room System events: 3001 hardware error, 4000 app restart. */
export interface DeviceEventFact {
  kind: 'device-event';
  time: string;
  eventId: number;
  label: string;
  evidence: Evidence;
}

/** A line in a Teams client log that matters for sign-in. */
export interface TeamsLogFact {
  kind: 'teams-log';
  time: string | null;
  /** license: get_skype_license … licenseError / "You're missing out"; signin-error: other auth failures. */
  topic: 'license' | 'signin-error' | 'signin-success';
  aadsts: string | null;
  /** The account the line names, lower-cased, when it names one. */
  account: string | null;
  evidence: Evidence;
}

/**
 * The device named a resource account at this time (heartbeat Alias, 3000/3001/4000 Alias, AAD event UPN,
 * Teams log). Consecutive sightings of the same account from one source are one fact.
 */
export interface AccountSeenFact {
  kind: 'account-seen';
  account: string;
  time: string;
  lastTime: string;
  count: number;
  via: 'heartbeat' | 'device-event' | 'aad-log' | 'teams-log';
  evidence: Evidence;
}

/**
 * The device clock went back in one log's write order (evidence/clock.ts): records after it are placed after
 * the ones written before it. `time` is where in (placed) time it happened; `from` and `to` are the clock's
 * readings on either side, as the device wrote them.
 */
export interface ClockJumpFact {
  kind: 'clock-jump';
  time: string;
  from: string;
  to: string;
  stepMs: number;
  evidence: Evidence;
}

/** One Entra sign-in log row (Graph auditLogs/signIns). */
export interface SignInFact {
  kind: 'signin';
  time: string;
  id: string;
  /** 0 = success. */
  errorCode: number;
  failureReason: string | null;
  correlationId: string | null;
  appDisplayName: string | null;
  resourceDisplayName: string | null;
  clientAppUsed: string | null;
  interactive: boolean;
  conditionalAccessStatus: 'success' | 'failure' | 'notApplied' | 'unknownFutureValue' | null;
  /** Policies whose result was failure, by display name. */
  failedPolicies: string[];
  authenticationRequirement: string | null;
  ipAddress: string | null;
  /** The row's account, lower-cased (Graph facts), so a Correlation ID lookup never counts another account's row. */
  userPrincipalName?: string | null;
  /** "City, State, CountryOrRegion" as Entra shows it. */
  location?: string | null;
  /** status.additionalDetails (e.g. the "password is expired" text); optional, Graph facts only. */
  additionalDetails?: string | null;
  /** appliedConditionalAccessPolicies as Entra recorded them for this sign-in (Graph facts only). */
  caPolicies?: { id: string | null; displayName: string | null; result: string | null }[];
  /** location.countryOrRegion, the two-letter code Entra derived from the IP. */
  country?: string | null;
  /** deviceDetail: the device Entra saw (an empty deviceId: not registered, every property null). */
  device?: { deviceId: string | null; displayName: string | null; operatingSystem: string | null; isCompliant: boolean | null; trustType: string | null } | null;
  /** riskLevelDuringSignIn ("hidden" without Entra ID P2). */
  signInRisk?: string | null;
  evidence: Evidence;
}

/** The sign-in log query itself: how many rows Entra had for the account in the window (0 = nothing reached Entra). */
export interface SignInQueryFact {
  kind: 'signin-query';
  account: string;
  from: string;
  to: string;
  interactive: number;
  /** null when the non-interactive (beta) query could not be read. */
  nonInteractive: number | null;
  evidence: Evidence;
}

/** The resource account as Graph sees it. */
export interface AccountFact {
  kind: 'account';
  userPrincipalName: string;
  id: string;
  accountEnabled: boolean | null;
  mail: string | null;
  passwordPolicies: string | null;
  lastPasswordChangeDateTime: string | null;
  onPremisesSyncEnabled: boolean | null;
  /** Days from the domain's passwordValidityPeriodInDays; null when unknown, Infinity when it never expires. */
  passwordValidityDays: number | null;
  /** Why passwordValidityDays is null: the domain was read and sets none (`unset`), or it could not be read. */
  passwordValidityUnknown?: 'unset' | 'unreadable' | null;
  /** Exchange Online service plan present and enabled in assignedPlans. */
  exchangePlanEnabled: boolean | null;
  /** The UPN's domain and how it authenticates (Managed / Federated): federated passwords are not governed by Entra. */
  domain?: string | null;
  domainAuthenticationType?: string | null;
  evidence: Evidence;
}

export interface LicenseFact {
  kind: 'license';
  skus: { skuId: string; skuPartNumber: string; plans: { servicePlanName: string; servicePlanId: string; provisioningStatus: string }[] }[];
  evidence: Evidence;
}

export interface MailboxFact {
  kind: 'mailbox';
  /** Room found in /places/microsoft.graph.room for the account's address. */
  roomFound: boolean | null;
  /** mailboxSettings answered MailboxNotEnabledForRESTAPI (no mailbox), when it was asked. */
  mailboxMissing: boolean | null;
  /** The room's address in /places when found. */
  roomEmailAddress?: string | null;
  evidence: Evidence;
}

export interface MfaPolicyFact {
  kind: 'mfa-policy';
  /** security defaults enabled for the tenant, per-user MFA state, … */
  topic: 'security-defaults' | 'per-user-mfa';
  /** Per-user MFA: disabled / enabled / enforced. Security defaults: enabled / disabled. */
  state: string;
  evidence: Evidence;
}

/** What Entra recorded for one policy over the room's sign-ins in the window (appliedConditionalAccessPolicies). */
export interface CaPolicyLogged {
  /** Sign-ins whose record names the policy, by result (success, failure, notApplied, reportOnlyFailure …). */
  results: Record<string, number>;
  /** Successful sign-ins (errorCode 0) on which the policy was notApplied or reportOnlyNotApplied. */
  notAppliedOnSuccess: number;
  /** The newest such sign-in. */
  latestNotApplied: string | null;
}

export interface CaPolicyFact {
  kind: 'ca-policy';
  id: string;
  displayName: string;
  state: 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced' | string;
  /**
   * The offline What If, as if the policy were on: applies (every condition includes the room), does-not-apply
   * (a condition excludes it: `reason` names it), may-apply (it depends on what could not be read: `dependsOn`).
   * Report-only policies keep their state; this says what they would do.
   */
  outcome?: 'applies' | 'does-not-apply' | 'may-apply';
  /** One sentence: the excluding condition, what it depends on, or how it reaches the room. */
  reason?: string;
  dependsOn?: string[];
  /** blocks: the grant cannot be met by a room; may-block: it depends on the device (compliance); none: no grant or met. */
  grant?: 'blocks' | 'may-block' | 'none';
  /** Enabled session controls Teams Rooms on Windows does not support. */
  unsupportedSession?: string[];
  /** What the sign-in logs recorded for it; null when no sign-in in the window names it. */
  logged?: CaPolicyLogged | null;
  /** Why the room cannot satisfy it: "requires MFA", "requires hybrid Azure AD joined device" … */
  unsatisfiable: string[];
  /** How the policy reaches the account: "All users", "the account directly", "group <name>", "role <id>". */
  includedBy?: string;
  /** Grant controls as configured (operator OR/AND, builtInControls, authentication strength name). */
  grantControls?: { operator: string; builtInControls: string[]; authenticationStrength: string | null; termsOfUse: number } | null;
  /** Cloud apps the policy targets ("All", "Office365", app ids). */
  applications?: string[];
  evidence: Evidence;
}

/** A source that was asked for but could not be read (403, not premium, missing permission …). */
export interface SourceProblemFact {
  kind: 'source-problem';
  source: string;
  message: string;
  /** Graph error code (e.g. Authentication_RequestFromNonPremiumTenantOrB2CTenant) and HTTP status, when known. */
  code?: string | null;
  status?: number | null;
}

export type Fact =
  | AadErrorFact
  | AadNetworkFact
  | HeartbeatFact
  | DeviceEventFact
  | TeamsLogFact
  | AccountSeenFact
  | ClockJumpFact
  | SignInFact
  | SignInQueryFact
  | AccountFact
  | LicenseFact
  | MailboxFact
  | MfaPolicyFact
  | CaPolicyFact
  | SourceProblemFact
  | LiveNetworkFact;

/** One step of a live probe against one endpoint (main/network). */
export interface LiveProbeStep {
  step: 'dns' | 'tcp' | 'proxy' | 'tls' | 'http' | 'stun';
  status: 'ok' | 'warn' | 'fail' | 'skipped';
  /** Milliseconds the step took (0 when skipped). */
  ms: number;
  /** What was seen, in one line: "127.0.0.1 via 127.0.0.1:5353", "issuer CN=… (trusted)", "HTTP 200 application/json". */
  detail: string;
}

/** Why a live endpoint probe did not pass; the advice for each lives in main/network/data/advice.json. */
export type LiveProblem =
  | 'dns-failed'
  | 'dns-no-answer'
  | 'dns-refused'
  | 'tcp-refused'
  /** A handshake (TCP or TLS) got no answer within the step timeout: silently dropped (firewall, dead route). */
  | 'blackhole'
  | 'proxy-auth'
  | 'proxy-failed'
  | 'tls-inspection'
  | 'tls-invalid'
  | 'tls-failed'
  | 'captive-portal'
  | 'unexpected-answer'
  | 'clock-skew'
  | 'http-failed'
  | 'timeout'
  | 'cancelled'
  | 'media-udp-blocked'
  | 'media-blocked';

export interface LiveEndpointResult {
  id: string;
  /** sign-in, exchange, teams, connectivity, media, or what an --endpoints file says. */
  service: string;
  host: string;
  port: number;
  kind: 'https' | 'http' | 'stun';
  /** A failing media probe is a warning: sign-in does not depend on it. */
  status: 'pass' | 'warn' | 'fail' | 'unknown';
  problem: LiveProblem | null;
  message: string;
  steps: LiveProbeStep[];
  addresses: string[];
  /** DNS servers the resolver asked (the answer came from one of them). */
  resolvers: string[];
  /** Resolved address inside the endpoint list's published ranges; null when the list has none or no address. */
  inPublishedRanges: boolean | null;
  tlsIssuer: string | null;
  tlsTrusted: boolean | null;
  httpStatus: number | null;
  /** Server Date minus local clock, seconds. */
  clockSkewSeconds: number | null;
}

/** A live test of the network the technician's laptop is plugged into (the room's port or Wi-Fi). */
export interface LiveNetworkFact {
  kind: 'live-network';
  /** When the test started (ISO, UTC). */
  time: string;
  durationMs: number;
  /** os.hostname() of the machine that ran the test. */
  machine: string;
  /** Non-internal interfaces and addresses at the time of the test. */
  interfaces: { name: string; address: string; family: string }[];
  /**
   * Where the test's connections left this machine: the local address of the first TCP connection that opened
   * (to an endpoint or the proxy) and the interface holding it (null: loopback or not listed); null when none opened.
   */
  route: { localAddress: string; interface: string | null } | null;
  cloud: string;
  proxy: { url: string | null; source: string; pac: string | null; notes: string[] };
  verdict: 'pass' | 'warn' | 'fail' | 'unknown';
  summary: string;
  /** The run hit its total deadline or was cancelled before every probe finished. */
  incomplete: 'deadline' | 'cancelled' | null;
  endpoints: LiveEndpointResult[];
  /** Endpoints never tested (the run stopped first), or null when every endpoint was tested. */
  untested: { count: number; reason: 'deadline' | 'cancelled' } | null;
  /** What to do: one entry per cause, naming every host it applies to; the text output prints the same sentences. */
  advice: LiveAdvice[];
  evidence: Evidence;
  /**
   * Set by the analysis, never by the probe: the technician confirmed the laptop was on the room's network.
   * Only then does the test change the network verdict; otherwise it is shown beside it.
   */
  onRoomNetwork?: boolean;
}

/** One piece of advice for one cause found by a live test, with the hosts it applies to (empty: not host-specific). */
export interface LiveAdvice {
  cause: LiveProblem | 'proxy-pac';
  text: string;
  hosts: string[];
}

/** Which sources were present at all: a check with no source says `unknown`, not `pass`. */
export interface SourcePresence {
  /** Microsoft-Windows-AAD/Operational log found (even if it had no errors). */
  aadLog: boolean;
  /** Skype Room System log with at least one heartbeat. */
  heartbeats: boolean;
  /** A Teams client log (classic Logs.txt or new Teams MSTeams_*.log). */
  teamsLog: boolean;
  /** Graph sign-in logs were read (possibly zero rows). */
  graphSignIns: boolean;
  /** Graph user, licenses, places and policies were read. */
  graphAccount: boolean;
  graphLicenses: boolean;
  graphMailbox: boolean;
  graphPolicies: boolean;
}

/** A source that was there but yielded nothing usable: it counts as missing, with the damage named. */
export interface UnreadableSource {
  kind: 'aad' | 'srs' | 'teams';
  source: string;
  message: string;
}

export interface FactSet {
  facts: Fact[];
  sources: SourcePresence;
  /** The time window the sources cover (ISO), for "healthy for the period". */
  window: { from: string | null; to: string | null };
  /** What each source held: label, count, period (for "Checked: …" on every verdict). */
  checked?: CheckedSource[];
  unreadable?: UnreadableSource[];
  /** The account the analysis is for when typed or looked up (CLI --account, the signed-in tenant lookup). */
  requestedAccount?: string | null;
  /** When the bundle was collected (its newest evidence), to flag evidence placed after it. */
  collectedAt?: string | null;
  /** Device attempts newer than this many minutes may not be in Entra's sign-in logs yet. */
  signInLogDelayMinutes?: number;
  /** When Graph was read ("now" of the tenant query), for the sign-in log delay. */
  graphReadAt?: string | null;
  /** The device's UTC offset (from its Teams logs) and where it was read. */
  utcOffset?: { minutes: number; source: string } | null;
}
