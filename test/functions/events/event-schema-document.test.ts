/**
 * docs/events.md and docs/events.json describe exactly the events the code builds: each
 * detail-type's JSON Schema there equals the one rendered from its zod schema
 * (functions/events/event-schemas.ts), and accepts the events the builders make.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// ajv 6 (JSON Schema draft-07) is what node_modules holds; the events' schemas use only keywords
// draft-07 shares with 2020-12 (type, properties, required, enum, const, pattern, anyOf, format).
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildEventSchemaDocument, renderEventSchemaDocument, withEventsSection } from '../../../functions/events/event-schema-document.js';
import { PORTAL_EVENT_TYPES, PORTAL_EVENTS } from '../../../functions/events/event-schemas.js';
import { portalEvent } from '../../../functions/events/portal-event.js';

const read = (file: string): string => readFileSync(fileURLToPath(new URL(`../../../docs/${file}`, import.meta.url)), 'utf8');

/** The JSON block under each `### <detail-type>` heading of docs/events.md. */
function documentedSchemas(markdown: string): Map<string, unknown> {
  const schemas = new Map<string, unknown>();
  for (const match of markdown.matchAll(/^### (.+)\n(?:(?!^###? )[\s\S])*?```json\n([\s\S]*?)\n```/gm)) {
    const [, heading, json] = match;
    if (heading && json) schemas.set(heading, JSON.parse(json));
  }
  return schemas;
}

const zodSchemaOf = (type: (typeof PORTAL_EVENT_TYPES)[number]): unknown => {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(PORTAL_EVENTS[type].detail, { target: 'draft-2020-12', io: 'input' });
  return schema;
};

/** One event of each detail-type, as the builders make them. */
const AUDIT = { chain: 'request', seq: 3, hash: 'f'.repeat(64) } as const;
const IDS = { requestId: 'req_AbCdEfGhIjKlMnOpQrSt', brokerId: 'broker-a', clientRef: 'C-1001', at: '2026-11-20T09:30:00.000Z', audit: AUDIT };
const GRANT = { ...IDS, grantId: 'g_Policyholder0001', audit: { ...AUDIT, chain: 'grant' as const } };
const SAMPLES = [
  portalEvent('Request Submitted', { ...IDS, status: 'SUBMITTED' }),
  portalEvent('Request Status Changed', { ...IDS, from: 'AWAITING_REVIEW', to: 'AWAITING_ACTIVATION' }),
  portalEvent('Grant Created', { ...GRANT, status: 'pending', relation: 'insured', scope: { type: 'contracts', refs: ['POL-1'] } }),
  portalEvent('Grant Activated', { ...GRANT, from: 'pending', to: 'active' }),
  portalEvent('Grant Revoked', { ...GRANT, from: 'active', to: 'revoked', cause: 'revoked' }),
  portalEvent('Grant Expired', { ...GRANT, from: 'pending', to: 'expired' }),
];

describe('the events documentation (docs/events.md, docs/events.json)', () => {
  it("shows under each detail-type's heading exactly the JSON Schema of its zod schema, and no other detail-type", () => {
    const documented = documentedSchemas(read('events.md'));
    expect([...documented.keys()]).toEqual(PORTAL_EVENT_TYPES);
    for (const type of PORTAL_EVENT_TYPES) expect(documented.get(type), type).toEqual(zodSchemaOf(type));
  });

  it('is what `npm run event-schemas` writes (docs/events.json and the generated section of docs/events.md)', () => {
    const stale = 'docs/events.* are stale: run `npm run event-schemas` and commit the result';
    expect(read('events.json'), stale).toBe(renderEventSchemaDocument());
    expect(withEventsSection(read('events.md')), stale).toBe(read('events.md'));
  });

  it("lists in docs/events.json each detail-type's source and the schema of its detail", () => {
    const document = JSON.parse(read('events.json')) as { sources: string[]; detailTypes: Record<string, { source: string; detail: Record<string, unknown> }> };
    expect(document.sources).toEqual(['portal-access.requests', 'portal-access.grants']);
    for (const type of PORTAL_EVENT_TYPES) {
      const { $schema, ...detail } = document.detailTypes[type]!.detail;
      expect($schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(detail, type).toEqual(zodSchemaOf(type));
      expect(document.detailTypes[type]!.source, type).toBe(PORTAL_EVENTS[type].source);
    }
    expect(Object.keys(buildEventSchemaDocument().detailTypes as object)).toEqual(PORTAL_EVENT_TYPES);
  });

  it('accepts, by the documented schemas, every detail-type as the builders make it, and refuses one with a field of the wrong shape', () => {
    const documented = documentedSchemas(read('events.md'));
    expect(SAMPLES.map((event) => event.detailType)).toEqual(PORTAL_EVENT_TYPES);
    for (const event of SAMPLES) {
      const validate = new Ajv({ allErrors: true }).compile(documented.get(event.detailType) as object);
      expect(validate(event.detail), `${event.detailType}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(validate({ ...event.detail, audit: { ...event.detail.audit, seq: 0 } }), event.detailType).toBe(false);
    }
  });
});
