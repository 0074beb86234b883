/**
 * The PortalAccess app as the tests see it: built by buildPortalAccessApp like the CLI's
 * app, for the `test` stage unless the context names another, without esbuild bundling and
 * without CDK's slow built-in schema validation, then synthesized once (cdk-nag runs during
 * that synth).
 */
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPortalAccessApp, portalAccessStackId, SKIP_BUNDLING_CONTEXT, type PortalAccessApp } from '../../infra/portal-access-app.js';
import { DEFAULT_STAGE } from '../../infra/portal-access-settings.js';

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

/**
 * The logical id of the resource at construct path `path` below the stack of `stage`, e.g.
 * `Functions/BrokerApi/Function` (`PortalAccess-test/Functions/BrokerApi/Function/Resource`).
 */
export function logicalIdAt(template: Template, path: string, stage: string = DEFAULT_STAGE): string {
  const wanted = `${portalAccessStackId(stage)}/${path}/Resource`;
  const match = Object.entries(template.toJSON().Resources as Record<string, { Metadata?: Record<string, unknown> }>).find(
    ([, resource]) => resource.Metadata?.['aws:cdk:path'] === wanted,
  );
  if (!match) throw new Error(`no resource at ${wanted}`);
  return match[0];
}
