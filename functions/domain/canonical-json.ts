/**
 * One JSON text per value, whatever order its object keys were built in: what the audit
 * trail hashes (`audit-event.ts`: each entry's hash covers its canonical text, R2) and what
 * the local workflow runtime compares and keys its journal by (`local/stepfunctions/`: a
 * task's payload, an execution's input, a definition's hash).
 *
 * The text is what `JSON.stringify` writes, with the keys of every object sorted by UTF-16
 * code unit (so `"10"` sorts before `"9"`, unlike the integer-keys-first order of a plain
 * object) and no white space. As in `JSON.stringify`, an object member whose value is
 * `undefined`, a function or a symbol is dropped, the same in an array becomes `null`, and
 * `toJSON` (a `Date`'s, say) is honoured.
 */

/** A value has no canonical text: nothing to write (`undefined`, a function, a symbol at the top) or a cycle. */
export class CanonicalJsonError extends TypeError {
  override readonly name = 'CanonicalJsonError';
}

/**
 * `value` as canonical JSON: object keys sorted at every level, `undefined` members dropped.
 * Equal data gives equal text, so equal hashes.
 *
 * @throws CanonicalJsonError when `value` itself is `undefined`, a function or a symbol, or holds a cycle.
 * @example canonicalJson({ b: 1, a: [undefined, { d: 2, c: 3 }] }) // '{"a":[null,{"c":3,"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  const text = encode('', value, new Set());
  if (text === undefined) throw new CanonicalJsonError(`A ${typeof value} has no JSON text`);
  return text;
}

/** The text of `value` found under `key`, or undefined when JSON has none for it (then its member is dropped). */
function encode(key: string, value: unknown, ancestors: Set<object>): string | undefined {
  const json = withToJson(key, value);
  if (json === undefined || typeof json === 'function' || typeof json === 'symbol') return undefined;
  if (json === null || typeof json !== 'object') return JSON.stringify(json);
  if (json instanceof Number || json instanceof String || json instanceof Boolean) return JSON.stringify(json);
  if (ancestors.has(json)) throw new CanonicalJsonError('A value that contains itself has no JSON text');
  ancestors.add(json);
  try {
    if (Array.isArray(json)) {
      return `[${Array.from(json, (item, index) => encode(String(index), item, ancestors) ?? 'null').join(',')}]`;
    }
    const record = json as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .flatMap((name) => {
        const text = encode(name, record[name], ancestors);
        return text === undefined ? [] : [`${JSON.stringify(name)}:${text}`];
      });
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(json);
  }
}

function withToJson(key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  return value;
}
