import { describe, expect, it } from 'vitest';
import {
  formatRequestTime,
  InvalidProxyResultError,
  isTextContentType,
  jwtAuthorizerContext,
  newApiRequestId,
  toHttpResponse,
} from '../../../local/http-front/proxy-event.js';

describe('payload format 2.0 translation', () => {
  it('passes JSON, XML and text bodies as text, whatever their parameters or case', () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/problem+json', 'text/html', 'application/xml']) {
      expect(isTextContentType(type), type).toBe(true);
    }
  });

  it('base64-encodes every other body: PDF, images, forms, and a body without a type', () => {
    for (const type of ['application/pdf', 'image/png', 'application/octet-stream', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
      expect(isTextContentType(type), String(type)).toBe(false);
    }
  });

  it('formats requestContext.time as API Gateway does', () => {
    expect(formatRequestTime(new Date('2026-03-05T09:03:08Z'))).toBe('05/Mar/2026:09:03:08 +0000');
  });

  it('formats each second anew, and a second already formatted alike (it is remembered)', () => {
    const times = ['2026-03-05T09:03:08.100Z', '2026-03-05T09:03:08.900Z', '2026-03-05T09:03:09.000Z', '2026-03-05T09:03:08.500Z'];

    expect(times.map((time) => formatRequestTime(new Date(time)))).toEqual([
      '05/Mar/2026:09:03:08 +0000',
      '05/Mar/2026:09:03:08 +0000',
      '05/Mar/2026:09:03:09 +0000',
      '05/Mar/2026:09:03:08 +0000',
    ]);
  });

  it('makes request ids shaped as API Gateway\'s (10 random bytes, base64), each one different', () => {
    const ids = Array.from({ length: 1000 }, () => newApiRequestId());

    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9+/]{14}==$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gives each event its own copy of a token's claims: a handler that changes them changes no other event's", () => {
    const claims = { sub: 'portal', scope: 'portal/read' };

    const first = jwtAuthorizerContext(claims);
    first.jwt.claims['sub'] = 'changed';
    first.jwt.scopes?.push('admin');
    const second = jwtAuthorizerContext(claims);

    expect(second).toEqual({ jwt: { claims: { sub: 'portal', scope: 'portal/read' }, scopes: ['portal/read'] } });
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
