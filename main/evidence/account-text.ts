// Resource account names (UPNs) as device logs write them: a named value (UPN, UserPrincipalName, Alias …)
// or a key in the text ("UPN: room@contoso.com", "login_hint=…", "enable Microsoft Teams for room@…").
// Only what is introduced as an account counts: an address in free text (an organizer, a meeting) does not.

import { ownCopy } from './excerpt';

const ADDRESS = String.raw`([A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)`;
const KEYED = new RegExp(
  String.raw`(?:\bupn|userPrincipalName|\buser(?:name)?|\baccount(?:name)?|\balias|login_?hint|signInAddress|resource account)["']?\s*[:=]\s*["']?` + ADDRESS,
  'gi',
);
const TEAMS_FOR = new RegExp(String.raw`enable Microsoft Teams for\s+` + ADDRESS, 'gi');

// Results are strings of their own: an account cut from an event's text or a log block would keep all of it alive.
export function normaliseAccount(value: string | null | undefined): string | null {
  const v = value?.trim().toLowerCase();
  return v && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ? ownCopy(v) : null;
}

/** An Alias field's value: an empty one is unknown. Kept even without a domain (compared by sameAccount). */
export function normaliseAlias(value: string | null | undefined): string | null {
  const v = value?.trim().toLowerCase();
  return v && !/\s/.test(v) ? ownCopy(v) : null;
}

/** Same account: equal, or one is written without its domain and matches the other's local part. */
export function sameAccount(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  if (!x.includes('@')) return y.split('@')[0] === x;
  if (!y.includes('@')) return x.split('@')[0] === y;
  return false;
}

/** Accounts a line of text names, lower-cased, in order, without repeats. */
export function accountsIn(text: string): string[] {
  const out: string[] = [];
  for (const re of [KEYED, TEAMS_FOR]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const a = normaliseAccount(m[1]?.replace(/\.$/, ''));
      if (a && !out.includes(a)) out.push(a);
    }
  }
  return out;
}
