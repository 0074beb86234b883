/** The stack's settings from CDK context: defaults, lists, and a clear failure. */
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { InvalidSettingsError, portalAccessSettings } from '../../infra/portal-access-settings.js';

const settingsWith = (context: Record<string, unknown>) => portalAccessSettings(new App({ context }));

describe('portal-access settings (CDK context)', () => {
  it('defaults the sender, the JWT issuers and audiences, and the log level', () => {
    const settings = settingsWith({});
    expect(settings.mailFrom).toBe('no-reply@portal-access.example.be');
    expect(settings.brokerJwtAudience).toEqual(['brokers']);
    expect(settings.portalJwtAudience).toEqual(['portal']);
    expect(settings.portalJwtIssuer).toBe(settings.brokerJwtIssuer);
    expect(settings.logLevel).toBe('INFO');
    expect(settings.publicBaseUrl).toBeUndefined();
    expect(settings.workflowTiming).toEqual({});
  });

  it('takes audiences as a list or as one comma-separated string (as `cdk -c` gives it)', () => {
    expect(settingsWith({ brokerJwtAudience: 'brokers, dashboard' }).brokerJwtAudience).toEqual(['brokers', 'dashboard']);
    expect(settingsWith({ portalJwtAudience: ['portal', 'portal-v2'] }).portalJwtAudience).toEqual(['portal', 'portal-v2']);
  });

  it('fails naming the setting when a value is invalid', () => {
    expect(() => settingsWith({ mailFrom: 'not an address' })).toThrow(InvalidSettingsError);
    expect(() => settingsWith({ mailFrom: 'not an address' })).toThrow(/mailFrom/);
    expect(() => settingsWith({ brokerJwtIssuer: 'nope' })).toThrow(/brokerJwtIssuer/);
  });
});
