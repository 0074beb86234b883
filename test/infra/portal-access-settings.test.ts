/** The stack's settings from CDK context: a derived default, lists, and a clear failure. */
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { InvalidSettingsError, portalAccessSettings } from '../../infra/portal-access-settings.js';

const settingsWith = (context: Record<string, unknown>) => portalAccessSettings(new App({ context }));

describe('portal-access settings (CDK context)', () => {
  it('lets the portal tokens’ issuer follow the brokers’ issuer unless it is set', () => {
    expect(settingsWith({}).portalJwtIssuer).toBe(settingsWith({}).brokerJwtIssuer);
    expect(settingsWith({ brokerJwtIssuer: 'https://idp.example.be/' }).portalJwtIssuer).toBe('https://idp.example.be/');
    const both = settingsWith({ brokerJwtIssuer: 'https://idp.example.be/', portalJwtIssuer: 'https://portal-idp.example.be/' });
    expect([both.brokerJwtIssuer, both.portalJwtIssuer]).toEqual(['https://idp.example.be/', 'https://portal-idp.example.be/']);
  });

  it('takes audiences as a list or as one comma-separated string (as `cdk -c` gives it), and refuses an empty one', () => {
    expect(settingsWith({ brokerJwtAudience: 'brokers, dashboard,' }).brokerJwtAudience).toEqual(['brokers', 'dashboard']);
    expect(settingsWith({ portalJwtAudience: ['portal', 'portal-v2'] }).portalJwtAudience).toEqual(['portal', 'portal-v2']);
    expect(() => settingsWith({ portalJwtAudience: ' , ' })).toThrow(/portalJwtAudience/);
  });

  it('fails naming the setting when a value is invalid', () => {
    expect(() => settingsWith({ mailFrom: 'not an address' })).toThrow(InvalidSettingsError);
    expect(() => settingsWith({ mailFrom: 'not an address' })).toThrow(/mailFrom/);
    expect(() => settingsWith({ brokerJwtIssuer: 'nope' })).toThrow(/brokerJwtIssuer/);
    expect(() => settingsWith({ retention: { afterAccessEndsDays: 0 } })).toThrow(/retention\.afterAccessEndsDays/);
  });
});
