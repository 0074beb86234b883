import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FUNCTIONS, type FunctionId } from '../../catalog/function-catalog.js';
import {
  catalogFunctionAt,
  catalogLambdaSettings,
  lambdaContext,
  UnsupportedLambdaCallbackError,
} from '../../local/lambda-context.js';

const FUNCTION_IDS = Object.keys(FUNCTIONS) as FunctionId[];

describe('lambdaContext', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-28T10:00:00Z') });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts the remaining time down from the timeout, to 0 and not below', () => {
    // Prepare
    const context = lambdaContext({ functionName: 'SignerApi', timeoutMs: 20_000, memoryMb: 256, region: 'eu-west-1' });

    // Act
    const remaining = [context.getRemainingTimeInMillis()];
    for (const step of [1, 12_499, 7_500, 5_000]) {
      vi.advanceTimersByTime(step);
      remaining.push(context.getRemainingTimeInMillis());
    }

    // Assess
    expect(remaining).toEqual([20_000, 19_999, 7_500, 0, 0]);
  });

  it('counts each invocation from its own start', () => {
    const first = lambdaContext({ functionName: 'GenerateForm', timeoutMs: 60_000, memoryMb: 1024, region: 'eu-west-1' });
    vi.advanceTimersByTime(45_000);
    const second = lambdaContext({ functionName: 'GenerateForm', timeoutMs: 60_000, memoryMb: 1024, region: 'eu-west-1' });

    expect([first.getRemainingTimeInMillis(), second.getRemainingTimeInMillis()]).toEqual([15_000, 60_000]);
  });

  it('names the function in its ARN, log group and memory, with a fresh request id per invocation', () => {
    const options = { functionName: 'PortalApi', timeoutMs: 20_000, memoryMb: 512, region: 'eu-central-1', accountId: '123456789012' };
    const context = lambdaContext(options);

    expect(context).toMatchObject({
      functionName: 'PortalApi',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:PortalApi',
      memoryLimitInMB: '512',
      logGroupName: '/aws/lambda/PortalApi',
    });
    expect(context.logStreamName).toMatch(/^2026\/11\/28\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(lambdaContext(options).awsRequestId).not.toBe(context.awsRequestId);
    expect(lambdaContext({ ...options, accountId: undefined }).invokedFunctionArn).toBe('arn:aws:lambda:eu-central-1:000000000000:function:PortalApi');
  });

  it('refuses the callback-style completion, which async handlers never need', () => {
    const context = lambdaContext({ functionName: 'BrokerApi', timeoutMs: 20_000, memoryMb: 256, region: 'eu-west-1' });

    expect(() => context.succeed('done')).toThrow(UnsupportedLambdaCallbackError);
    expect(() => context.done()).toThrow(UnsupportedLambdaCallbackError);
  });
});

describe('catalogLambdaSettings', () => {
  it('gives every API function less time than API Gateway’s 30 s integration limit, so the function, not the gateway, times out', () => {
    const apiFunctions = FUNCTION_IDS.filter((functionId) => FUNCTIONS[functionId].kind === 'api');

    expect(apiFunctions.length).toBeGreaterThan(0);
    for (const functionId of apiFunctions) expect(catalogLambdaSettings(functionId).timeoutMs, functionId).toBeLessThan(30_000);
  });
});

describe('catalogFunctionAt', () => {
  it('finds every catalog function from the construct path of its synthesized function', () => {
    for (const functionId of FUNCTION_IDS) {
      expect(catalogFunctionAt(`PortalAccess-test/Functions/${functionId}/Function/Resource`), functionId).toBe(functionId);
    }
  });

  it('finds nothing for a path without a catalog id, or no path', () => {
    expect(catalogFunctionAt('Sample/Functions/Notify/Resource')).toBeUndefined();
    expect(catalogFunctionAt('PortalAccess-test/Functions/GenerateFormX/Function/Resource')).toBeUndefined();
    expect(catalogFunctionAt(undefined)).toBeUndefined();
  });
});
