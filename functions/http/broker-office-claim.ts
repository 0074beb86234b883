/**
 * Which broker office a verified token speaks for. The office is the broker id: it enters keys
 * (`BROKER#<id>`) and audit actors (`broker:<id>`), so it is held to I1's character set
 * (functions/domain/identifiers.ts) before anything else reads it.
 *
 * API Gateway hands a JWT authorizer's claims to the function as strings, a list claim written
 * as its values between brackets, separated by spaces: Cognito's `cognito:groups: ["broker-a"]`
 * arrives as `"[broker-a]"` (the local HTTP front writes it alike: local/http-front/proxy-event.ts).
 * A single-valued claim (a custom one of another provider) arrives as it is.
 */
import { isBrokerId } from '../domain/identifiers.js';

/** Why a token names no usable office. */
export type BrokerOfficeRefusal = 'missing' | 'several' | 'malformed';

/** The office a claim names, or why it names none. */
export type BrokerOfficeClaim = { readonly brokerId: string } | { readonly refused: BrokerOfficeRefusal };

/**
 * The one broker office `claims[claimName]` names: a string, or a list (as API Gateway writes
 * it, or as an array) of exactly one value; I1 decides whether that value may be a broker id.
 */
export function brokerOfficeIn(claims: Readonly<Record<string, unknown>> | undefined, claimName: string): BrokerOfficeClaim {
  const values = claimValues(claims?.[claimName]);
  if (values === undefined || values.length === 0) return { refused: 'missing' };
  const [value] = values;
  if (values.length > 1) return { refused: 'several' };
  return isBrokerId(value) ? { brokerId: value } : { refused: 'malformed' };
}

/** The values of a claim; undefined when it is absent or of no usable type. */
function claimValues(claim: unknown): readonly string[] | undefined {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return undefined;
  // No broker id holds a bracket or a space (I1), so a bracketed string can only be a list.
  const listed = /^\[(.*)\]$/s.exec(claim);
  if (!listed) return claim === '' ? [] : [claim];
  return (listed[1] ?? '').split(' ').filter((value) => value !== '');
}
