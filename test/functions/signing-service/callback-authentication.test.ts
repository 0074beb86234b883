/**
 * The signing service's callback is authenticated by an HMAC-SHA256 over `<timestamp>.<raw body>`
 * with the shared secret, within five minutes either way, compared in constant time
 * (functions/signing-service/callback-authentication.ts). The clock is passed in: no real time.
 */
import { timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CALLBACK_SIGNATURE_HEADER,
  CALLBACK_TIMESTAMP_HEADER,
  CALLBACK_WINDOW_SECONDS,
  callbackHeaders,
  verifyCallback,
  type CallbackToVerify,
} from '../../../functions/signing-service/callback-authentication.js';

const SECRET = 'q3V9kTz0Lw7hYb2nR5cXe8uJm1sAf4GdPo6iKvHtNjWyQxZrBaEgUlMSCDIO0123';
const BODY = new TextEncoder().encode('{"sessionId":"Xk2m9QpR4tVw7yZa1cEf3g","status":"finished"}');
const SIGNED_AT = new Date('2026-11-20T10:00:00Z');

/** A callback as the provider sends it, signed at SIGNED_AT, checked at `now`. */
function callback(overrides: Partial<CallbackToVerify> = {}): CallbackToVerify {
  const headers = callbackHeaders(SECRET, BODY, SIGNED_AT);
  return {
    timestamp: headers[CALLBACK_TIMESTAMP_HEADER],
    signature: headers[CALLBACK_SIGNATURE_HEADER],
    body: BODY,
    secret: SECRET,
    now: SIGNED_AT,
    ...overrides,
  };
}

const secondsAfter = (seconds: number) => new Date(SIGNED_AT.getTime() + seconds * 1000);

