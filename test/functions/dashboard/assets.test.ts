/** The dashboard's static files (functions/dashboard/assets.ts): versioned links, gzip, nothing else served. */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assetAnswer, assetUrl } from '../../../functions/dashboard/assets.js';
import { DASHBOARD_STYLE } from '../../../functions/dashboard/dashboard-style.js';

describe('dashboard assets', () => {
  const version = new URL(assetUrl('dashboard.css'), 'http://x').searchParams.get('v') ?? '';

  it('links the style sheet with its content hash, which a browser may keep for a year', () => {
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    const answer = assetAnswer('dashboard.css', version);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers?.['content-type']).toBe('text/css; charset=utf-8');
    expect(answer.headers?.['cache-control']).toContain('immutable');
    expect(answer.body).toBe(DASHBOARD_STYLE);
  });

  it('an old or missing version is checked again each time', () => {
    expect(assetAnswer('dashboard.css', 'old').headers?.['cache-control']).toBe('no-cache');
    expect(assetAnswer('dashboard.css', undefined).headers?.['cache-control']).toBe('no-cache');
  });

  it('sends it gzipped to a browser that takes gzip (API Gateway does not compress), the same bytes once unpacked', () => {
    const answer = assetAnswer('dashboard.css', version, 'gzip, deflate, br');
    expect(answer.headers?.['content-encoding']).toBe('gzip');
    expect(answer.isBase64Encoded).toBe(true);
    const unpacked = gunzipSync(Buffer.from(answer.body ?? '', 'base64')).toString('utf8');
    expect(unpacked).toBe(DASHBOARD_STYLE);
    expect(Buffer.from(answer.body ?? '', 'base64').length).toBeLessThan(Buffer.byteLength(DASHBOARD_STYLE));
  });

  it('serves no other name (no path into the bundle)', () => {
    for (const name of ['../index.mjs', 'dashboard.css/../x', 'package.json', '']) expect(assetAnswer(name, undefined).statusCode, name).toBe(404);
  });
});
