/**
 * The dashboard's static files, `GET /dashboard/assets/{file}`: its style sheet (built here from
 * dashboard-style.ts) and its browser script (built by esbuild from functions/dashboard/client/
 * into DASHBOARD_ASSET_DIR: by the function's bundling on AWS, by the local stack here). Each is
 * linked with its content's hash (`?v=`), so a browser may keep it for a year and a new
 * deployment is fetched at once. API Gateway's HTTP APIs do not compress, so the asset is sent
 * gzipped (compressed once per container) to a browser that takes it: the script shrinks from
 * about 260 KB to 75 KB.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { config } from '../config/config.js';
import type { HttpResult } from '../http/http-response.js';
import { DASHBOARD_STYLE } from './dashboard-style.js';

/** The files the dashboard serves, and their types. */
const ASSET_TYPES = {
  'dashboard.css': 'text/css; charset=utf-8',
  'dashboard-client.js': 'text/javascript; charset=utf-8',
} as const;

export type AssetName = keyof typeof ASSET_TYPES;

interface Asset {
  readonly body: string;
  readonly gzipped: Buffer;
  readonly version: string;
}

const loaded = new Map<AssetName, Asset | undefined>();

function isAssetName(name: string): name is AssetName {
  return Object.hasOwn(ASSET_TYPES, name);
}

/** The asset's content, read once per container; undefined when this deployment has none (no script built). */
function asset(name: AssetName): Asset | undefined {
  if (!loaded.has(name)) {
    let body: string | undefined;
    if (name === 'dashboard.css') body = DASHBOARD_STYLE;
    else {
      const dir = config().DASHBOARD_ASSET_DIR;
      try {
        body = dir ? readFileSync(path.join(dir, name), 'utf8') : undefined;
      } catch {
        body = undefined;
      }
    }
    loaded.set(name, body === undefined ? undefined : { body, gzipped: gzipSync(body, { level: 9 }), version: createHash('sha256').update(body).digest('hex').slice(0, 16) });
  }
  return loaded.get(name);
}

/** The asset's URL with its version. */
export function assetUrl(name: AssetName): string {
  const found = asset(name);
  return `/dashboard/assets/${name}${found ? `?v=${found.version}` : ''}`;
}

/** The answer to `GET /dashboard/assets/{file}`: the file (gzipped when `acceptEncoding` allows), or 404 for any other name. */
export function assetAnswer(file: string, version: string | undefined, acceptEncoding = ''): HttpResult {
  const found = isAssetName(file) ? asset(file) : undefined;
  if (!isAssetName(file) || !found) {
    return { statusCode: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }, body: 'Not found' };
  }
  const gzip = /\bgzip\b/.test(acceptEncoding);
  return {
    statusCode: 200,
    headers: {
      'content-type': ASSET_TYPES[file],
      'x-content-type-options': 'nosniff',
      // A versioned link never changes; an unversioned one is checked again each time.
      'cache-control': version === found.version ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    },
    ...(gzip ? { body: found.gzipped.toString('base64'), isBase64Encoded: true } : { body: found.body }),
  };
}
