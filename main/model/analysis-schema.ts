// The JSON output of `mtr-doctor analyze --format json`, as a schema. docs/analysis.schema.json is generated
// from this (a test keeps them equal), and the tests validate real output against it.
import { z } from 'zod';
import { CHECK_IDS, REASON_CODES, type AnalysisResult } from './analysis';

const iso = z.iso.datetime({ offset: true });
const checkId = z.enum(CHECK_IDS);
const status = z.enum(['fail', 'warn', 'pass', 'unknown']);

const evidence = z
  .object({
    source: z.string().describe('Path inside the bundle (forward slashes) or graph: + resource + id'),
    locator: z.string().describe('Where inside the source: "record 4711 · event 1098", "line 12", a sign-in id'),
    time: iso.nullable(),
    excerpt: z.string().describe('The exact text the finding rests on'),
    raw: z.string().optional().describe('The whole raw item: event XML, log line or JSON'),
    fields: z
      .array(z.object({ label: z.string(), value: z.string(), copy: z.boolean().optional() }).strict())
      .optional()
      .describe('Identifiers as their own fields (Correlation ID, Request ID, Sign-in error code …), never cut off'),
  })
  .strict();

const checked = z
  .object({
    label: z.string(),
    source: z.string(),
    count: z.number().int().nonnegative(),
    unit: z.string(),
    from: iso.nullable(),
    to: iso.nullable(),
  })
  .strict();

const attempt = z
  .object({
    id: z.string(),
    time: iso,
    account: z.string().nullable(),
    correlationId: z.string().nullable(),
    device: z.object({ source: z.string(), locator: z.string(), hresult: z.string().nullable(), aadsts: z.string().nullable() }).strict().nullable(),
    entra: z
      .object({
        id: z.string(),
        errorCode: z.number().int(),
        failureReason: z.string().nullable(),
        conditionalAccessStatus: z.string().nullable(),
        ipAddress: z.string().nullable(),
        location: z.string().nullable(),
      })
      .strict()
      .nullable(),
    code: z.string().nullable().describe('The code the verdict used (Entra over device when more specific)'),
    check: checkId.nullable(),
    entraState: z.enum(['matched', 'not-yet-in-entra', 'not-in-entra', 'entra-only', 'not-looked-up']),
  })
  .strict();

const check = z
  .object({
    id: checkId,
    title: z.string(),
    status,
    summary: z.string(),
    evidence: z.array(evidence),
    remedy: z.array(z.string()).describe('The fix as numbered steps'),
    links: z.array(z.object({ title: z.string(), url: z.url() }).strict()),
    firstSeen: iso.optional(),
    lastSeen: iso.optional(),
    occurrences: z.number().int().nonnegative().optional(),
    recoveredAt: iso.optional().describe('A healthy signal after the last failure'),
    missingSource: z.string().optional().describe('For unknown: the source that would settle it'),
    reason: z.object({ code: z.enum(REASON_CODES), text: z.string() }).strict().describe('Why this status, from a fixed vocabulary'),
    checked: z.array(checked).describe('The sources this check read: label, count, period'),
    lastHealthy: iso.optional(),
    action: z.string().optional().describe('One plain sentence of consequence and action for the customer'),
    portalSignal: z.string().optional().describe('The Teams Rooms Pro portal signal this finding explains'),
    attemptIds: z.array(z.string()).optional(),
    attemptCounts: z.object({ total: z.number().int().nonnegative(), confirmedInEntra: z.number().int().nonnegative() }).strict().optional(),
    unexplained: z.object({ since: iso, aspect: z.string() }).strict().optional().describe('Unhealthy since, and nothing in the evidence names the cause'),
  })
  .strict();

const diagnosisAction = z
  .object({
    check: checkId,
    title: z.string(),
    kind: z.enum(['current', 'resolved', 'risk', 'unexplained']),
    status,
    since: iso.nullable(),
    resolvedAt: iso.nullable(),
    sentence: z.string(),
    evidence: z.array(evidence),
    rank: z.number().int().nonnegative().describe('Place in the one ranking, comparable across rooms'),
  })
  .strict();

