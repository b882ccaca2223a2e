// Which resource account the device uses now, and which facts belong to it. Verdicts are about the current
// account: an earlier account's failures are history (DOMAIN.md: the Alias or UPN changed). An empty Alias
// is unknown, never a change. Sources of the account: heartbeat Alias (often empty on real 2001s),
// 3000/3001/4000 Alias, AAD event UPN, Teams log lines; the typed or looked-up account for Graph facts.
import { sameAccount } from '../evidence/account-text';
import type { Fact } from '../model/facts';
import { compareText } from '../model/order';

export interface AccountView {
  /** The account the device uses now (latest sighting), else the requested one; null when nothing names one. */
  current: string | null;
  /** Where `current` came from. */
  currentFrom: 'device' | 'requested' | null;
  /** The last time another account was seen. */
  lastOtherAt: string | null;
  /**
   * Device facts with no account of their own that start before this belong to an earlier account: the first
   * sighting of the current account after the last other one (at most an hour after it, so sparse sightings
   * cannot hide the current account's failures for long).
   */
  changeAt: string | null;
  /** Earlier accounts, newest first. */
  previous: string[];
  /** The typed / looked-up account (Graph facts are about it). */
  requested: string | null;
  /** The device's current account and the requested one differ: Graph facts are not mixed into the checks. */
  mismatch: boolean;
}

const CHANGE_CAP_MS = 60 * 60_000;

interface Sighting {
  account: string;
  time: string;
  lastTime: string;
}

/** The account a device fact names itself, when it names one. */
export function factAccount(f: Fact): string | null {
  switch (f.kind) {
    case 'heartbeat':
      return f.alias;
    case 'aad-error':
    case 'teams-log':
      return f.account;
    case 'account-seen':
      return f.account;
    default:
      return null;
  }
}

/** Graph facts: about the requested account, not the device's own view. */
export function isGraphFact(f: Fact): boolean {
  return f.kind === 'signin' || f.kind === 'signin-query' || f.kind === 'account' || f.kind === 'license' || f.kind === 'mailbox' || f.kind === 'mfa-policy' || f.kind === 'ca-policy' || f.kind === 'source-problem';
}

function sightings(facts: readonly Fact[]): Sighting[] {
  const out: Sighting[] = [];
  for (const f of facts) {
    if (isGraphFact(f)) continue;
    const account = factAccount(f);
    if (!account || !('time' in f) || !f.time) continue;
    out.push({ account, time: f.time, lastTime: 'lastTime' in f && typeof f.lastTime === 'string' ? f.lastTime : f.time });
  }
  return out.sort((a, b) => compareText(a.lastTime, b.lastTime));
}

/** sameAccount(·, account), asked once per distinct name: a week of facts repeats the same few names. */
function sameAs(account: string): (other: string) => boolean {
  const known = new Map<string, boolean>();
  return (other) => {
    let same = known.get(other);
    if (same === undefined) {
      same = sameAccount(other, account);
      known.set(other, same);
    }
    return same;
  };
}

export function accountView(facts: readonly Fact[], requested: string | null): AccountView {
  const seen = sightings(facts);
  const latest = seen.at(-1);
  const req = requested?.trim().toLowerCase() || null;
  if (!latest) {
    return { current: req, currentFrom: req ? 'requested' : null, lastOtherAt: null, changeAt: null, previous: [], requested: req, mismatch: false };
  }
  const current = latest.account;
  const isCurrent = sameAs(current);
  let lastOtherAt: string | null = null;
  const previous: string[] = [];
  for (let i = seen.length - 1; i >= 0; i -= 1) {
    const s = seen[i] as Sighting;
    if (isCurrent(s.account)) continue;
    if (!lastOtherAt || s.lastTime > lastOtherAt) lastOtherAt = s.lastTime;
    if (!previous.some((p) => sameAccount(p, s.account))) previous.push(s.account);
  }
  // Prefer the fuller form (with its domain) when the same account is written both ways.
  const full = seen.find((s) => isCurrent(s.account) && s.account.includes('@'))?.account ?? (req && sameAccount(req, current) ? req : current);
  let changeAt: string | null = null;
  if (lastOtherAt) {
    const cap = new Date(Date.parse(lastOtherAt) + CHANGE_CAP_MS).toISOString();
    const first = seen.find((s) => s.time > (lastOtherAt as string) && isCurrent(s.account));
    changeAt = first && first.time < cap ? first.time : cap;
  }
  return {
    current: full,
    currentFrom: 'device',
    lastOtherAt,
    changeAt,
    previous,
    requested: req,
    mismatch: !!req && !sameAccount(req, full),
  };
}

/**
 * Whether a fact counts for the current account: a device fact that names an account must name the current
 * one; one that names none belongs to the current account unless it is from before another account's last
 * sighting. Graph facts count unless the requested account differs from the device's.
 */
export function isCurrentFact(view: AccountView, f: Fact): boolean {
  return currentFactTest(view)(f);
}

/** isCurrentFact for many facts: each distinct account name is compared with the current one once. */
export function currentFactTest(view: AccountView): (f: Fact) => boolean {
  const isCurrent = view.current ? sameAs(view.current) : () => true;
  return (f) => isCurrentIn(view, isCurrent, f);
}

function isCurrentIn(view: AccountView, isCurrent: (account: string) => boolean, f: Fact): boolean {
  if (isGraphFact(f)) {
    if (view.mismatch) return false;
    if (f.kind === 'signin' && f.userPrincipalName && view.current) return isCurrent(f.userPrincipalName);
    return true;
  }
  const account = factAccount(f);
  if (account) return !view.current || isCurrent(account);
  if (!view.changeAt) return true;
  // A run of heartbeats is judged by its start: one that began under the earlier account belongs to it.
  const t = 'time' in f ? f.time : null;
  return !t || t >= view.changeAt;
}
