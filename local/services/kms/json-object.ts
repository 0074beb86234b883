/**
 * Requests and templates both arrive as parsed JSON of unknown shape; this one guard is how
 * every reader here tells a JSON object from an array, null or a scalar before reading members.
 */
export type Json = Record<string, unknown>;

/** A JSON object, not an array, null or a scalar. */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