const banner = z.object({ state: z.enum(['current', 'resolved', 'risk', 'undecided', 'healthy']), text: z.string() }).strict();

const diagnosis = z
  .object({
    state: z.enum(['all-clear', 'failing', 'undecided', 'not-analysable']),
    headline: z.string(),
    actions: z.array(diagnosisAction).describe('Ranked: the first is "Do this first"'),
    undecided: z.array(z.object({ check: checkId, title: z.string(), reason: z.enum(REASON_CODES), settle: z.string() }).strict()),
    banners: z.object(Object.fromEntries(CHECK_IDS.map((id) => [id, banner])) as Record<(typeof CHECK_IDS)[number], typeof banner>).strict(),
    exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  })
  .strict()
  .describe('The story every view tells, computed once next to the verdicts');

const liveTest = z
  .object({
    time: iso,
    machine: z.string(),
    interfaces: z.array(z.string()),
    proxy: z.string(),
    verdict: status,
    summary: z.string(),
    onRoomNetwork: z.boolean(),
    comparison: z.string(),
    remedy: z.array(z.string()),
  })
  .strict()
  .describe('A live network test from the technician\'s laptop, with its provenance');

export const analysisResultSchema = z
  .object({
    schemaVersion: z.literal(1),
    generatedAt: iso,
    tool: z.object({ name: z.literal('MTR Doctor'), version: z.string() }).strict(),
    input: z.object({ kind: z.enum(['bundle', 'tenant', 'bundle+tenant']), name: z.string(), sources: z.array(z.string()) }).strict(),
    device: z
      .object({
        computer: z.string().nullable(),
        displayName: z.string().nullable(),
        account: z.string().nullable(),
        appVersion: z.string().nullable(),
        generation: z.enum(['4.x', '5.x', 'unknown']),
        generationNote: z.string(),
        os: z.string().nullable(),
        ipv4: z.string().nullable(),
        utcOffsetMinutes: z.number().int().nullable().optional(),
        utcOffsetSource: z.string().nullable().optional(),
        previousAccounts: z.array(z.string()).optional(),
      })
      .strict(),
    period: z.object({ from: iso.nullable(), to: iso.nullable() }).strict(),
    checks: z
      .array(check)
      .length(CHECK_IDS.length)
      .refine((cs) => cs.every((c, i) => c.id === CHECK_IDS[i]), 'the seven checks, in the article order')
      .describe(`Exactly the seven checks in order: ${CHECK_IDS.join(', ')}`),
    codes: z.array(
      z
        .object({
          code: z.string().regex(/^AADSTS\d+$/),
          name: z.string(),
          meaning: z.string(),
          check: checkId.nullable(),
          count: z.number().int().positive(),
          firstSeen: iso.nullable(),
          lastSeen: iso.nullable(),
          evidence: z.array(evidence),
        })
        .strict(),
    ),
    warnings: z.array(z.object({ source: z.string(), message: z.string(), detail: z.string().optional() }).strict()),
    timeline: z.array(
      z
        .object({
          time: iso,
          kind: z.enum(['healthy', 'unhealthy', 'failure', 'restart', 'clock-jump', 'signin-success', 'signin-failure']),
          label: z.string(),
          check: checkId.nullable(),
          count: z.number().int().positive().optional().describe('Events this point stands for, when a long period was condensed'),
        })
        .strict(),
    ),
    attempts: z.array(attempt).optional().describe('Sign-in attempts, each counted once across device and Entra views'),
    nothingEvaluated: z.boolean().optional().describe('Nothing in the input could be evaluated (exit 2)'),
    diagnosis,
    liveTest: liveTest.optional(),
  })
  .strict() satisfies z.ZodType<AnalysisResult>;

export function analysisJsonSchema(): unknown {
  return {
    $id: 'https://mtr-doctor.local/analysis.schema.json',
    title: 'MTR Doctor analysis result',
    description: 'Output of `mtr-doctor analyze --format json`.',
    ...(z.toJSONSchema(analysisResultSchema, { target: 'draft-2020-12', unrepresentable: 'any' }) as object),
  };
}
