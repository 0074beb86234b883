/**
 * zod's own messages in English where only `zod/mini` is loaded (functions/domain/zod-messages.ts):
 * each case runs in a fresh Node process, as a Lambda bundle or the dashboard's browser script
 * runs, because a process that has loaded classic zod anywhere (this test runner's has) already
 * speaks English.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/** The messages zod/mini gives for a too-short string and a wrong option, in a fresh process that loads `preload` first. */
function messagesInFreshProcess(preload: string | undefined): string[] {
  const script = [
    preload ? `await import(${JSON.stringify(preload)});` : '',
    "const z = await import('zod/mini');",
    "const short = z.string().check(z.minLength(2)).safeParse('a');",
    "const option = z.enum(['handwritten', 'eid']).safeParse('fax');",
    'console.log(JSON.stringify([short.error?.issues[0]?.message, option.error?.issues[0]?.message]));',
  ].join('\n');
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim()) as string[];
}

describe('zod-messages: zod/mini says its own rules in English', () => {
  it('without it, zod/mini alone says "Invalid input" for every rule (what the bundles answered before)', () => {
    expect(messagesInFreshProcess(undefined)).toEqual(['Invalid input', 'Invalid input']);
  });

  it('with it, the messages the API answers and the dashboard reads back (issue-words.ts)', () => {
    expect(messagesInFreshProcess(path.join(ROOT, 'functions/domain/zod-messages.ts'))).toEqual([
      'Too small: expected string to have >=2 characters',
      'Invalid option: expected one of "handwritten"|"eid"',
    ]);
  });
});
