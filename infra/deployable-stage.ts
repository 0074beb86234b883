/**
 * Whether a stage may go to AWS: `npm run deploy` (scripts/deploy.ts) asks here before it
 * runs `cdk deploy`. A test-only stage, or any value under `.test` (RFC 6761), stays on this
 * machine: it would deploy a product that mails nobody and trusts tokens from nowhere.
 */
import { ProductError } from '../functions/errors/product-error.js';
import { reservedDomainProblems, stageFileName, type PortalAccessSettings } from './portal-access-settings.js';

/** Thrown when a stage must not be deployed; the message says why and what to change. */
export class StageNotDeployableError extends ProductError<{ readonly stage: string; readonly settings: readonly string[] }> {
  override readonly name = 'StageNotDeployableError';
}

/**
 * @throws StageNotDeployableError when the stage is test-only or a value is under `.test`
 */
export function assertDeployable(settings: PortalAccessSettings): void {
  const source = stageFileName(settings.stage);
  const testValues = reservedDomainProblems(settings, false);
  const reasons = [
    ...(settings.testOnly ? [`${source} says "testOnly": true: this stage is for tests and the local stack only`] : []),
    ...testValues.map((problem) => problem.message),
  ];
  if (reasons.length === 0) return;
  throw new StageNotDeployableError(
    `Stage ${settings.stage} is not deployed:\n - ${reasons.join('\n - ')}\nWrite a stage of your own (docs/deploy.md, "Your stage's settings") and deploy that.`,
    { stage: settings.stage, settings: [...(settings.testOnly ? ['testOnly'] : []), ...testValues.map((problem) => problem.setting)] },
  );
}
