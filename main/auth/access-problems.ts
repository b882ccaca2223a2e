// Technician-facing explanations for the tool's own access problems: app registration, consent, roles, tokens.
// The wording lives in access-problems.json so the UI and the docs share one table; this module only looks codes up.
import { z } from 'zod';
import table from './access-problems.json';

export const AUTH_PROBLEM_IDS = [
  'cancelled',
  'not-signed-in',
  'sign-in-again',
  'app-not-found',
  'consent-required',
  'admin-consent-required',
  'public-client-flows-disabled',
  'not-multi-tenant',
  'redirect-uri-mismatch',
  'tenant-not-found',
  'wrong-cloud',
  'device-code-expired',
  'no-reader-role',
  'access-denied',
  'non-premium-tenant',
  'network',
  'tls-untrusted',
  'unknown',
] as const;
export type AuthProblemId = (typeof AUTH_PROBLEM_IDS)[number];

export const TOKEN_STORAGE_IDS = ['persisted', 'not-configured', 'unavailable', 'insecure-backend'] as const;
export type TokenStorageId = (typeof TOKEN_STORAGE_IDS)[number];

const entrySchema = z.object({
  id: z.enum(AUTH_PROBLEM_IDS),
  aadsts: z.array(z.string().regex(/^\d+$/)),
  graphCodes: z.array(z.string().min(1)),
  title: z.string().min(1),
  message: z.string().min(1),
  action: z.string().min(1),
  /** The same fix in command-line words (--tenant, --client-id …) where the app's says "Settings". */
  cliAction: z.string().min(1).optional(),
});
type Entry = z.infer<typeof entrySchema>;

const tableSchema = z
  .object({
    problems: z.array(entrySchema),
    storage: z.array(z.object({ id: z.enum(TOKEN_STORAGE_IDS), message: z.string().min(1) })),
  })
  .refine((t) => AUTH_PROBLEM_IDS.every((id) => t.problems.filter((p) => p.id === id).length === 1), {
    message: 'every problem id must appear exactly once',
  })
  .refine((t) => TOKEN_STORAGE_IDS.every((id) => t.storage.filter((s) => s.id === id).length === 1), {
    message: 'every storage id must appear exactly once',
  })
  .refine(
    (t) => {
      const codes = t.problems.flatMap((p) => p.aadsts);
      return new Set(codes).size === codes.length;
    },
    { message: 'an AADSTS code may belong to one problem only' },
  );

const TABLE = tableSchema.parse(table);

export interface AuthProblem {
  id: AuthProblemId;
  /** "AADSTS700016", a Graph error code, or null when the problem has no service code. */
  code: string | null;
  title: string;
  message: string;
  action: string;
  /** The fix in command-line words; the same as `action` where no setting is named. */
  cliAction: string;
  /** What the service or library said, for a details pane. Never contains tokens. */
  detail: string | null;
}

/** Thrown where a value is expected (getAccessToken, Graph reads) but an access problem stops the work. */
export class AuthProblemError extends Error {
  readonly problem: AuthProblem;
  constructor(problem: AuthProblem) {
    super(`${problem.title}: ${problem.message}`);
    this.name = 'AuthProblemError';
    this.problem = problem;
  }
}

function entry(id: AuthProblemId): Entry {
  const found = TABLE.problems.find((p) => p.id === id);
  // The table refinement guarantees every id is present.
  if (!found) throw new Error(`No message for ${id}`);
  return found;
}

export function authProblem(id: AuthProblemId, code: string | null = null, detail: string | null = null): AuthProblem {
  const e = entry(id);
  return { id, code, title: e.title, message: e.message, action: e.action, cliAction: e.cliAction ?? e.action, detail };
}

/** The problem an AADSTS number ("700016" or "AADSTS700016") stands for, if the table knows it. */
export function problemForAadsts(code: string, detail: string | null = null): AuthProblem | null {
  const digits = code.replace(/^AADSTS/i, '');
  const e = TABLE.problems.find((p) => p.aadsts.includes(digits));
  return e ? authProblem(e.id, `AADSTS${digits}`, detail) : null;
}

/** The problem a Graph error code (error.code in the response body) stands for, if the table knows it. */
export function problemForGraphCode(code: string, detail: string | null = null): AuthProblem | null {
  const e = TABLE.problems.find((p) => p.graphCodes.includes(code));
  return e ? authProblem(e.id, code, detail) : null;
}

export function tokenStorageMessage(id: TokenStorageId): string {
  const found = TABLE.storage.find((s) => s.id === id);
  if (!found) throw new Error(`No message for ${id}`);
  return found.message;
}

/** AADSTS numbers mentioned in a text, in order, without duplicates. */
export function aadstsCodesIn(text: string): string[] {
  return [...new Set([...text.matchAll(/AADSTS(\d{5,7})/g)].map((m) => m[1] ?? ''))].filter(Boolean);
}
