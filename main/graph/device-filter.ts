// Conditional Access "filter for devices": the rule grammar (the dynamic-membership syntax: device.<property>
// -operator value, joined by -and / -or, in parentheses) evaluated on what is known of the room's device.
// Source: Microsoft Entra docs, "Conditional Access: Filter for devices" (concept-condition-filters-for-devices):
// supported properties and operators; an unregistered device has every property null, so a positive operator
// never matches it and a negative one always does. A property we could not read is unknown, not null: the
// result is then "unknown" unless the rest of the rule decides it.

/** What is known of the device. `registered: false` = not in Entra (all properties null). */
export interface DeviceAttributes {
  registered: boolean | null;
  /** Lower-cased property name → value; a missing key is "not read". */
  values: Map<string, string | string[] | null>;
  /** Where the values come from, for the evidence ("Entra device …", "the sign-in's deviceDetail"). */
  source: string;
}

type Tri = true | false | null;

const NEGATIVE = new Set(['-ne', '-notstartswith', '-notendswith', '-notcontains', '-notin']);
const OPERATORS = new Set(['-eq', '-ne', '-startswith', '-notstartswith', '-endswith', '-notendswith', '-contains', '-notcontains', '-in', '-notin']);

interface Clause {
  kind: 'clause';
  property: string;
  operator: string;
  value: string | string[];
}
type Node = Clause | { kind: 'and' | 'or'; left: Node; right: Node };

export class DeviceRuleError extends Error {}

function tokenize(rule: string): string[] {
  const tokens: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\[|\]|\(|\)|,|[^\s()[\],"']+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = re.exec(rule)) !== null) {
    tokens.push(m[1] as string);
    at = re.lastIndex;
  }
  if (rule.slice(at).trim()) throw new DeviceRuleError(`cannot read the rule after "${rule.slice(0, at)}"`);
  return tokens;
}

function unquote(t: string): string {
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1).replace(/\\(.)/g, '$1');
  return t;
}

/** Parses a rule; throws DeviceRuleError when it is not the documented grammar. */
export function parseDeviceRule(rule: string): Node {
  const tokens = tokenize(rule);
  let i = 0;
  const peek = () => tokens[i]?.toLowerCase();
  const next = () => {
    const t = tokens[i++];
    if (t === undefined) throw new DeviceRuleError('the rule ends too early');
    return t;
  };
  const primary = (): Node => {
    if (peek() === '(') {
      next();
      const inner = or();
      if (next() !== ')') throw new DeviceRuleError('a parenthesis is not closed');
      return inner;
    }
    const prop = next();
    const m = /^device\.([A-Za-z0-9]+)$/i.exec(prop);
    if (!m) throw new DeviceRuleError(`"${prop}" is not a device property`);
    const operator = next().toLowerCase();
    if (!OPERATORS.has(operator)) throw new DeviceRuleError(`"${operator}" is not a supported operator`);
    let value: string | string[];
    if (peek() === '[') {
      next();
      const list: string[] = [];
      while (peek() !== ']') {
        list.push(unquote(next()));
        if (peek() === ',') next();
      }
      next();
      value = list;
    } else value = unquote(next());
    return { kind: 'clause', property: (m[1] as string).toLowerCase(), operator, value };
  };
  const and = (): Node => {
    let left = primary();
    while (peek() === '-and') {
      next();
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (peek() === '-or') {
      next();
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const tree = or();
  if (i < tokens.length) throw new DeviceRuleError(`unexpected "${tokens[i] ?? ''}"`);
  return tree;
}

function compare(c: Clause, actual: string | string[] | null): boolean {
  const negative = NEGATIVE.has(c.operator);
  // Null (unregistered device, empty attribute): positive operators never match, negative ones always do.
  if (actual === null || actual === '') return negative;
  const lower = (v: string) => v.toLowerCase();
  const values = Array.isArray(c.value) ? c.value.map(lower) : [lower(c.value)];
  const want = values[0] ?? '';
  const list = Array.isArray(actual) ? actual.map(lower) : null;
  const text = Array.isArray(actual) ? '' : lower(actual);
  let positive: boolean;
  switch (c.operator.replace('-not', '-').replace('-ne', '-eq')) {
    case '-eq':
      positive = list ? list.includes(want) : text === want;
      break;
    case '-startswith':
      positive = text.startsWith(want);
      break;
    case '-endswith':
      positive = text.endsWith(want);
      break;
    case '-contains':
      // For string collections (physicalIds, systemLabels) Contains matches a whole element.
      positive = list ? list.includes(want) : text.includes(want);
      break;
    case '-in':
      positive = values.includes(text);
      break;
    default:
      positive = false;
  }
  return negative ? !positive : positive;
}

function evaluate(node: Node, device: DeviceAttributes, unknown: Set<string>): Tri {
  if (node.kind === 'clause') {
    if (device.registered === false) return compare(node, null);
    if (!device.values.has(node.property)) {
      unknown.add(node.property);
      return null;
    }
    return compare(node, device.values.get(node.property) ?? null);
  }
  const l = evaluate(node.left, device, unknown);
  const r = evaluate(node.right, device, unknown);
  if (node.kind === 'and') return l === false || r === false ? false : l === true && r === true ? true : null;
  return l === true || r === true ? true : l === false && r === false ? false : null;
}

export interface DeviceRuleResult {
  /** Whether the device matches the rule; null when the answer depends on attributes not read. */
  matches: boolean | null;
  /** Properties the rule needs that could not be read. */
  unknown: string[];
  error?: string;
}

export function matchDeviceRule(rule: string, device: DeviceAttributes): DeviceRuleResult {
  let tree: Node;
  try {
    tree = parseDeviceRule(rule);
  } catch (error) {
    return { matches: null, unknown: [], error: error instanceof Error ? error.message : String(error) };
  }
  const unknown = new Set<string>();
  const matches = evaluate(tree, device, unknown);
  return { matches, unknown: [...unknown] };
}
