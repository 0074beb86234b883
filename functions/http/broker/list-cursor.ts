/**
 * The cursor of `GET /v1/requests`: opaque to the broker and authenticated, bound to the broker
 * who got it. It carries the list's last key (DynamoDB's LastEvaluatedKey) and an HMAC (a KMS
 * key, functions/adapters/mac-key.ts) over a version, the broker's id and that key: a cursor
 * edited, forged, or taken from another broker is refused with a 400, never sent to DynamoDB.
 */
import * as z from 'zod/mini';
import { macMatches, macOf } from '../../adapters/mac-key.js';
import { REQUEST_ID_PATTERN } from '../../domain/identifiers.js';
import { validationFailed, type HttpError } from '../http-errors.js';

/** A cursor this API did not hand to this broker, or one that was changed: 400 naming the cursor. */
function invalidCursor(message: string): HttpError {
  return validationFailed([{ path: 'cursor', rule: 'schema', message }]);
}

/** Longer cursors are refused before any work: ours are about 300 characters. */
export const MAX_CURSOR_LENGTH = 1000;

const VERSION = 'c1';

/** The list's last key, exactly as the broker's list index writes it: nothing else is accepted. */
function lastKeySchema(brokerId: string) {
  return z.strictObject({
    pk: z.string().check(z.regex(new RegExp(`^REQUEST#${REQUEST_ID_PATTERN.source.slice(1, -1)}$`))),
    sk: z.literal('REQUEST'),
    gsi1pk: z.literal(`BROKER#${brokerId}`),
    gsi1sk: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#req_[A-Za-z0-9_-]{20}$/)),
  });
}

function signedText(brokerId: string, payload: string): Uint8Array {
  return new TextEncoder().encode(`${VERSION}\n${brokerId}\n${payload}`);
}

/** The opaque cursor for the broker's next page. */
export async function sealCursor(brokerId: string, lastKey: Record<string, unknown>): Promise<string> {
  const payload = Buffer.from(JSON.stringify(lastKey)).toString('base64url');
  const mac = Buffer.from(await macOf(signedText(brokerId, payload))).toString('base64url');
  return `${VERSION}.${payload}.${mac}`;
}

/** The last key a cursor carries, once its MAC and its shape check out for this broker. */
export async function openCursor(brokerId: string, cursor: string): Promise<Record<string, unknown>> {
  const parts = cursor.length <= MAX_CURSOR_LENGTH ? cursor.split('.') : [];
  const [version, payload, mac] = parts;
  if (parts.length !== 3 || version !== VERSION || !payload || !mac || !/^[A-Za-z0-9_-]+$/.test(payload + mac)) {
    throw invalidCursor('The cursor is not one this API returned');
  }
  if (!(await macMatches(signedText(brokerId, payload), Buffer.from(mac, 'base64url')))) {
    throw invalidCursor('The cursor is not one this API returned to you');
  }
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('The cursor is not one this API returned');
  }
  const parsed = lastKeySchema(brokerId).safeParse(key);
  if (!parsed.success) throw invalidCursor('The cursor is not one this API returned');
  return parsed.data;
}
