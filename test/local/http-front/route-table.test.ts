import { describe, expect, it } from 'vitest';
import { ROUTES, type RouteSpec } from '../../../catalog/route-catalog.js';
import { compileRouteTable, RouteTableError } from '../../../local/http-front/route-table.js';

describe('compileRouteTable', () => {
  const table = compileRouteTable(ROUTES);

  it('matches every catalog route by method and template', () => {
    for (const route of ROUTES) {
      const path = route.path.replace(/\{(\w+)\}/g, 'x-$1');
      expect(table.match(route.method, path)?.routeKey).toBe(`${route.method} ${route.path}`);
    }
  });

  it('prefers a literal segment over a parameter, and backtracks to the parameter', () => {
    const routes: RouteSpec[] = [
      { operationId: 'getGrant', method: 'GET', path: '/v1/grants/{grantId}', function: 'PortalApi', auth: 'portal' },
      { operationId: 'latestGrant', method: 'GET', path: '/v1/grants/latest', function: 'BrokerApi', auth: 'broker' },
      { operationId: 'latestGrantX', method: 'POST', path: '/v1/grants/latest/x', function: 'BrokerApi', auth: 'broker' },
      { operationId: 'revokeGrant', method: 'POST', path: '/v1/grants/{grantId}/revoke', function: 'BrokerApi', auth: 'broker' },
    ];
    const own = compileRouteTable(routes);

    expect(own.match('GET', '/v1/grants/latest')?.routeKey).toBe('GET /v1/grants/latest');
    expect(own.match('GET', '/v1/grants/g1')).toMatchObject({ routeKey: 'GET /v1/grants/{grantId}', pathParameters: { grantId: 'g1' } });
    expect(own.match('POST', '/v1/grants/latest/revoke')).toMatchObject({ pathParameters: { grantId: 'latest' } });
  });

  it('decodes parameters, and never matches an empty segment or a trailing slash', () => {
    expect(table.match('GET', '/sign/a%2Fb%20c')?.pathParameters).toEqual({ token: 'a/b c' });
    expect(table.match('GET', '/sign/')).toBeUndefined();
    expect(table.match('GET', '/sign//form.pdf')).toBeUndefined();
    expect(table.match('GET', '/v1/requests/')).toBeUndefined();
    expect(table.match('HEAD', '/v1/requests')).toBeUndefined();
  });

  it('refuses duplicate routes and two parameter names at one place', () => {
    const route: RouteSpec = { operationId: 'getA', method: 'GET', path: '/a/{id}', function: 'BrokerApi', auth: 'broker' };

    expect(() => compileRouteTable([route, route])).toThrow(RouteTableError);
    expect(() => compileRouteTable([route, { ...route, path: '/a/{other}/b' }])).toThrow(/\{other\} and \{id\}/);
  });
});
