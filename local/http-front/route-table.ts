/**
 * Matches a request to a route the way an API Gateway HTTP API does: by method and path,
 * `{name}` standing for one whole path segment, a literal segment winning over a parameter.
 * Compiled once into a segment tree, so a match costs one walk down the path.
 */
import { routeKeyOf, type RouteSpec } from '../../catalog/route-catalog.js';
import { LocalStackError } from '../local-stack-error.js';

export interface RouteMatch {
  readonly route: RouteSpec;
  /** `"POST /v1/requests/{id}/cancel"`, as API Gateway names it. */
  readonly routeKey: string;
  /** Decoded values of the path's `{name}` segments. */
  readonly pathParameters: Readonly<Record<string, string>>;
}

export interface RouteTable {
  /** The route for `method` and a raw (still percent-encoded) path, or undefined. */
  match(method: string, rawPath: string): RouteMatch | undefined;
}

/** Two routes with the same method and path shape, or a path API Gateway would refuse. */
export class RouteTableError extends LocalStackError {
  override readonly name = 'RouteTableError';
}

interface SegmentNode {
  readonly literals: Map<string, SegmentNode>;
  parameter: { readonly name: string; readonly node: SegmentNode } | undefined;
  readonly routes: Map<string, { readonly route: RouteSpec; readonly routeKey: string }>;
}

const newNode = (): SegmentNode => ({ literals: new Map(), parameter: undefined, routes: new Map() });

/** @throws RouteTableError on a duplicate route or a malformed path */
export function compileRouteTable(routes: readonly RouteSpec[]): RouteTable {
  const root = newNode();
  for (const route of routes) {
    if (!route.path.startsWith('/')) throw new RouteTableError(`route path must start with "/": ${route.path}`);
    let node = root;
    for (const segment of splitPath(route.path)) {
      const parameter = /^\{([A-Za-z0-9_]+)\}$/.exec(segment)?.[1];
      if (parameter) {
        if (node.parameter && node.parameter.name !== parameter) {
          throw new RouteTableError(`{${parameter}} and {${node.parameter.name}} at the same place: ${route.path}`);
        }
        node.parameter ??= { name: parameter, node: newNode() };
        node = node.parameter.node;
      } else {
        if (/[{}]/.test(segment)) throw new RouteTableError(`unsupported path segment "${segment}" in ${route.path}`);
        let next = node.literals.get(segment);
        if (!next) node.literals.set(segment, (next = newNode()));
        node = next;
      }
    }
    const routeKey = routeKeyOf(route);
    if (node.routes.has(route.method)) throw new RouteTableError(`duplicate route ${routeKey}`);
    node.routes.set(route.method, { route, routeKey });
  }

  return {
    match(method, rawPath) {
      const segments = splitPath(rawPath);
      const values: string[] = [];
      const names: string[] = [];
      const found = walk(root, segments, 0, method, names, values);
      if (!found) return undefined;
      const pathParameters: Record<string, string> = {};
      names.forEach((name, i) => (pathParameters[name] = values[i] ?? ''));
      return { route: found.route, routeKey: found.routeKey, pathParameters };
    },
  };
}

function walk(
  node: SegmentNode,
  segments: readonly string[],
  index: number,
  method: string,
  names: string[],
  values: string[],
): { route: RouteSpec; routeKey: string } | undefined {
  if (index === segments.length) return node.routes.get(method);
  const raw = segments[index] ?? '';
  const literal = node.literals.get(raw) ?? node.literals.get(safeDecode(raw));
  if (literal) {
    const found = walk(literal, segments, index + 1, method, names, values);
    if (found) return found;
  }
  // A parameter takes one non-empty segment.
  if (node.parameter && raw !== '') {
    names.push(node.parameter.name);
    values.push(safeDecode(raw));
    const found = walk(node.parameter.node, segments, index + 1, method, names, values);
    if (found) return found;
    names.pop();
    values.pop();
  }
  return undefined;
}

/** `/a/b` → ['a', 'b']; `/` → []; `/a/` → ['a', ''] (a trailing slash is a different path). */
function splitPath(path: string): string[] {
  return path === '/' ? [] : path.slice(1).split('/');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
