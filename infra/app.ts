/**
 * The CDK CLI's entry (`cdk.json`: `npx tsx infra/app.ts`): builds the app and synthesizes it.
 * Anything else that needs the app imports buildPortalAccessApp instead.
 */
import { buildPortalAccessApp } from './portal-access-app.js';

buildPortalAccessApp().app.synth();
