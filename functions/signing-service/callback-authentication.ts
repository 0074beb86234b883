/**
 * How the signing service's callback proves where it comes from: an HMAC-SHA256, with the
 * secret the product shares with the provider, over `<timestamp>.<raw body>`; the timestamp
 * (Unix seconds) must lie within five minutes of now, either way. The signature header is
 * `sha256=<64 hex digits>`. MACs are compared in constant time (`timingSafeEqual`), on every
 * path that got as far as a well-formed timestamp, so an answer's timing tells nothing about
 * how much of a forged MAC was right. Replays inside the window are refused by the caller,
 * which remembers each accepted MAC until {@link AcceptedCallback.rememberUntil}
 * (functions/adapters/callback-replay-store.ts). Pure: the clock is passed in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header with the Unix time (seconds) at which the provider signed the callback. */
export const CALLBACK_TIMESTAMP_HEADER = 'x-signing-service-timestamp';
/** The header with the MAC: `sha256=<hex>`. */
export const CALLBACK_SIGNATURE_HEADER = 'x-signing-service-signature';

/** How far the timestamp may lie from now, either way. */
export const CALLBACK_WINDOW_SECONDS = 5 * 60;

const SIGNATURE_PREFIX = 'sha256=';
const MAC_BYTES = 32;
const TIMESTAMP_PATTERN = /^[0-9]{1,12}$/;

/** Why a callback is not authentic; none of these tells the sender more than "no". */
export type CallbackRefusal = 'missing_headers' | 'malformed_timestamp' | 'outside_window' | 'bad_signature';

export interface AcceptedCallback {
  readonly authentic: true;
  /** The MAC, lower-case hex: the replay store's key. */
  readonly mac: string;
  /** The signed timestamp. */
  readonly signedAt: Date;
  /** Until when a replay of this callback would still pass the window: remember its MAC until then. */
  readonly rememberUntil: Date;
}

export type CallbackVerdict = AcceptedCallback | { readonly authentic: false; readonly refusal: CallbackRefusal };

export interface CallbackToVerify {
  /** {@link CALLBACK_TIMESTAMP_HEADER}'s value. */
  readonly timestamp: string | undefined;
  /** {@link CALLBACK_SIGNATURE_HEADER}'s value. */
  readonly signature: string | undefined;
  /** The body exactly as received (decoded from base64 if the gateway encoded it). */
  readonly body: Uint8Array;
  readonly secret: string;
  readonly now: Date;
  /** @default CALLBACK_WINDOW_SECONDS */
  readonly windowSeconds?: number;
  /**
   * Compares two MACs of equal length. @default crypto.timingSafeEqual — only tests pass
   * another, to see that every refusal after the timestamp check went through it.
   */
  readonly compare?: (a: Uint8Array, b: Uint8Array) => boolean;
}

/** The MAC of a callback, as the provider computes it: HMAC-SHA256(secret, `<timestamp>.<body>`). */
export function callbackMac(secret: string, timestamp: string, body: Uint8Array | string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body).digest();
}

/** The two headers a provider sends with a callback signed at `signedAt`. */
export function callbackHeaders(secret: string, body: Uint8Array | string, signedAt: Date): Record<string, string> {
  const timestamp = String(Math.floor(signedAt.getTime() / 1000));
  return {
    [CALLBACK_TIMESTAMP_HEADER]: timestamp,
    [CALLBACK_SIGNATURE_HEADER]: `${SIGNATURE_PREFIX}${callbackMac(secret, timestamp, body).toString('hex')}`,
  };
}

/** Whether a callback carries a MAC made with the shared secret over its own timestamp and body, signed within the window. */
export function verifyCallback(input: CallbackToVerify): CallbackVerdict {
  const compare = input.compare ?? timingSafeEqual;
  const windowSeconds = input.windowSeconds ?? CALLBACK_WINDOW_SECONDS;
  if (input.timestamp === undefined || input.signature === undefined) return refused('missing_headers');
  if (!TIMESTAMP_PATTERN.test(input.timestamp)) return refused('malformed_timestamp');
  const signedAtSeconds = Number(input.timestamp);
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  if (Math.abs(nowSeconds - signedAtSeconds) > windowSeconds) return refused('outside_window');

  const expected = callbackMac(input.secret, input.timestamp, input.body);
  const presented = presentedMac(input.signature);
  // A malformed signature is still compared, against the expected MAC itself, then refused: its
  // refusal takes the same path and time as a wrong MAC's.
  const equal = compare(presented ?? expected, expected);
  if (presented === undefined || !equal) return refused('bad_signature');
  return {
    authentic: true,
    mac: expected.toString('hex'),
    signedAt: new Date(signedAtSeconds * 1000),
    rememberUntil: new Date((signedAtSeconds + windowSeconds + 1) * 1000),
  };
}

/** The MAC of a `sha256=<hex>` header, or undefined when the header is not of that shape. */
function presentedMac(header: string): Buffer | undefined {
  if (!header.startsWith(SIGNATURE_PREFIX)) return undefined;
  const hex = header.slice(SIGNATURE_PREFIX.length);
  if (hex.length !== MAC_BYTES * 2 || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  return Buffer.from(hex, 'hex');
}

function refused(refusal: CallbackRefusal): CallbackVerdict {
  return { authentic: false, refusal };
}
