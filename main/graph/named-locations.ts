// Named locations (/identity/conditionalAccess/namedLocations) and whether a sign-in's IP and country fall in
// them, as Conditional Access matches them. Sources: Graph ipNamedLocation (ipRanges: CIDR, IPv4 or IPv6;
// isTrusted) and countryNamedLocation (countriesAndRegions: ISO 3166-2 codes; includeUnknownCountriesAndRegions;
// countryLookupMethod clientIpAddress or authenticatorAppGps), and Entra's "Using the location condition in a
// Conditional Access policy" (All, AllTrusted, and the MFA trusted IPs location 00000000-…-000000000000).
import { BlockList, isIP } from 'node:net';
import type { GraphNamedLocation } from './payload-schemas';

export const NAMED_LOCATIONS = '/identity/conditionalAccess/namedLocations';
/** The "MFA trusted IPs" location of the legacy per-user MFA settings: its ranges are not readable through Graph. */
export const MFA_TRUSTED_IPS = '00000000-0000-0000-0000-000000000000';

/** Where a sign-in came from, as the sign-in log records it. */
export interface SignInSite {
  ip: string | null;
  /** Two-letter country code from the sign-in's location.countryOrRegion. */
  country: string | null;
}

/** true / false, or null when it cannot be told (a location not readable, MFA trusted IPs). */
export type Match = boolean | null;

function inRanges(ip: string, location: GraphNamedLocation): boolean {
  const version = isIP(ip);
  if (!version) return false;
  const list = new BlockList();
  for (const range of location.ipRanges ?? []) {
    const [address, bits] = (range.cidrAddress ?? '').split('/');
    const type = isIP(address ?? '') === 6 ? 'ipv6' : isIP(address ?? '') === 4 ? 'ipv4' : null;
    const prefix = Number(bits);
    if (!type || !address || !Number.isInteger(prefix)) continue;
    try {
      list.addSubnet(address, prefix, type);
    } catch {
      // A malformed range matches nothing; the policy's other locations still count.
    }
  }
  return list.check(ip, version === 6 ? 'ipv6' : 'ipv4');
}

function isCountryLocation(l: GraphNamedLocation): boolean {
  return (l['@odata.type'] ?? '').toLowerCase().includes('country') || (l.countriesAndRegions !== undefined && l.countriesAndRegions !== null && !l.ipRanges);
}

/** Whether the site is inside one named location. */
export function siteInLocation(site: SignInSite, location: GraphNamedLocation): Match {
  if (isCountryLocation(location)) {
    // A room has no Authenticator app to report GPS: by that lookup its country is unknown.
    const country = location.countryLookupMethod === 'authenticatorAppGps' ? null : site.country;
    if (!country) return location.includeUnknownCountriesAndRegions === true;
    return (location.countriesAndRegions ?? []).some((c) => c.toUpperCase() === country.toUpperCase());
  }
  if (!site.ip) return null;
  return inRanges(site.ip, location);
}

/**
 * Whether the site is in any of a policy's location entries (includeLocations or excludeLocations).
 * `locations` null: the named locations could not be read.
 */
export function siteInAny(site: SignInSite, ids: string[], locations: GraphNamedLocation[] | null): { match: Match; which: string | null } {
  let unknown: string | null = null;
  for (const id of ids) {
    if (id.toLowerCase() === 'all') return { match: true, which: 'any location' };
    if (id.toLowerCase() === 'alltrusted') {
      const trusted = (locations ?? []).filter((l) => l.isTrusted === true && !isCountryLocation(l));
      const hit = trusted.find((l) => siteInLocation(site, l) === true);
      if (hit) return { match: true, which: `trusted location "${hit.displayName ?? hit.id}"` };
      // The MFA trusted IPs are part of "all trusted locations" and cannot be read.
      unknown ??= locations ? 'the MFA trusted IPs (not readable through Graph)' : 'the named locations (not readable)';
      continue;
    }
    if (id === MFA_TRUSTED_IPS) {
      unknown ??= 'the MFA trusted IPs (not readable through Graph)';
      continue;
    }
    const location = locations?.find((l) => l.id === id);
    if (!location) {
      unknown ??= locations ? `named location ${id} (not found)` : 'the named locations (not readable)';
      continue;
    }
    const m = siteInLocation(site, location);
    if (m === true) return { match: true, which: `"${location.displayName ?? location.id}"` };
    if (m === null) unknown ??= `"${location.displayName ?? location.id}" (the sign-in has no IP address)`;
  }
  return unknown ? { match: null, which: unknown } : { match: false, which: null };
}
