import { describe, expect, it } from 'vitest';
import { fakeLambdaArn, stateMachinesFromTemplate } from '../../../local/stepfunctions/asl-from-template.js';
import { insertTaskToken, LIBRARY_TASK_TIMEOUT_SECONDS, prepareDefinition, TASK_TOKEN_PLACEHOLDER } from '../../../local/stepfunctions/task-states.js';
import { SIGNATURE_ROUND_DAYS, synthesizeSampleWorkflow } from './sample-workflow.js';

describe('stateMachinesFromTemplate', () => {
  it('resolves the CDK definition into plain ASL with fake Lambda ARNs mapped to construct paths', () => {
    const [machine, ...others] = stateMachinesFromTemplate(synthesizeSampleWorkflow());

    expect(others).toHaveLength(0);
    expect(machine?.cdkPath).toBe('Sample/Workflow/Resource');
    expect(machine?.arn).toBe(`arn:aws:states:eu-west-1:000000000000:stateMachine:${machine?.logicalId}`);
    expect(JSON.stringify(machine?.asl)).not.toMatch(/Fn::|"Ref"/);
    const states = machine?.asl.States as Record<string, Record<string, unknown>>;
    expect(states.GenerateForm?.Resource).toMatch(/^arn:aws:lambda:eu-west-1:000000000000:function:FunctionsGenerateForm[0-9A-F]{8}$/);
    expect(states.RequestSignature?.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect(Object.values(machine?.functions ?? {}).map((fn) => fn.cdkPath).sort()).toEqual([
      'Sample/Functions/GenerateForm/Resource',
      'Sample/Functions/Notify/Resource',
      'Sample/Functions/RecordOutcome/Resource',
      'Sample/Functions/RequestActivation/Resource',
      'Sample/Functions/RequestSignature/Resource',
    ]);
    for (const [arn, fn] of Object.entries(machine?.functions ?? {})) expect(arn).toBe(fakeLambdaArn(fn.logicalId));
  }, 60_000);

  it('resolves Fn::Sub, pseudo parameters and DefinitionSubstitutions', () => {
    const template = {
      Resources: {
        Step1A2B3C4D: { Type: 'AWS::Lambda::Function', Properties: {}, Metadata: { 'aws:cdk:path': 'App/Functions/Step/Resource' } },
        MachineX: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            StateMachineName: 'named-machine',
            DefinitionString: {
              'Fn::Sub': [
                '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"${StepArn}","Next":"B"},"B":{"Type":"Task","Resource":"arn:${AWS::Partition}:states:::lambda:invoke","Parameters":{"FunctionName":"${fn}","Payload":{"region":"${AWS::Region}"}},"End":true}}}',
                { StepArn: { 'Fn::GetAtt': ['Step1A2B3C4D', 'Arn'] } },
              ],
            },
            DefinitionSubstitutions: { fn: { Ref: 'Step1A2B3C4D' } },
          },
          Metadata: { 'aws:cdk:path': 'App/Machine/Resource' },
        },
      },
    };

    const [machine] = stateMachinesFromTemplate(template);

    expect(machine?.name).toBe('named-machine');
    expect(machine?.asl).toEqual({
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: fakeLambdaArn('Step1A2B3C4D'), Next: 'B' },
        B: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'Step1A2B3C4D', Payload: { region: 'eu-west-1' } }, End: true },
      },
    });
    expect(machine?.functions).toEqual({ [fakeLambdaArn('Step1A2B3C4D')]: { logicalId: 'Step1A2B3C4D', cdkPath: 'App/Functions/Step/Resource' } });
  });
});

describe('prepareDefinition', () => {
  it('finds Tasks inside Map and Parallel, swaps $$.Task.Token for a placeholder and takes timeouts over', () => {
    const asl = {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'InBranch', States: { InBranch: { Type: 'Task', Resource: fakeLambdaArn('Fn'), End: true } } }],
          Next: 'Each',
        },
        Each: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'Wait',
            States: {
              Wait: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
                TimeoutSeconds: 60,
                Parameters: { FunctionName: fakeLambdaArn('Fn'), Payload: { 'taskToken.$': '$$.Task.Token', 'id.$': '$.id' } },
                End: true,
              },
            },
          },
          End: true,
        },
      },
    };

    const { asl: prepared, tasks } = prepareDefinition(asl);

    expect([...tasks.keys()].sort()).toEqual(['InBranch', 'Wait']);
    expect(tasks.get('Wait')).toMatchObject({ integration: 'lambda-invoke-wait-for-task-token', timeoutSeconds: 60 });
    expect(tasks.get('InBranch')).toMatchObject({ integration: 'lambda-direct', timeoutSeconds: undefined });
    const wait = (prepared.States.Each as unknown as { ItemProcessor: { States: { Wait: Record<string, unknown> } } }).ItemProcessor.States.Wait;
    expect(wait.TimeoutSeconds).toBe(LIBRARY_TASK_TIMEOUT_SECONDS);
    expect(wait.Parameters).toEqual({ FunctionName: fakeLambdaArn('Fn'), Payload: { taskToken: TASK_TOKEN_PLACEHOLDER, 'id.$': '$.id' } });
    expect(LIBRARY_TASK_TIMEOUT_SECONDS * 1000).toBeLessThan(2 ** 31);
    expect(insertTaskToken({ Payload: { taskToken: TASK_TOKEN_PLACEHOLDER, id: 1 } }, 'lst-x')).toEqual({ Payload: { taskToken: 'lst-x', id: 1 } });
    expect(asl.States.Each.ItemProcessor.States.Wait.TimeoutSeconds).toBe(60);
  });

  it('keeps the sample signature timeout for the binding to enforce', () => {
    const [machine] = stateMachinesFromTemplate(synthesizeSampleWorkflow());
    const { tasks } = prepareDefinition(machine?.asl ?? {});
    expect(tasks.get('RequestSignature')?.timeoutSeconds).toBe(SIGNATURE_ROUND_DAYS * 86_400);
  }, 60_000);
});
