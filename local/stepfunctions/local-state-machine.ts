/**
 * A state machine of the template made ready to run: its definition rewritten for the
 * library, the library's interpreter over it, and the hash that pins the definition of
 * each execution (a journaled execution is never replayed on a different definition).
 */
import { createHash } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import type { TemplateFunction, TemplateStateMachine } from './asl-from-template.js';
import { canonicalJson } from '../../functions/domain/canonical-json.js';
import { prepareDefinition, type TaskState } from './task-states.js';

export interface LocalStateMachine {
  readonly template: TemplateStateMachine;
  readonly interpreter: StateMachine;
  readonly tasks: ReadonlyMap<string, TaskState>;
  /** By logical id, which is the function name in the fake ARNs. */
  readonly functionsByName: ReadonlyMap<string, TemplateFunction>;
  /** The execution's timeout (the definition's top-level `TimeoutSeconds`), enforced on the runtime's clock. */
  readonly executionTimeoutSeconds: number | undefined;
  /** SHA-256 of the resolved definition (before the local rewrite). */
  readonly definitionHash: string;
}

export function prepareLocalStateMachine(template: TemplateStateMachine): LocalStateMachine {
  const { asl, tasks, executionTimeoutSeconds } = prepareDefinition(template.asl);
  return {
    template,
    // JSONPath validation is the deploy's job; the local rewrite keeps the definition valid otherwise.
    interpreter: new StateMachine(asl, { validationOptions: { checkPaths: false } }),
    tasks,
    executionTimeoutSeconds,
    functionsByName: new Map(Object.values(template.functions).map((fn) => [fn.logicalId, fn])),
    definitionHash: createHash('sha256').update(canonicalJson(template.asl)).digest('hex'),
  };
}
