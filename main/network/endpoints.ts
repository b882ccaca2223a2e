// The endpoint list is data (data/endpoints.json, with its source), validated at load like the check tables.
// An --endpoints file adds entries or replaces them by id (an on-premises Exchange), or replaces the list.
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { z } from 'zod';
import endpointsJson from './data/endpoints.json';

import { CLOUD_IDS, type CloudId } from '../auth/cloud';

// One cloud list for sign-in and for the endpoint table (main/auth/clouds.json).
export const CLOUDS = CLOUD_IDS;
export type Cloud = CloudId;

const cidr = z.string().refine((s) => {
  const [addr, bits, ...rest] = s.split('/');
  const family = isIP(addr ?? '');
  const n = Number(bits);
  return rest.length === 0 && family !== 0 && Number.isInteger(n) && n >= 0 && n <= (family === 4 ? 32 : 128);
}, 'not an address range like 40.126.0.0/18');
const host = z.string().min(1).regex(/^[A-Za-z0-9.:_-]+$/, 'not a host name or address');
const port = z.number().int().min(1).max(65535);

const httpExpect = z.discriminatedUnion('expect', [
  // Microsoft answers JSON here; HTML means a captive portal or a proxy's error page (0x8007000D on the device).
  z.object({ path: z.string().startsWith('/'), expect: z.literal('json') }),
  z.object({ path: z.string().startsWith('/'), expect: z.literal('any') }),
  z.object({ path: z.string().startsWith('/'), expect: z.literal('body'), body: z.string().min(1) }),
]);

const common = { id: z.string().min(1), service: z.string().min(1), host, port, required: z.boolean().default(true), ipRanges: z.array(cidr).optional() };
export const endpointSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...common,
      kind: z.literal('https'),
      http: httpExpect.optional(),
      /** Names in the certificate chain the endpoint uses ("DigiCert", "Microsoft"); any other trusted issuer is inspection. */
      issuers: z.array(z.string().min(1)).optional(),
    })
    .strict(),
  z.object({ ...common, kind: z.literal('http'), http: httpExpect }).strict(),
  z.object({ ...common, kind: z.literal('stun'), tcpPort: port.optional() }).strict(),
]);
export type Endpoint = z.infer<typeof endpointSchema>;

const tableSchema = z.object({
  source: z.object({ title: z.string(), urls: z.array(z.url()).min(1), note: z.string() }),
  clouds: z.object(Object.fromEntries(CLOUDS.map((c) => [c, z.array(endpointSchema).min(1)])) as Record<Cloud, z.ZodArray<typeof endpointSchema>>),
});
export type EndpointTable = z.infer<typeof tableSchema>;

const overrideSchema = z.union([
  z.array(endpointSchema),
  z.object({ replace: z.boolean().default(false), endpoints: z.array(endpointSchema) }).strict(),
]);

let cached: EndpointTable | null = null;

export function loadEndpointTable(): EndpointTable {
  cached ??= tableSchema.parse(endpointsJson);
  return cached;
}

export function endpointsFor(cloud: Cloud): Endpoint[] {
  return loadEndpointTable().clouds[cloud];
}

/** A file given with --endpoints that cannot be used; the message names the file and the problem. */
export class EndpointsFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'EndpointsFileError';
  }
}

/** Reads an --endpoints file: a list of endpoints, or { replace?: boolean, endpoints: [...] }. */
export async function readEndpointsFile(file: string): Promise<{ replace: boolean; endpoints: Endpoint[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new EndpointsFileError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new EndpointsFileError(file, `is not JSON (${(err as Error).message})`);
  }
  const parsed = overrideSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EndpointsFileError(file, `is not an endpoint list: ${issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'invalid'}`);
  }
  return Array.isArray(parsed.data) ? { replace: false, endpoints: parsed.data } : parsed.data;
}

/** Built-in list with an override applied: same id replaces, new ids are added in order. */
export function mergeEndpoints(base: Endpoint[], override: { replace: boolean; endpoints: Endpoint[] } | null): Endpoint[] {
  if (!override) return base;
  if (override.replace) return override.endpoints;
  const byId = new Map(override.endpoints.map((e) => [e.id, e]));
  const merged = base.map((e) => byId.get(e.id) ?? e);
  const known = new Set(base.map((e) => e.id));
  return [...merged, ...override.endpoints.filter((e) => !known.has(e.id))];
}
