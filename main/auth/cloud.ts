// Which Microsoft cloud the tenant lives in decides the sign-in authority, the Graph host and the scope prefix.
// The table itself is data (clouds.json) so a new sovereign cloud is an edit, not a code change.
import { z } from 'zod';
import cloudsJson from './clouds.json';

export const CLOUD_IDS = ['global', 'usgov', 'dod', 'china'] as const;
export type CloudId = (typeof CLOUD_IDS)[number];

/** An https origin (scheme + host + optional port), no path: MSAL only accepts https authorities. */
const httpsOrigin = z
  .string()
  .regex(/^https:\/\/[^/\s?#]+$/, 'an https origin without a path, e.g. https://login.microsoftonline.com');

const cloudEntrySchema = z.object({
  id: z.enum(CLOUD_IDS),
  displayName: z.string().min(1),
  loginUrl: httpsOrigin,
  graphUrl: httpsOrigin,
  note: z.string().optional(),
});
export type CloudEntry = z.infer<typeof cloudEntrySchema>;

const cloudTableSchema = z
  .object({ clouds: z.array(cloudEntrySchema) })
  .refine((t) => CLOUD_IDS.every((id) => t.clouds.filter((c) => c.id === id).length === 1), {
    message: 'every cloud id must appear exactly once',
  });

export const CLOUDS: readonly CloudEntry[] = cloudTableSchema.parse(cloudsJson).clouds;

/** Delegated Graph permissions the checks read (admin consent needed). */
export const GRAPH_PERMISSIONS = [
  'AuditLog.Read.All',
  'Directory.Read.All',
  'Policy.Read.All',
  'LicenseAssignment.Read.All',
  'Place.Read.All',
] as const;
/** Optional: per-user MFA state (beta authentication/requirements). */
export const OPTIONAL_GRAPH_PERMISSIONS = ['UserAuthenticationMethod.Read.All'] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export const authSettingsSchema = z.object({
  /** Application (client) ID of the tool's own app registration. */
  clientId: z.string().trim().regex(GUID, 'the Application (client) ID, a GUID'),
  /** Directory (tenant) ID or a verified domain; "organizations"/"common" only work for multi-tenant apps. */
  tenant: z
    .string()
    .trim()
    .refine((t) => GUID.test(t) || DOMAIN.test(t) || t === 'organizations' || t === 'common', {
      message: 'a tenant ID (GUID) or a domain such as contoso.onmicrosoft.com',
    }),
  cloud: z.enum(CLOUD_IDS),
  /** Ask for UserAuthenticationMethod.Read.All too (per-user MFA state). */
  includeAuthenticationMethods: z.boolean().optional(),
  /**
   * Replace the cloud's login and Graph origins, e.g. a local test tenant on https://127.0.0.1:port.
   * The login host is then declared as a known authority so MSAL skips Microsoft's instance discovery.
   */
  endpoints: z.object({ loginUrl: httpsOrigin, graphUrl: httpsOrigin }).optional(),
});
export type AuthSettings = z.infer<typeof authSettingsSchema>;

export interface CloudEndpoints {
  cloud: CloudId;
  displayName: string;
  /** https://login…/{tenant} */
  authority: string;
  loginUrl: string;
  /** Graph origin without version, e.g. https://graph.microsoft.us */
  graphUrl: string;
  /** Host (and port) of the Graph origin, for the Graph client's custom hosts. */
  graphHost: string;
  /** Hosts MSAL must trust without instance discovery (only for overridden endpoints). */
  knownAuthorities: string[];
  /** Fully qualified scopes for this cloud's Graph. */
  scopes: string[];
}

export function cloudEntry(id: CloudId): CloudEntry {
  const entry = CLOUDS.find((c) => c.id === id);
  // The table refinement guarantees every id is present.
  if (!entry) throw new Error(`Unknown cloud ${id}`);
  return entry;
}

/**
 * The one rule for where Graph is: a custom URL (a test tenant, a private cloud) counts only by its https
 * origin, whatever path it carries (`/v1.0`, a trailing slash); otherwise the cloud's own Graph origin.
 * The Graph client adds the API version per request.
 */
export function graphOrigin(where: { cloud?: CloudId; graphUrl?: string }): string {
  if (!where.graphUrl) return cloudEntry(where.cloud ?? 'global').graphUrl;
  const url = new URL(where.graphUrl);
  if (url.protocol !== 'https:') throw new Error(`The Graph URL must use https: ${where.graphUrl}`);
  return url.origin;
}

export function graphScopes(graphUrl: string, includeAuthenticationMethods = false): string[] {
  const permissions: string[] = [...GRAPH_PERMISSIONS];
  if (includeAuthenticationMethods) permissions.push(...OPTIONAL_GRAPH_PERMISSIONS);
  return permissions.map((p) => `${graphUrl}/${p}`);
}

export function resolveEndpoints(input: AuthSettings): CloudEndpoints {
  const settings = authSettingsSchema.parse(input);
  const entry = cloudEntry(settings.cloud);
  const loginUrl = settings.endpoints?.loginUrl ?? entry.loginUrl;
  const graphUrl = graphOrigin({ cloud: settings.cloud, graphUrl: settings.endpoints?.graphUrl });
  return {
    cloud: settings.cloud,
    displayName: entry.displayName,
    authority: `${loginUrl}/${settings.tenant}`,
    loginUrl,
    graphUrl,
    graphHost: new URL(graphUrl).host,
    knownAuthorities: settings.endpoints ? [new URL(loginUrl).host] : [],
    scopes: graphScopes(graphUrl, settings.includeAuthenticationMethods ?? false),
  };
}
