/**
 * The settings of a stage: its file, CDK context's overrides, required settings without
 * defaults, placeholders refused, `.test` only for a test-only stage, regions, and clear
 * failures that name each setting.
 */
import { App } from 'aws-cdk-lib';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  EU_REGIONS,
  InvalidSettingsError,
  parseSettings,
  portalAccessSettings,
  REQUIRED_SETTINGS,
  SETTING_NAMES,
  stageSettings,
} from '../../infra/portal-access-settings.js';

/** The test stage's settings with `context` as CDK context. */
const settingsWith = (context: Record<string, unknown>) => portalAccessSettings(new App({ context }));

/** A stage that could be deployed: real-looking values, not test-only. */
const DEPLOYABLE = {
  stage: 'acme',
  region: 'eu-central-1',
  mailFrom: 'no-reply@mail.verzekeringen-acme.be',
  brokerDisplayName: 'Verzekeringen Acme',
  alarmEmail: 'it@verzekeringen-acme.be',
  identity: { brokers: { kind: 'cognito', callbackUrls: ['https://dashboard.verzekeringen-acme.be/signed-in'] } },
};

/** Refusal of `raw`: the error, so a test can read its message and the settings it names. */
function refusalOf(raw: Record<string, unknown>): InvalidSettingsError {
  try {
    parseSettings(raw, 'config/stages/acme.json');
  } catch (error) {
    if (error instanceof InvalidSettingsError) return error;
    throw error;
  }
  throw new Error('the settings were accepted');
}

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A project root whose `config/stages/` holds the given files. */
function projectWith(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'portal-access-stages-'));
  roots.push(root);
  mkdirSync(join(root, 'config', 'stages'), { recursive: true });
  for (const [stage, content] of Object.entries(files)) {
    writeFileSync(join(root, 'config', 'stages', `${stage}.json`), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

describe('portal-access settings', () => {
  describe('the stage file', () => {
    it('reads config/stages/test.json when the context names no stage: test-only, in eu-west-1, under .test', () => {
      const settings = settingsWith({});
      expect(settings).toMatchObject({
        stage: 'test',
        testOnly: true,
        region: 'eu-west-1',
        mailFrom: 'no-reply@portal-access.test',
        brokerDisplayName: 'Verzekeringen Test',
        alarmEmail: 'alarms@portal-access.test',
      });
      expect(settings.allowedRegions).toEqual(EU_REGIONS);
    });

    it('reads the stage the context names (-c stage=…)', () => {
      expect(settingsWith({ stage: 'test-b' }).mailFrom).toBe('no-reply@test-b.portal-access.test');
    });

    it('lets the context override a setting, but never the stage or whether it is test-only', () => {
      expect(settingsWith({ brokerDisplayName: 'Makelaar Claes' }).brokerDisplayName).toBe('Makelaar Claes');
      expect(settingsWith({ testOnly: false }).testOnly).toBe(true);
      const root = projectWith({ acme: DEPLOYABLE });
      // A .test sender stays refused for a stage whose file does not say it is test-only.
      expect(() => stageSettings({ stage: 'acme', projectRoot: root, overrides: { testOnly: true, mailFrom: 'a@b.test' } })).toThrow(/mailFrom: "a@b\.test" is under \.test/);
    });

    it('names the file to write when a stage has none, and refuses a file whose stage is another', () => {
      const root = projectWith({ acme: { ...DEPLOYABLE, stage: 'prod' } });
      expect(() => stageSettings({ stage: 'nope', projectRoot: root })).toThrow(/stage "nope" has no settings file config\/stages\/nope\.json/);
      expect(() => stageSettings({ stage: 'acme', projectRoot: root })).toThrow(/stage is "prod", not "acme"/);
    });

    it('refuses a file that is not one JSON object', () => {
      const root = projectWith({ broken: '{ "stage": ', list: '[]' });
      expect(() => stageSettings({ stage: 'broken', projectRoot: root })).toThrow(/config\/stages\/broken\.json is not valid JSON/);
      expect(() => stageSettings({ stage: 'list', projectRoot: root })).toThrow(/must hold one JSON object/);
    });

    it('refuses a stage name that is not lowercase letters, digits and hyphens, at most 20', () => {
      for (const stage of ['Prod', 'prod_eu', 'a'.repeat(21), '-prod', '../test']) {
        expect(() => stageSettings({ stage }), stage).toThrow(InvalidSettingsError);
      }
      expect(refusalOf({ ...DEPLOYABLE, stage: 'Acme' }).details.settings).toContain('stage');
    });
  });

  describe('required settings', () => {
    it('accepts a complete stage that is not test-only', () => {
      const root = projectWith({ acme: DEPLOYABLE });
      expect(stageSettings({ stage: 'acme', projectRoot: root })).toMatchObject({ ...DEPLOYABLE, testOnly: false, logLevel: 'INFO' });
    });

    it('refuses a stage file without them, naming each missing setting and what to set', () => {
      const refusal = refusalOf({});
      expect([...refusal.details.settings].sort()).toEqual(Object.keys(REQUIRED_SETTINGS).sort());
      for (const [setting, what] of Object.entries(REQUIRED_SETTINGS)) {
        expect(refusal.message).toContain(`${setting} is missing: set ${what}`);
      }
      expect(Object.keys(REQUIRED_SETTINGS)).toEqual(expect.arrayContaining(['stage', 'region', 'mailFrom', 'brokerDisplayName', 'alarmEmail']));
    });

    it('names the one missing setting among valid ones', () => {
      const { brokerDisplayName: _, ...withoutName } = DEPLOYABLE;
      const refusal = refusalOf(withoutName);
      expect(refusal.details.settings).toEqual(['brokerDisplayName']);
      expect(refusal.message).toMatch(/config\/stages\/acme\.json/);
    });

    it('refuses a mistyped setting rather than ignoring it', () => {
      expect(refusalOf({ ...DEPLOYABLE, alarmEmails: 'x@verzekeringen-acme.be' }).message).toMatch(/alarmEmails/);
    });
  });

  describe('placeholders and test domains', () => {
    const PLACEHOLDERS = ['no-reply@portal-access.example.be', 'ops@example.com', 'a@mail.example.org', 'x@broker.example', 'y@example.net'];

    it('refuses a value under a documentation domain for any stage, test-only included, naming the setting', () => {
      for (const value of PLACEHOLDERS) {
        for (const testOnly of [false, true]) {
          const refusal = refusalOf({ ...DEPLOYABLE, testOnly, alarmEmail: value });
          expect(refusal.details.settings, value).toEqual(['alarmEmail']);
          expect(refusal.message, value).toContain(`alarmEmail: "${value}" is a placeholder`);
        }
      }
      const placeholderCallback = { brokers: { kind: 'cognito', callbackUrls: ['https://dashboard.portal-access.example.be/signed-in'] } };
      expect(refusalOf({ ...DEPLOYABLE, identity: placeholderCallback }).details.settings).toEqual(['identity.brokers.callbackUrls[0]']);
      expect(refusalOf({ ...DEPLOYABLE, publicBaseUrl: 'https://www.example.com/portal' }).details.settings).toEqual(['publicBaseUrl']);
    });

    it('allows .test values only in a test-only stage (RFC 6761)', () => {
      const underTest = { ...DEPLOYABLE, mailFrom: 'no-reply@portal-access.test', signingServiceUrl: 'https://sign.portal-access.test/api' };
      const refusal = refusalOf(underTest);
      expect([...refusal.details.settings].sort()).toEqual(['mailFrom', 'signingServiceUrl']);
      expect(refusal.message).toMatch(/only a test-only stage may use/);
      expect(parseSettings({ ...underTest, testOnly: true }, 'test').mailFrom).toBe('no-reply@portal-access.test');
    });

    it('leaves names that merely contain "example" or "test" alone', () => {
      const settings = parseSettings({ ...DEPLOYABLE, brokerDisplayName: 'Example & Test Verzekeringen', mailFrom: 'no-reply@examples.be' }, 'x');
      expect(settings.mailFrom).toBe('no-reply@examples.be');
    });
  });

  describe('region', () => {
    it('refuses a region outside allowedRegions, by default every region outside the EU', () => {
      for (const region of ['us-east-1', 'eu-west-2', 'eu-central-3']) {
        const refusal = refusalOf({ ...DEPLOYABLE, region });
        expect(refusal.details.settings, region).toEqual(['region']);
        expect(refusal.message, region).toMatch(/is not one of allowedRegions/);
      }
      expect(parseSettings({ ...DEPLOYABLE, region: 'eu-west-2', allowedRegions: ['eu-west-2'] }, 'x').region).toBe('eu-west-2');
      expect(refusalOf({ ...DEPLOYABLE, region: 'europe' }).message).toMatch(/region: an AWS region/);
    });
  });

  describe('the other settings', () => {
    it('fails naming the setting when a value is invalid', () => {
      expect(() => settingsWith({ mailFrom: 'not an address' })).toThrow(InvalidSettingsError);
      expect(() => settingsWith({ mailFrom: 'not an address' })).toThrow(/mailFrom/);
      expect(() => settingsWith({ identity: { brokers: { kind: 'cognito', callbackUrls: [] } } })).toThrow(/identity\.brokers\.callbackUrls/);
      expect(() => settingsWith({ retention: { afterAccessEndsDays: 0 } })).toThrow(/retention\.afterAccessEndsDays/);
    });
  });

  it('are each listed, with meaning and default, in docs/deploy.md', () => {
    const guide = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
    for (const name of SETTING_NAMES) expect(guide, name).toContain(`| \`${name}`);
  });
});
