/** Which stages `npm run deploy` lets go to AWS: never a test-only one, never a `.test` value. */
import { describe, expect, it } from 'vitest';
import { assertDeployable, StageNotDeployableError } from '../../infra/deployable-stage.js';
import { parseSettings, stageSettings } from '../../infra/portal-access-settings.js';

const ACME = parseSettings(
  {
    stage: 'acme',
    region: 'eu-west-3',
    mailFrom: 'no-reply@mail.verzekeringen-acme.be',
    brokerDisplayName: 'Verzekeringen Acme',
    alarmEmail: 'it@verzekeringen-acme.be',
    identity: { brokers: { kind: 'cognito', callbackUrls: ['https://dashboard.verzekeringen-acme.be/signed-in'] } },
  },
  'config/stages/acme.json',
);

describe('deployable stage', () => {
  it('lets a stage with real values and no testOnly go', () => {
    expect(() => assertDeployable(ACME)).not.toThrow();
  });

  it('refuses the test stage, saying its file marks it test-only', () => {
    const refusal = (() => {
      try {
        assertDeployable(stageSettings({ stage: 'test' }));
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(StageNotDeployableError);
    expect((refusal as StageNotDeployableError).message).toMatch(/config\/stages\/test\.json says "testOnly": true/);
    expect((refusal as StageNotDeployableError).details.settings).toContain('testOnly');
  });

  it('refuses any value under .test even when testOnly is not set, naming it', () => {
    const sneaky = { ...ACME, alarmEmail: 'alarms@acme.test', retention: { ...ACME.retention } };
    expect(() => assertDeployable(sneaky)).toThrow(/alarmEmail: "alarms@acme\.test" is under \.test/);
  });
});
