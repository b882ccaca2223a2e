// Runtime validation of every request the renderer sends. The renderer is untrusted: anything
// that is not exactly the expected shape is refused before a handler sees it.
import { z } from 'zod';
import { CLOUD_IDS } from '../auth/cloud';

const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const bundleId = z.uuid();
/** One room of a fleet main keeps: the fleet's id and the bundle's place in it. */
const fleetRoom = z.object({ fleetId: z.uuid(), index: z.number().int().min(0).max(100_000) }).strict();
/** As many handles as FileGrants keeps (main/security/file-grants.ts MAX_GRANTS). */
const MAX_FLEET_HANDLES = 256;
/** Only the preload sends a path (of a dropped file); bound its length and refuse NUL bytes. */
const filePath = z.string().min(1).max(4096).refine((s) => !s.includes('\0'), 'path contains a NUL byte');

export const requestSchemas = {
  'app:info': z.undefined(),
  'bundle:choose': z.object({ kind: z.enum(['zip', 'folder']) }).strict(),
  // Handles main issued (dialog picks, drops); a fleet is bounded so a page script cannot queue work forever.
  'fleet:inputs': z.object({ handles: z.array(z.uuid()).min(1).max(MAX_FLEET_HANDLES) }).strict(),
  'fleet:run': z.object({ jobId, handles: z.array(z.uuid()).min(1).max(MAX_FLEET_HANDLES) }).strict(),
  'fleet:room': fleetRoom,
  'fleet:saveCsv': z.object({ fleetId: z.uuid() }).strict(),
  'bundle:open': z
    .object({
      jobId,
      source: z.discriminatedUnion('kind', [
        // A handle main issued for a file picked in the dialog or dropped: never a path from the page.
        z.object({ kind: z.literal('handle'), handle: z.uuid() }).strict(),
        z.object({ kind: z.literal('sample'), id: z.string().regex(/^[a-z0-9-]{1,64}$/) }).strict(),
      ]),
    })
    .strict(),
  'file:dropped': z.object({ path: filePath }).strict(),
  'bundle:close': z.object({ bundleId }).strict(),
  'job:cancel': z.object({ jobId }).strict(),
  'samples:list': z.undefined(),
  'link:open': z.object({ url: z.string().max(2048) }).strict(),
  'analysis:run': z.object({ jobId, bundleId }).strict(),
  'report:print': z.undefined(),
  'report:savePdf': z
    .object({
      suggestedName: z.string().min(1).max(200).regex(/^[^\\/:*?"<>|\0]+$/, 'a plain file name'),
      /** Printed as text in the running header (escaped there). */
      header: z.object({ title: z.string().max(200), date: z.string().max(60) }).strict().optional(),
      /** The fleet summary is a landscape page (rooms × checks). */
      landscape: z.boolean().optional(),
      /** The paper the sheet is laid out for, as the CLI's --paper (the app's default comes from the system locale). */
      paper: z.enum(['A4', 'Letter']).optional(),
    })
    .strict(),
  'report:reveal': z.object({ handle: z.uuid(), how: z.enum(['open', 'folder']) }).strict(),
  'tenant:status': z.undefined(),
  'tenant:saveSettings': z
    .object({
      clientId: z.string().max(100),
      tenant: z.string().max(300),
      cloud: z.enum(CLOUD_IDS),
      includeAuthenticationMethods: z.boolean().optional(),
    })
    .strict(),
  'tenant:signIn': z.object({ jobId, method: z.enum(['browser', 'device-code']) }).strict(),
  'tenant:signOut': z.undefined(),
  'tenant:analyze': z
    .object({
      jobId,
      account: z.string().trim().max(320).nullable(),
      days: z.number().int().min(1).max(30),
      bundleId: bundleId.nullable(),
      // Or a fleet's room, whose bundle main re-reads with the tenant (a worker read it and closed it).
      fleetRoom: fleetRoom.nullable().optional(),
    })
    .strict()
    .refine((r) => !(r.bundleId && r.fleetRoom), { message: 'either an open bundle or a fleet room, not both' }),
  'network:test': z
    .object({
      jobId,
      cloud: z.enum(CLOUD_IDS),
      // The machine's proxy settings, none, or an http:// proxy to test through.
      proxy: z.union([z.enum(['system', 'none']), z.url({ protocol: /^http$/ }).max(2048)]),
    })
    .strict(),
  // Whether the laptop was on the room's network when it ran the live test; the open analysis is run again with it.
  'network:use': z.object({ jobId, onRoomNetwork: z.boolean() }).strict(),
  'session:reset': z.undefined(),
} as const;

export type RequestSchemas = typeof requestSchemas;
