import { describe, expect, it } from 'vitest';
import {
  formatRequestTime,
  InvalidProxyResultError,
  isTextContentType,
  jwtAuthorizerContext,
  toHttpResponse,
} from '../../../local/http-front/proxy-event.js';

describe('payload format 2.0 translation', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['application/problem+json', true],
    ['text/html', true],
    ['application/xml', true],
    ['application/pdf', false],
    ['image/png', false],
    ['application/octet-stream', false],
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
    [undefined, false],
  ])('treats %s as text: %s', (type, text) => {
    expect(isTextContentType(type)).toBe(text);
  });

  it('formats requestContext.time as API Gateway does', () => {
    expect(formatRequestTime(new Date('2026-03-05T09:03:08Z'))).toBe('05/Mar/2026:09:03:08 +0000');
  });

  it('hands JWT claims on as strings, and scopes from the scope claim', () => {
    expect(jwtAuthorizerContext({ sub: 'broker-a', exp: 1700000000, groups: ['a', 'b'], admin: false, scope: 'read write' })).toEqual({
      jwt: { claims: { sub: 'broker-a', exp: '1700000000', groups: '[a b]', admin: 'false', scope: 'read write' }, scopes: ['read', 'write'] },
    });
  });

  it('merges headers, multiValueHeaders and cookies, lower-casing names', () => {
    const response = toHttpResponse({
      statusCode: 201,
      headers: { 'X-One': 1, Location: '/v1/requests/r1' },
      multiValueHeaders: { 'X-Many': ['a', 'b'] },
      cookies: ['c=1'],
      body: 'ok',
    } as never);

    expect(response).toEqual({
      statusCode: 201,
      headers: { 'x-one': '1', location: '/v1/requests/r1', 'x-many': ['a', 'b'], 'set-cookie': ['c=1'] },
      body: Buffer.from('ok'),
    });
  });

  it('refuses a statusCode that is no HTTP status', () => {
    expect(() => toHttpResponse({ statusCode: 42 })).toThrow(InvalidProxyResultError);
  });
});
