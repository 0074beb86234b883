/**
 * What a function evaluates at start-up and what it loads only when it needs it (issue 11, cold
 * start). The signer's routes and the signing service's callback verify a signed PDF with pdf-lib
 * and pkijs, which take about 20 ms to evaluate; the signer's page, the uploads and the callbacks
 * that carry no signed PDF do not need them, so receive-signature.ts imports the verification on
 * the first file it receives; the dashboard imports each group of pages, and the broker's and the signer's APIs each route, with its first request.
 * Read from esbuild's own account of the bundle it makes (its
 * metafile), as the CDK builds the function: the modules reached from the handler through static
 * imports are evaluated at start-up; those behind a dynamic `import()` only when it runs.
 */
import { build, type Metafile } from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionId } from '../../catalog/function-catalog.js';
import { lambdaBuildOptions } from '../../scripts/lambda-build.js';
import { PROJECT_ROOT } from '../../scripts/synthesized-bundles.js';

/** The bundle's inputs reached from its entry: through static imports only, and through any import. */
async function reachedFrom(id: FunctionId): Promise<{ atStart: Set<string>; all: Set<string> }> {
  const result = await build({
    ...lambdaBuildOptions(PROJECT_ROOT),
    entryPoints: { index: path.join(PROJECT_ROOT, FUNCTIONS[id].entry) },
    absWorkingDir: PROJECT_ROOT,
    write: false,
    metafile: true,
    outdir: path.join(PROJECT_ROOT, '.local', 'deferred-modules-check'),
    logLevel: 'silent',
  });
  const inputs: Metafile['inputs'] = result.metafile.inputs;
  const closure = (followDynamic: boolean): Set<string> => {
    const seen = new Set<string>();
    const queue: string[] = [FUNCTIONS[id].entry];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file) || !inputs[file]) continue;
      seen.add(file);
      for (const edge of inputs[file].imports) if (followDynamic || edge.kind !== 'dynamic-import') queue.push(edge.path);
    }
    return seen;
  };
  return { atStart: closure(false), all: closure(true) };
}

const VERIFICATION = /node_modules\/(pdf-lib|pkijs|asn1js)\//;

describe('modules loaded on first use, not at start-up', () => {
  it.each(['SignerApi', 'SigningServiceCallback'] as const)('%s evaluates pdf-lib and pkijs only with the first signed file it receives', async (id) => {
    const { atStart, all } = await reachedFrom(id);
    expect([...atStart].filter((file) => VERIFICATION.test(file))).toEqual([]);
    // Still in the bundle, behind receive-signature.ts's import().
    expect([...all].some((file) => file.includes('node_modules/pdf-lib/'))).toBe(true);
    expect([...all].some((file) => file.includes('node_modules/pkijs/'))).toBe(true);
    expect(all.has('functions/signatures/verify-signed-pdf.ts')).toBe(true);
  });

  it('DashboardApi evaluates each group of pages only with its first request', async () => {
    const { atStart, all } = await reachedFrom('DashboardApi');
    // Their style rules stay: the style sheet, one asset for every page, is built from them.
    const pages = /^functions\/dashboard\/(list\/|new-request\/|request\/|sign-in-routes\.ts)(?!.*-style\.ts$)/;
    expect([...atStart].filter((file) => pages.test(file))).toEqual([]);
    // Still in the bundle, behind dashboard-api.ts's import()s: one per group.
    for (const page of ['list/list-page.ts', 'new-request/new-request-page.ts', 'request/request-page.ts', 'request/request-actions.ts', 'sign-in-routes.ts']) {
      expect(all.has(`functions/dashboard/${page}`), page).toBe(true);
    }
    // The static files are served without loading a page.
    expect(atStart.has('functions/dashboard/assets.ts')).toBe(true);
  });

  it("BrokerApi evaluates each route's module only with its first request: listing requests loads no schema of a new request, no idempotency record, no reminder's texts", async () => {
    const { atStart, all } = await reachedFrom('BrokerApi');
    const deferred = /^functions\/http\/broker\/(submit-request|list-requests|get-request|get-document|get-evidence|cancel-request|remind-request|review-scan|revoke-grant|client-data)\.ts$|node_modules\/@aws-lambda-powertools\/idempotency\/|^functions\/messages\/texts-|^functions\/domain\/request-schema\.ts$/;
    expect([...atStart].filter((file) => deferred.test(file))).toEqual([]);
    expect([...all].filter((file) => /^functions\/http\/broker\/[a-z-]+\.ts$/.test(file) && deferred.test(file))).toHaveLength(10);
    expect([...all].some((file) => file.includes('node_modules/@aws-lambda-powertools/idempotency/'))).toBe(true);
  });

  it("SignerApi evaluates each route's module only with its first request; the unusable link's page and a direct body's 413 stay at start-up", async () => {
    const { atStart, all } = await reachedFrom('SignerApi');
    const routes = ['signing-page', 'upload-scan', 'create-upload', 'confirm-upload', 'advanced-signing', 'decline'].map((name) => `functions/http/signer/${name}.ts`);
    expect(routes.filter((file) => atStart.has(file))).toEqual([]);
    expect(routes.filter((file) => all.has(file))).toEqual(routes);
    expect(atStart.has('functions/http/link-pages.ts')).toBe(true);
    expect(atStart.has('functions/http/signer/direct-body-limit.ts')).toBe(true);
  });
});
