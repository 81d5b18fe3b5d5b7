/**
 * Names a configuration may not use for its maps (providers, groups, tenants, features,
 * budgets, notifiers): `__proto__`, `constructor`, `prototype` and every other property
 * of Object.prototype. A lookup by such a name in a plain object finds the prototype's
 * member instead of "nothing" (issue #11, item 2), and `__proto__` is dropped silently
 * by the parsers on the way in. The maps themselves are then handed out as
 * null-prototype objects, so no lookup by client input can reach a prototype member.
 */

export const RESERVED_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** True when `name` is a reserved name (see the module comment). */
export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name);
}

/** The maps of ballast.yaml whose keys are names chosen by the operator. */
export const NAMED_MAPS: readonly (readonly string[])[] = [
  ['providers'],
  ['groups'],
  ['tenants'],
  ['features'],
  ['budgets', 'tenants'],
  ['budgets', 'features'],
  ['alerting', 'notifiers'],
];

const MAX_DEPTH = 64;

/**
 * Problems with reserved names in the raw (unvalidated) configuration: any reserved
 * name used as a key in one of NAMED_MAPS, and `__proto__` as a key anywhere. Runs
 * before the schema, which would otherwise drop `__proto__` without a word.
 *
 * @example reservedNameProblems({ providers: { constructor: {} } })
 * // ['providers.constructor: "constructor" is a reserved name ...']
 */
export function reservedNameProblems(raw: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(raw)) return problems;
  for (const path of NAMED_MAPS) {
    const map = at(raw, path);
    if (!isObject(map)) continue;
    for (const key of Object.getOwnPropertyNames(map)) {
      if (isReservedName(key)) problems.push(reservedProblem(`${path.join('.')}.${key}`, key));
    }
  }
  const named = new Set(NAMED_MAPS.map((p) => p.join('.')));
  walkProto(raw, [], problems, named, 0);
  return problems;
}

function reservedProblem(key: string, name: string): string {
  return `${key}: "${name}" is a reserved name (it is a property of every JavaScript object); choose another name`;
}

/** `__proto__` outside the named maps (inside them it is reported above). */
function walkProto(value: unknown, path: string[], problems: string[], named: Set<string>, depth: number): void {
  if (!isObject(value) || depth > MAX_DEPTH) return;
  for (const key of Object.getOwnPropertyNames(value)) {
    const child = [...path, key];
    if (key === '__proto__' && !named.has(path.join('.'))) problems.push(reservedProblem(formatKey(child), key));
    walkProto((value as Record<string, unknown>)[key], child, problems, named, depth + 1);
  }
}

function formatKey(path: string[]): string {
  return path.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function at(value: Record<string, unknown>, path: readonly string[]): unknown {
  let cur: unknown = value;
  for (const key of path) {
    if (!isObject(cur) || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * A copy of `record` with no prototype, typed as the same Record so callers need no
 * change: `copy[name]` is undefined for every name that is not a key of it.
 *
 * @example nullPrototype({ a: 1 }).constructor // undefined
 */
export function nullPrototype<T>(record: Record<string, T>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const key of Object.keys(record)) out[key] = record[key] as T;
  return out;
}
