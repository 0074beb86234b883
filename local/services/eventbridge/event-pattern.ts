/**
 * EventBridge's event patterns, as far as the local bus needs them to route the template's
 * rules: a pattern is an object whose leaves are lists; an event matches when, for every leaf,
 * its value at that path matches one entry of the list (an array value: any of its elements).
 * An entry is a literal (string, number, boolean, null) or one of the content filters `prefix`,
 * `suffix`, `equals-ignore-case`, `anything-but` (literals, or a `prefix`) and `exists`. Other
 * filters (`numeric`, `cidr`, `wildcard`, `$or`) are refused when the rule is read, so a rule
 * the local bus cannot route fails the start instead of never matching. Pure.
 */
import { LocalStackError } from '../../local-stack-error.js';
import { isObject, type Json } from '../kms/json-object.js';

/** A pattern the local bus cannot evaluate. */
export class UnsupportedEventPattern extends LocalStackError {
  override readonly name = 'UnsupportedEventPattern';
}

type Literal = string | number | boolean | null;

function isLiteral(value: unknown): value is Literal {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/**
 * Checks that `pattern` uses only what {@link matchesEventPattern} evaluates.
 * @throws UnsupportedEventPattern naming the path and the filter
 */
export function assertSupportedPattern(pattern: unknown, path = ''): void {
  if (!isObject(pattern)) throw new UnsupportedEventPattern(`Event pattern${path ? ` at ${path}` : ''} must be an object`);
  for (const [key, value] of Object.entries(pattern)) {
    const at = path ? `${path}.${key}` : key;
    if (key.startsWith('$')) throw new UnsupportedEventPattern(`Event pattern at ${at}: ${key} is not evaluated locally`);
    if (isObject(value)) {
      assertSupportedPattern(value, at);
      continue;
    }
    if (!Array.isArray(value)) throw new UnsupportedEventPattern(`Event pattern at ${at} must be a list or an object`);
    for (const entry of value) {
      if (isLiteral(entry)) continue;
      if (!isObject(entry)) throw new UnsupportedEventPattern(`Event pattern at ${at}: ${JSON.stringify(entry)} is neither a value nor a filter`);
      const [filter, ...others] = Object.keys(entry);
      const argument = filter === undefined ? undefined : entry[filter];
      const supported =
        others.length === 0 &&
        (((filter === 'prefix' || filter === 'suffix' || filter === 'equals-ignore-case') && typeof argument === 'string') ||
          (filter === 'exists' && typeof argument === 'boolean') ||
          (filter === 'anything-but' &&
            (isLiteral(argument) || (Array.isArray(argument) && argument.every(isLiteral)) || (isObject(argument) && typeof argument.prefix === 'string'))));
      if (!supported) throw new UnsupportedEventPattern(`Event pattern at ${at}: the filter ${JSON.stringify(entry)} is not evaluated locally`);
    }
  }
}

/** Whether `event` (as a target receives it: `source`, `detail-type`, `detail`, …) matches `pattern`. */
export function matchesEventPattern(pattern: Json, event: Json): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    const present = Object.hasOwn(event, key);
    const value = present ? event[key] : undefined;
    if (isObject(expected)) return isObject(value) && matchesEventPattern(expected, value);
    const values = Array.isArray(value) ? value : [value];
    return (expected as unknown[]).some((entry) => matchesEntry(entry, present, values));
  });
}

function matchesEntry(entry: unknown, present: boolean, values: readonly unknown[]): boolean {
  if (isObject(entry) && 'exists' in entry) return entry.exists === present;
  if (!present) return false;
  return values.some((value) => {
    if (isLiteral(entry)) return value === entry;
    const filter = entry as Json;
    if (typeof filter.prefix === 'string') return typeof value === 'string' && value.startsWith(filter.prefix);
    if (typeof filter.suffix === 'string') return typeof value === 'string' && value.endsWith(filter.suffix);
    if (typeof filter['equals-ignore-case'] === 'string') return typeof value === 'string' && value.toLowerCase() === filter['equals-ignore-case'].toLowerCase();
    const but = filter['anything-but'];
    if (isObject(but)) return typeof value === 'string' && !value.startsWith(String(but.prefix));
    return !(Array.isArray(but) ? but : [but]).includes(value as Literal);
  });
}
