// Just enough OData $filter for the sign-in log: "a eq 'x' and b ge 2024-01-01T00:00:00Z and
// signInEventTypes/any(t: t eq 'nonInteractiveUser')". Anything else is rejected the way Graph rejects it,
// so a malformed query from the client fails the test instead of silently matching everything.

type CompareOp = 'eq' | 'ne' | 'ge' | 'le' | 'gt' | 'lt';

export type Clause =
  | { kind: 'compare'; field: string; op: CompareOp; value: string | number }
  | { kind: 'any'; field: string; value: string }
  | { kind: 'or'; clauses: Clause[] };

export class ODataError extends Error {}

/** Splits on " and " outside parentheses. */
function splitAnd(filter: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i];
    if (c === "'") inString = !inString;
    if (inString) continue;
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (depth === 0 && filter.slice(i, i + 5).toLowerCase() === ' and ') {
      parts.push(filter.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  parts.push(filter.slice(start));
  return parts.map((p) => p.trim());
}

/** "(a eq 'x' or a eq 'y')": one clause that matches when any of its parts does. */
function parseOr(part: string): Clause | null {
  if (!part.startsWith('(') || !part.endsWith(')')) return null;
  const inner = part.slice(1, -1);
  return { kind: 'or', clauses: inner.split(/ or /i).map((p) => parseFilter(p.trim())).flat() };
}

export function parseFilter(filter: string): Clause[] {
  return splitAnd(filter).map((part) => {
    const or = parseOr(part);
    if (or) return or;
    const any = /^(\w+)\/any\((\w+):\s*\2 eq '([^']*)'\)$/.exec(part);
    if (any) return { kind: 'any', field: any[1] ?? '', value: any[3] ?? '' };
    const str = /^([\w/]+) (eq|ne) '((?:[^']|'')*)'$/.exec(part);
    if (str) return { kind: 'compare', field: str[1] ?? '', op: str[2] as CompareOp, value: (str[3] ?? '').replace(/''/g, "'") };
    const other = /^([\w/]+) (eq|ne|ge|le|gt|lt) ([^\s']+)$/.exec(part);
    if (other) {
      const raw = other[3] ?? '';
      const value = /^-?\d+$/.test(raw) ? Number(raw) : raw;
      return { kind: 'compare', field: other[1] ?? '', op: other[2] as CompareOp, value };
    }
    throw new ODataError(`Invalid filter clause: ${part}`);
  });
}

function read(item: Record<string, unknown>, path: string): unknown {
  return path.split('/').reduce<unknown>((v, key) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined), item);
}

function compare(actual: unknown, op: CompareOp, expected: string | number): boolean {
  if (typeof expected === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(expected) && typeof actual === 'string') {
    const a = Date.parse(actual);
    const e = Date.parse(expected);
    if (Number.isNaN(e)) throw new ODataError(`Invalid date ${expected}`);
    return op === 'ge' ? a >= e : op === 'le' ? a <= e : op === 'gt' ? a > e : op === 'lt' ? a < e : op === 'eq' ? a === e : a !== e;
  }
  if (typeof expected === 'string') {
    // Graph compares strings case-insensitively (UPNs, GUIDs).
    const same = String(actual ?? '').toLowerCase() === expected.toLowerCase();
    if (op === 'eq') return same;
    if (op === 'ne') return !same;
    throw new ODataError(`Operator ${op} needs a date or number`);
  }
  const n = Number(actual);
  return op === 'ge' ? n >= expected : op === 'le' ? n <= expected : op === 'gt' ? n > expected : op === 'lt' ? n < expected : op === 'eq' ? n === expected : n !== expected;
}

export function matches(item: Record<string, unknown>, clauses: Clause[]): boolean {
  return clauses.every((c) => {
    if (c.kind === 'or') return c.clauses.some((x) => matches(item, [x]));
    if (c.kind === 'any') {
      const values = read(item, c.field);
      return Array.isArray(values) && values.includes(c.value);
    }
    return compare(read(item, c.field), c.op, c.value);
  });
}
