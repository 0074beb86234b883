/**
 * Builds the CDK app without synthesizing it: `infra/app.ts` (the CLI's entry), the tests
 * and the local stack all build the same app here.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PortalAccessStack } from './portal-access-stack.js';

/** The stack's id: `cdk deploy PortalAccess`. */
export const PORTAL_ACCESS_STACK_ID = 'PortalAccess';

/** Where the stack goes when the environment names no region. */
export const DEFAULT_REGION = 'eu-west-1';

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
  /** CDK context, e.g. SKIP_BUNDLING_CONTEXT or `{ mailFrom: '…' }` (see portal-access-settings.ts). */
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
 * The app with its one stack, `PortalAccess`, checked by cdk-nag's AwsSolutions pack when
 * synthesized (cdk-nag 3 runs as a CDK validation plugin; acknowledged rules are written into
 * each resource's `cdk_nag` metadata as an audit trail).
 */
export function buildPortalAccessApp(options: BuildPortalAccessAppOptions = {}): PortalAccessApp {
  const app = new App({
    context: { ...BASE_CONTEXT, ...options.context },
    ...(options.outdir ? { outdir: options.outdir } : {}),
    ...(options.builtinCloudFormationValidation === false ? { builtinCloudFormationValidation: false } : {}),
  });
  const region = process.env.CDK_DEPLOY_REGION ?? process.env.CDK_DEFAULT_REGION ?? DEFAULT_REGION;
  const account = process.env.CDK_DEPLOY_ACCOUNT ?? process.env.CDK_DEFAULT_ACCOUNT;
  const stack = new PortalAccessStack(app, PORTAL_ACCESS_STACK_ID, {
    env: { region, ...(account ? { account } : {}) },
    ...(options.projectRoot ? { projectRoot: options.projectRoot } : {}),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  return { app, stack };
}
