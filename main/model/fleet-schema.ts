// The JSON output of `mtr-doctor analyze a.zip b.zip … --format json` (a fleet), as a schema; each row
// carries the room's full analysis, validated by the single-room schema.
import { z } from 'zod';
import { CHECK_IDS } from './analysis';
import { analysisResultSchema } from './analysis-schema';
import type { FleetResult } from './fleet-result';

const status = z.enum(['fail', 'warn', 'pass', 'unknown']);
const statuses = z.object(Object.fromEntries(CHECK_IDS.map((id) => [id, status])) as Record<(typeof CHECK_IDS)[number], typeof status>).strict();

const row = z
  .object({
    source: z.string().describe('The bundle file as given, or the resource account'),
    room: z.string().nullable(),
    computer: z.string().nullable(),
    appVersion: z.string().nullable(),
    account: z.string().nullable(),
    statuses,
    firstToFix: z
      .object({
        check: z.enum(CHECK_IDS),
        title: z.string(),
        status,
        kind: z.enum(['current', 'resolved', 'risk', 'unexplained']),
        action: z.string(),
        since: z.iso.datetime({ offset: true }).nullable(),
        rank: z.number().int().nonnegative(),
      })
      .strict()
      .nullable()
      .describe("The room's Diagnosis' first action"),
    state: z.enum(['all-clear', 'failing', 'undecided', 'not-analysable']),
    headline: z.string(),
    exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    analysis: analysisResultSchema,
  })
  .strict();

export const fleetResultSchema = z
  .object({
    schemaVersion: z.literal(1),
    kind: z.literal('fleet'),
    generatedAt: z.iso.datetime({ offset: true }),
    tool: z.object({ name: z.literal('MTR Doctor'), version: z.string() }).strict(),
    name: z.string(),
    rows: z.array(row),
    refused: z.array(z.object({ source: z.string(), message: z.string() }).strict()),
    discovery: z
      .object({ places: z.array(z.string()), licensed: z.array(z.string()), placesOnly: z.array(z.string()), licensedOnly: z.array(z.string()) })
      .strict()
      .optional(),
    warnings: z.array(z.object({ source: z.string(), message: z.string(), detail: z.string().optional() }).strict()).optional(),
    requests: z.object({ total: z.number().int().nonnegative(), perRoom: z.number().nonnegative() }).strict().optional(),
    notChecked: z
      .array(z.object({ account: z.string(), displayName: z.string().nullable(), reason: z.string() }).strict())
      .optional()
      .describe('Bookable rooms in the room list that are no Teams Rooms account: listed apart, not checked'),
  })
  .strict() satisfies z.ZodType<FleetResult>;
