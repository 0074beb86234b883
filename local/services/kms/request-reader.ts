/**
 * AWS refuses a badly typed member and a missing or out-of-range one with different
 * exceptions and message shapes, and callers (and the SDK) tell them apart; reading every
 * member through one reader keeps each operation's answers to bad input the same as AWS's.
 */
import type { StoredKey } from './key-store.js';
import { KmsApiError } from './kms-errors.js';
import { isObject, type Json } from './json-object.js';

/** Reads one request's members, answering as AWS does: a wrong type is a SerializationException, a missing or out-of-range value a ValidationException. */
export class RequestReader {
  constructor(private readonly body: Json) {}

  optionalString(member: string): string | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new KmsApiError('SerializationException', `${member} must be a string`);
    return value;
  }

  string(member: string): string {
    const value = this.optionalString(member);
    if (value === undefined || value === '') throw validationError(member, 'Member must not be null');
    return value;
  }

  optionalInteger(member: string, min: number, max: number): number | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new KmsApiError('SerializationException', `${member} must be an integer`);
    if (value < min || value > max) throw validationError(member, `Member must have value between ${min} and ${max}`);
    return value;
  }

  /** A blob member (base64 on the wire), 1 to `maxBytes` bytes long. */
  blob(member: string, maxBytes: number): Buffer {
    const value = this.string(member);
    if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw new KmsApiError('SerializationException', `${member} is not valid base64`);
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length === 0) throw validationError(member, 'Member must have length greater than or equal to 1');
    if (bytes.length > maxBytes) throw validationError(member, `Member must have length less than or equal to ${maxBytes}`);
    return bytes;
  }

  tags(member: string): StoredKey['tags'] {
    const value = this.body[member] ?? [];
    if (!Array.isArray(value)) throw new KmsApiError('SerializationException', `${member} must be a list`);
    return value.map((tag: unknown) => {
      if (!isObject(tag) || typeof tag['TagKey'] !== 'string' || typeof tag['TagValue'] !== 'string') {
        throw new KmsApiError('SerializationException', `${member} must hold {TagKey, TagValue} strings`);
      }
      if (tag['TagKey'].startsWith('aws:')) throw new KmsApiError('TagException', `Tag keys beginning with aws: are reserved (${tag['TagKey']})`);
      return { TagKey: tag['TagKey'], TagValue: tag['TagValue'] };
    });
  }
}

/** A ValidationException worded as AWS words it, naming the member as it is on the wire. */
export function validationError(member: string, constraint: string): KmsApiError {
  const wireName = member.charAt(0).toLowerCase() + member.slice(1);
  return new KmsApiError('ValidationException', `1 validation error detected: Value at '${wireName}' failed to satisfy constraint: ${constraint}`);
}
