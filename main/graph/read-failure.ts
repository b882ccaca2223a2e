// What to tell the technician when one Graph read fails: 403s get the access-problem wording from
// main/auth/access-problems.json (no reader role, non-premium tenant …), everything else says what Graph answered.
import { GraphError } from '@microsoft/microsoft-graph-client';
import { authProblem, problemForGraphCode } from '../auth/access-problems';

export interface ReadProblem {
  message: string;
  code: string | null;
  status: number | null;
}

export function graphErrorCode(error: unknown): string | null {
  return error instanceof GraphError ? error.code : null;
}

export function graphErrorStatus(error: unknown): number | null {
  return error instanceof GraphError && error.statusCode > 0 ? error.statusCode : null;
}

/**
 * @param what the data that could not be read, e.g. "Sign-in logs"
 * @param need the permission the read needs, e.g. "AuditLog.Read.All"
 */
export function describeReadFailure(error: unknown, what: string, need: string): ReadProblem {
  const status = graphErrorStatus(error);
  const code = graphErrorCode(error);
  const said = error instanceof Error && error.message ? error.message : 'no details';
  if (status === 403) {
    const problem = (code && problemForGraphCode(code)) || authProblem('access-denied', code);
    const needs = problem.id === 'non-premium-tenant' ? '' : ` (This read needs ${need}.)`;
    return { message: `${what} could not be read. ${problem.title}: ${problem.message} ${problem.action}${needs}`, code, status };
  }
  if (status === null) {
    return { message: `${what} could not be read: Microsoft Graph could not be reached (${said}).`, code, status };
  }
  if (status === 429 || status >= 500) {
    return { message: `${what} could not be read: Microsoft Graph kept answering HTTP ${status} (${code ?? 'no code'}) after several retries.`, code, status };
  }
  return { message: `${what} could not be read: Microsoft Graph answered HTTP ${status} ${code ?? ''} — ${said}`.trim(), code, status };
}
