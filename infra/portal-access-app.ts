/**
 * Builds the CDK app without synthesizing it: `infra/app.ts` (the CLI's entry), the tests
 * and the local stack all build the same app here, for the stage the context names
 * (`-c stage=<name>`, default `test`; its settings: `config/stages/<name>.json`).
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { portalAccessSettings, type PortalAccessSettings } from './portal-access-settings.js';
import { PortalAccessStack } from './portal-access-stack.js';
import { portalAccessStackId } from './stage-names.js';

export { portalAccessStackId };

/**
 * Context this app relies on, set here so that the CLI, the tests and the local stack build
 * the same template (cdk.json and `options.context` may add to it).
 */
export const BASE_CONTEXT: Readonly<Record<string, unknown>> = {
  // Access-log delivery to a bucket with ACLs disabled needs a bucket policy, not the legacy ACL.
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  // `aws:cdk:path` on every resource (the CLI sets it too): the local stack finds each
  // function by its construct path, not by its hash-suffixed logical id.
  'aws:cdk:enable-path-metadata': true,
};

/** Context that skips esbuild bundling for every stack (tests, the local stack). */
export const SKIP_BUNDLING_CONTEXT = { 'aws:cdk:bundling-stacks': [] } as const;

export interface BuildPortalAccessAppOptions {
  /** CDK context, e.g. SKIP_BUNDLING_CONTEXT, `{ stage: 'test-b' }` or a setting's override `{ publicBaseUrl: '…' }` (see portal-access-settings.ts). */
  readonly context?: Record<string, unknown>;
  /** Where synth writes the cloud assembly. @default the CLI's choice, or a temporary directory */
  readonly outdir?: string;
  /** Where the catalog's entry files are looked up. @default the project root */
  readonly projectRoot?: string;
  /**
   * CDK's own CloudFormation schema validation at synth: thorough but about 20 s; tests and
   * the local stack, which check the template their own way, turn it off.
   * @default true
   */
  readonly builtinCloudFormationValidation?: boolean;
}

export interface PortalAccessApp {
  readonly app: App;
  readonly stack: PortalAccessStack;
}

/**
 * The app with the one stack of its stage, `PortalAccess-<stage>`, checked by cdk-nag's
 * AwsSolutions pack when synthesized (cdk-nag 3 runs as a CDK validation plugin; acknowledged
 * rules are written into each resource's `cdk_nag` metadata as an audit trail).
 * @throws InvalidSettingsError when the stage's settings are missing, invalid or placeholders
 */
export function buildPortalAccessApp(options: BuildPortalAccessAppOptions = {}): PortalAccessApp {
  const app = new App({
    context: { ...BASE_CONTEXT, ...options.context },
    ...(options.outdir ? { outdir: options.outdir } : {}),
    ...(options.builtinCloudFormationValidation === false ? { builtinCloudFormationValidation: false } : {}),
  });
  const stack = addPortalAccessStack(app, portalAccessSettings(app), options.projectRoot);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  return { app, stack };
}

/**
 * Adds the stack of one stage to `app`. Its region is the stage's, whatever the CLI's
 * CDK_DEFAULT_REGION says (the CLI always sets one: the profile's); its account is the CLI's
 * CDK_DEFAULT_ACCOUNT when credentials gave one, else the stack is account-agnostic (synth
 * without credentials).
 */
export function addPortalAccessStack(app: App, settings: PortalAccessSettings, projectRoot?: string): PortalAccessStack {
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  return new PortalAccessStack(app, portalAccessStackId(settings.stage), {
    settings,
    env: { region: settings.region, ...(account ? { account } : {}) },
    ...(projectRoot ? { projectRoot } : {}),
  });
}
