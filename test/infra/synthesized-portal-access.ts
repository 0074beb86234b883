/**
 * The PortalAccess app as the tests see it: built by buildPortalAccessApp like the CLI's
 * app, without esbuild bundling and without CDK's slow built-in schema validation, then
 * synthesized once (cdk-nag runs during that synth).
 */
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPortalAccessApp, SKIP_BUNDLING_CONTEXT, type PortalAccessApp } from '../../infra/portal-access-app.js';

export interface SynthesizedPortalAccess extends PortalAccessApp {
  readonly assembly: CloudAssembly;
  readonly template: Template;
  /** Removes the cloud assembly's temporary directory. */
  readonly cleanUp: () => void;
}

export function synthesizePortalAccess(context: Record<string, unknown> = {}): SynthesizedPortalAccess {
  const outdir = mkdtempSync(join(tmpdir(), 'portal-access-synth-'));
  const built = buildPortalAccessApp({
    context: { ...SKIP_BUNDLING_CONTEXT, ...context },
    outdir,
    builtinCloudFormationValidation: false,
  });
  const assembly = built.app.synth();
  return {
    ...built,
    assembly,
    template: Template.fromStack(built.stack),
    cleanUp: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/** The logical id of the resource at construct path `path` (below the stack), e.g. `Functions/BrokerApi/Function`. */
export function logicalIdAt(template: Template, path: string): string {
  const wanted = `PortalAccess/${path}/Resource`;
  const match = Object.entries(template.toJSON().Resources as Record<string, { Metadata?: Record<string, unknown> }>).find(
    ([, resource]) => resource.Metadata?.['aws:cdk:path'] === wanted,
  );
  if (!match) throw new Error(`no resource at ${wanted}`);
  return match[0];
}