describe('verifyCallback', () => {
  it('accepts a callback signed with the shared secret, and answers its MAC and until when to remember it', () => {
    const verdict = verifyCallback(callback());
    expect(verdict).toMatchObject({ authentic: true, signedAt: SIGNED_AT });
    if (!verdict.authentic) throw new Error('refused');
    expect(verdict.mac).toBe(callback().signature?.slice('sha256='.length));
    expect(verdict.rememberUntil.getTime()).toBe(secondsAfter(CALLBACK_WINDOW_SECONDS + 1).getTime());
  });

  it.each([
    ['signed just now', 0, true],
    ['exactly five minutes old', CALLBACK_WINDOW_SECONDS, true],
    ['five minutes and a second old', CALLBACK_WINDOW_SECONDS + 1, false],
    ['an hour old', 3600, false],
    ['exactly five minutes ahead (a fast provider clock)', -CALLBACK_WINDOW_SECONDS, true],
    ['five minutes and a second ahead', -(CALLBACK_WINDOW_SECONDS + 1), false],
  ] as const)('window edge: a callback %s is %s', (_label, ageSeconds, authentic) => {
    const verdict = verifyCallback(callback({ now: secondsAfter(ageSeconds) }));
    expect(verdict.authentic).toBe(authentic);
    if (!authentic) expect(verdict).toMatchObject({ refusal: 'outside_window' });
  });

  it('remembers a MAC for as long as a replay of it would pass the window, and no longer is needed', () => {
    const verdict = verifyCallback(callback());
    if (!verdict.authentic) throw new Error('refused');
    const lastInstantInWindow = secondsAfter(CALLBACK_WINDOW_SECONDS);
    expect(verifyCallback(callback({ now: lastInstantInWindow })).authentic).toBe(true);
    expect(verdict.rememberUntil.getTime()).toBeGreaterThan(lastInstantInWindow.getTime());
    expect(verifyCallback(callback({ now: verdict.rememberUntil }))).toMatchObject({ authentic: false, refusal: 'outside_window' });
  });

  it('refuses a tampered body, even by one byte', () => {
    const tampered = Uint8Array.from(BODY);
    tampered[tampered.length - 3] = 'X'.charCodeAt(0);
    expect(verifyCallback(callback({ body: tampered }))).toMatchObject({ authentic: false, refusal: 'bad_signature' });
    expect(verifyCallback(callback({ body: new TextEncoder().encode(`${new TextDecoder().decode(BODY)} `) }))).toMatchObject({ authentic: false, refusal: 'bad_signature' });
  });

  it('refuses a timestamp moved within the window: the MAC covers it', () => {
    const moved = String(Number(callback().timestamp) + 60);
    expect(verifyCallback(callback({ timestamp: moved }))).toMatchObject({ authentic: false, refusal: 'bad_signature' });
  });

  it('refuses a callback signed with another secret', () => {
    const forged = callbackHeaders(`${SECRET.slice(0, -1)}x`, BODY, SIGNED_AT);
    expect(verifyCallback(callback({ signature: forged[CALLBACK_SIGNATURE_HEADER] }))).toMatchObject({ authentic: false, refusal: 'bad_signature' });
    expect(verifyCallback(callback({ secret: 'another secret' }))).toMatchObject({ authentic: false, refusal: 'bad_signature' });
  });

  it.each([
    ['no timestamp', { timestamp: undefined }, 'missing_headers'],
    ['no signature', { signature: undefined }, 'missing_headers'],
    ['an empty timestamp', { timestamp: '' }, 'malformed_timestamp'],
    ['a timestamp in milliseconds-with-a-dot', { timestamp: '1795082400.5' }, 'malformed_timestamp'],
    ['a negative timestamp', { timestamp: '-1795082400' }, 'malformed_timestamp'],
    ['an ISO timestamp', { timestamp: '2026-11-20T10:00:00Z' }, 'malformed_timestamp'],
    ['a 13-digit timestamp', { timestamp: '1795082400000' }, 'malformed_timestamp'],
  ] as const)('refuses %s', (_label, overrides, refusal) => {
    expect(verifyCallback(callback(overrides))).toEqual({ authentic: false, refusal });
  });

  describe('the comparison is constant-time (timingSafeEqual) on every path past the timestamp', () => {
    const good = callback().signature ?? '';
    const hex = good.slice('sha256='.length);
    const flipLast = `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`;
    const cases = [
      ['the right MAC', good, true],
      ['a MAC wrong in its last digit', `sha256=${flipLast}`, false],
      ['a MAC wrong in its first digit', `sha256=${hex.startsWith('0') ? '1' : '0'}${hex.slice(1)}`, false],
      ['a MAC one byte short', `sha256=${hex.slice(0, -2)}`, false],
      ['a MAC one byte long', `sha256=${hex}00`, false],
      ['a MAC that is not hex', `sha256=${'zz'.repeat(32)}`, false],
      ['a MAC without its sha256= prefix', hex, false],
      ['an empty signature', '', false],
    ] as const;

    it.each(cases)('%s goes through one comparison of two 32-byte MACs', (_label, signature, authentic) => {
      const comparisons: [number, number][] = [];
      const compare = (a: Uint8Array, b: Uint8Array) => {
        comparisons.push([a.byteLength, b.byteLength]);
        return timingSafeEqual(a, b);
      };
      const verdict = verifyCallback(callback({ signature, compare }));
      expect(verdict.authentic).toBe(authentic);
      if (!authentic) expect(verdict).toMatchObject({ refusal: 'bad_signature' });
      expect(comparisons).toEqual([[32, 32]]);
    });

    it('compares with crypto.timingSafeEqual by default: a wrong-length MAC is refused, not thrown', () => {
      expect(() => verifyCallback(callback({ signature: `sha256=${hex.slice(0, -2)}` }))).not.toThrow();
      expect(verifyCallback(callback({ signature: `sha256=${flipLast}` }))).toMatchObject({ authentic: false, refusal: 'bad_signature' });
    });
  });

  it('checks the window before the MAC: a stale callback is refused without comparing', () => {
    let compared = false;
    const verdict = verifyCallback(callback({ now: secondsAfter(CALLBACK_WINDOW_SECONDS + 1), compare: () => (compared = true) }));
    expect(verdict).toMatchObject({ authentic: false, refusal: 'outside_window' });
    expect(compared).toBe(false);
  });
});
