/**
 * What the local test provider reads of a callback body: the session it names, and only when
 * that id keeps to its character set (it enters a key: docs/input-rules.md, I1).
 */
import { describe, expect, it } from 'vitest';
import { LocalTestProvider } from '../../../functions/signing-service/local-test-provider.js';

const provider = new LocalTestProvider({ baseUrl: 'http://127.0.0.1:1', apiKey: 'unused' });

describe('LocalTestProvider.sessionIdOfCallback', () => {
  it('reads the session id of a callback body, and nothing else', () => {
    expect(provider.sessionIdOfCallback('{"sessionId":"Xk2m9QpR4tVw7yZa1cEf3g","status":"declined"}')).toBe('Xk2m9QpR4tVw7yZa1cEf3g');
  });

  it.each([
    ['not JSON', 'sessionId=Xk2m9QpR4tVw7yZa1cEf3g'],
    ['no sessionId', '{"status":"finished"}'],
    ['a number', '{"sessionId":12345678901}'],
    ['a # that would split a key (I1)', '{"sessionId":"Xk2m9QpR#SESSION"}'],
    ['too short', '{"sessionId":"abc"}'],
    ['a space', '{"sessionId":"Xk2m9QpR 4tVw7yZa"}'],
    ['JSON null', 'null'],
  ])('names no session for %s', (_label, body) => {
    expect(provider.sessionIdOfCallback(body)).toBeUndefined();
  });
});
