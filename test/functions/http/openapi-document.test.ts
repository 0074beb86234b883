import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// ajv 6 (JSON Schema draft-07) is what node_modules holds; the document's schemas use only
// keywords draft-07 shares with 2020-12 (type, properties, required, enum, const, oneOf, format, pattern).
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_ROUTES, routeKeyOf, type RouteSpec } from '../../../catalog/route-catalog.js';
import { GRANTEE_RELATIONS, LANGUAGES, SIGNATURE_METHODS } from '../../../functions/domain/request-schema.js';
import { activateGrantResponse } from '../../../functions/http/activation/activate-grant.js';
import { cancelRequestResponse } from '../../../functions/http/broker/cancel-request.js';
import { remindRequestResponse, tooManyRemindersResponse } from '../../../functions/http/broker/remind-request.js';
import { reviewScanResponse } from '../../../functions/http/broker/review-scan.js';
import { revokeGrantResponse } from '../../../functions/http/broker/revoke-grant.js';
import { conflictResponse, notFoundResponse, validationErrorResponse, validationFailed } from '../../../functions/http/http-errors.js';
import { linkErrorResponse } from '../../../functions/http/link-pages.js';
import { buildOpenApiDocument, OPERATIONS, operationsMismatch, renderOpenApiDocument, type OperationDetails } from '../../../functions/http/openapi-document.js';
import { declineResponse } from '../../../functions/http/signer/decline.js';
import { uploadGoneResponse } from '../../../functions/http/signer/confirm-upload.js';
import { createUploadBody, createUploadResponse, tooManyUploadsResponse } from '../../../functions/http/signer/create-upload.js';
import { documentLinkResponse } from '../../../functions/http/document-link.js';
import { signedFormResponse } from '../../../functions/http/portal/portal-queries.js';
import { signatureAcceptedResponse, signatureRefusedResponse } from '../../../functions/http/signer/receive-signature.js';
import { tooLargeResponse } from '../../../functions/http/signer/direct-body-limit.js';
import { legalClientRequest, naturalClientRequest } from '../../fixtures/access-request-builder.js';

type Json = Record<string, any>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const document = buildOpenApiDocument() as Json;

function operationsOf(doc: Json): { key: string; operation: Json }[] {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation: operation as Json })),
  );
}

function operation(key: string): Json {
  const found = operationsOf(document).find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no operation ${key}`);
  return found.operation;
}

/** Follows a `#/components/schemas/…` reference (component schemas hold no references of their own). */
function resolved(schema: Json): Json {
  const name = typeof schema.$ref === 'string' ? schema.$ref.replace('#/components/schemas/', '') : undefined;
  return name === undefined ? schema : (document.components.schemas[name] as Json);
}

/** The success schema beside each route that answers JSON without one before, and an answer it sends. */
const SUCCESS_ANSWERS: readonly [string, string, z.core.$ZodType, unknown][] = [
  ['POST /v1/requests/{id}/cancel', '200', cancelRequestResponse, { id: 'req_1', status: 'CANCELLED' }],
  ['POST /v1/requests/{id}/remind', '202', remindRequestResponse, { id: 'req_1', reminded: 2 }],
  ['POST /v1/requests/{id}/review', '200', reviewScanResponse, { id: 'req_1', decision: 'reject' }],
  ['POST /v1/grants/{grantId}/revoke', '200', revokeGrantResponse, { grantId: 'grant_1', status: 'revoked', revokedAt: '2025-03-01T10:00:00.000Z' }],
  ['POST /sign/{token}/scan', '200', signatureAcceptedResponse, { status: 'received', method: 'handwritten', sha256: 'ab'.repeat(32) }],
  ['POST /sign/{token}/eid', '200', signatureAcceptedResponse, { status: 'verified', method: 'eid', sha256: 'ab'.repeat(32) }],
  ['POST /sign/{token}/decline', '200', declineResponse, { status: 'declined' }],
  ['POST /activate/{token}', '200', activateGrantResponse, { grantId: 'grant_1', status: 'active', activatedAt: '2025-03-01T10:00:00.000Z' }],
];

/** Each error component and the schema exported beside the code that builds that body. */
const ERROR_COMPONENTS: readonly [string, z.core.$ZodType][] = [
  ['ValidationError', validationErrorResponse],
  ['NotFoundError', notFoundResponse],
  ['ConflictError', conflictResponse],
  ['LinkError', linkErrorResponse],
  ['TooLargeError', tooLargeResponse],
  ['TooManyRemindersError', tooManyRemindersResponse],
  ['SignatureRefusedError', signatureRefusedResponse],
];

function outputSchemaOf(schema: z.core.$ZodType): Json {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' });
  return jsonSchema;
}

const submitBodySchema = () => resolved(operation('POST /v1/requests').requestBody.content['application/json'].schema);

describe('the OpenAPI document (house rule 12: built from the routes\' zod schemas)', () => {
  it('is what docs/openapi.json holds', () => {
    const committed = readFileSync(fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url)), 'utf8');
    expect(committed, 'docs/openapi.json is stale: run `npm run openapi` and commit the result').toBe(renderOpenApiDocument());
  });

  it('defines as a bearer JWT every security scheme a route names', () => {
    const named = new Set(operationsOf(document).flatMap(({ operation }) => (operation.security ?? []).flatMap((requirement: Json) => Object.keys(requirement))));
    expect(named.size).toBeGreaterThan(0);
    for (const name of named) {
      expect(document.components.securitySchemes[name], name).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    }
  });

  it("has exactly one operation per route of the catalog's API (the dashboard's pages are not API), and no other", () => {
    const keys = operationsOf(document).map((found) => found.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(API_ROUTES.map(routeKeyOf).sort());
  });

  it('describes every route in its OPERATIONS table by its catalog operationId, and nothing else', () => {
    expect(operationsMismatch(API_ROUTES, OPERATIONS)).toEqual({ routesWithoutDetails: [], detailsWithoutRoute: [] });
    expect(Object.keys(OPERATIONS).sort()).toEqual(API_ROUTES.map((route) => route.operationId).sort());
    for (const route of API_ROUTES) expect(operation(routeKeyOf(route)).operationId, routeKeyOf(route)).toBe(route.operationId);
  });

  it('refuses to build when a route has no details, or details name no route', () => {
    const [first, ...others] = API_ROUTES as [RouteSpec, ...RouteSpec[]];
    const { [first.operationId]: _dropped, ...withoutFirst }: Record<string, OperationDetails> = OPERATIONS;
    const withStray: Record<string, OperationDetails> = { ...OPERATIONS, noSuchRoute: OPERATIONS.listRequests };

    expect(operationsMismatch(API_ROUTES, withoutFirst)).toEqual({ routesWithoutDetails: [routeKeyOf(first)], detailsWithoutRoute: [] });
    expect(operationsMismatch(others, OPERATIONS)).toEqual({ routesWithoutDetails: [], detailsWithoutRoute: [first.operationId] });
    expect(() => buildOpenApiDocument(withoutFirst)).toThrow(`routes without details [${routeKeyOf(first)}]`);
    expect(() => buildOpenApiDocument(withStray)).toThrow('details naming no route [noSuchRoute]');
  });

  it('secures broker routes with brokerJwt, portal routes with portalJwt, link routes with nothing but their token, and the signing-service callback with its HMAC (401)', () => {
    for (const route of API_ROUTES) {
      const { security, responses } = operation(routeKeyOf(route));
      if (route.auth === 'link') {
        expect(security, routeKeyOf(route)).toEqual([]);
        expect(responses['401'], routeKeyOf(route)).toBeUndefined();
      } else if (route.auth === 'hmac') {
        expect(security, routeKeyOf(route)).toEqual([]);
        expect(responses['401'].description, routeKeyOf(route)).toContain('HMAC');
      } else {
        expect(security, routeKeyOf(route)).toEqual([{ [route.auth === 'broker' ? 'brokerJwt' : 'portalJwt']: [] }]);
        expect(responses['401'], routeKeyOf(route)).toBeDefined();
        expect(responses['403'].description, routeKeyOf(route)).toContain(route.auth === 'broker' ? 'brokers/requests' : 'portal/read');
      }
    }
  });

  it('names every path parameter of every route', () => {
    for (const route of API_ROUTES) {
      const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      const parameters = (operation(routeKeyOf(route)).parameters ?? []) as Json[];
      expect(parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name), routeKeyOf(route)).toEqual(names);
    }
  });

  it('accepts the fixture bodies for POST /v1/requests and refuses a language outside LANGUAGES', () => {
    const validate = new Ajv({ allErrors: true }).compile(submitBodySchema());
    for (const body of [naturalClientRequest(), legalClientRequest()]) {
      expect(validate(JSON.parse(JSON.stringify(body))), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(validate({ ...naturalClientRequest(), language: 'es' })).toBe(false);
    const { grantees: _omitted, ...withoutGrantees } = naturalClientRequest();
    expect(validate(withoutGrantees)).toBe(false);
  });

  it('states the request body of api-contract.md: its required fields, languages, relations and signature methods (R4, R5)', () => {
    const schema = submitBodySchema();
    expect([...schema.required].sort()).toEqual(['client', 'clientRef', 'contracts', 'grantees', 'language', 'requestDate', 'requester']);
    expect(schema.properties.language.enum).toEqual([...LANGUAGES]);
    expect(schema.properties.grantees.items.properties.relation.enum).toEqual([...GRANTEE_RELATIONS]);
    expect(schema.properties.grantees.items.required).toEqual(['relation', 'person']);
    expect(schema.properties.signatureMethods.items.enum).toEqual([...SIGNATURE_METHODS]);
    expect(schema.properties.client.oneOf.map((variant: Json) => variant.properties.type.const)).toEqual(['natural', 'legal']);
  });

  it('answers 400 on POST /v1/requests with the validation error schema of http-errors.ts', () => {
    const answer = operation('POST /v1/requests').responses['400'].content['application/json'].schema;
    expect(answer).toEqual({ $ref: '#/components/schemas/ValidationError' });
    const { $schema: _dialect, ...expected } = z.toJSONSchema(validationErrorResponse, { target: 'draft-2020-12', io: 'output' });
    expect(resolved(answer)).toEqual(expected);
    const validate = new Ajv().compile(resolved(answer));
    const { body } = validationFailed([{ path: 'grantees.0.contracts', rule: 'R4.2', message: 'exactly one' }]);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  });

  it('gives every JSON success answer a named schema, and no JSON to a page that never answers it', () => {
    for (const route of API_ROUTES) {
      const [status, success] = Object.entries(operation(routeKeyOf(route)).responses as Record<string, Json>).find(([code]) => code.startsWith('2')) ?? [];
      expect(status, routeKeyOf(route)).toBeDefined();
      const json = success?.content['application/json'];
      if (json) expect(json.schema?.$ref, routeKeyOf(route)).toMatch(/^#\/components\/schemas\/\w+$/);
    }
    expect(operation('GET /sign/{token}').responses['200'].content['application/json']).toBeUndefined();
    expect(operation('GET /activate/{token}').responses['200'].content['application/json']).toBeUndefined();
  });

  it.each(SUCCESS_ANSWERS)('answers %s with the response schema beside its route', (key, status, schema, sample) => {
    const answer = operation(key).responses[status].content['application/json'].schema;
    expect(resolved(answer)).toEqual(outputSchemaOf(schema));
    expect(z.safeParse(schema, sample).error).toBeUndefined();
    const validate = new Ajv().compile(resolved(answer));
    expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(ERROR_COMPONENTS)('states %s with the schema beside the code that builds it', (name, schema) => {
    expect(document.components.schemas[name]).toEqual(outputSchemaOf(schema));
  });

  it('takes the portal queries from their schemas: email required, status defaulted (R8)', () => {
    const parameters = operation('GET /v1/portal/grants').parameters as Json[];
    expect(parameters.map((parameter) => [parameter.name, parameter.in, parameter.required])).toEqual([
      ['email', 'query', true],
      ['status', 'query', false],
    ]);
  });

  it('takes a scan as PDF, JPEG or PNG bytes and answers pages as HTML, documents as links (R3)', () => {
    expect(Object.keys(operation('POST /sign/{token}/scan').requestBody.content)).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
    expect(Object.keys(operation('POST /sign/{token}/scan').responses)).toEqual(['200', '400', '404', '410', '413', '422', '503']);
    expect(operation('GET /sign/{token}').responses['200'].content['text/html']).toBeDefined();
    expect(Object.keys(operation('GET /sign/{token}/form.pdf').responses['200'].content)).toEqual(['application/json']);
  });

  it('hands out documents as short-lived links: 303 with Location, or 200 { url, expiresAt } with the schema beside document-link.ts', () => {
    const links: readonly [string, z.core.$ZodType][] = [
      ['GET /v1/requests/{id}/documents/{document}', documentLinkResponse],
      ['GET /sign/{token}/form.pdf', documentLinkResponse],
      ['GET /v1/portal/grants/{grantId}/form', signedFormResponse],
    ];
    for (const [key, schema] of links) {
      const { responses } = operation(key);
      expect(resolved(responses['200'].content['application/json'].schema), key).toEqual(outputSchemaOf(schema));
      expect(responses['303'].headers.Location.schema, key).toEqual({ type: 'string', format: 'uri' });
      expect(responses['303'].content, key).toBeUndefined();
    }
  });

  it("links the evidence package from the portal's signed form, in JSON and in the redirect's Link header (R8)", () => {
    const { responses } = operation('GET /v1/portal/grants/{grantId}/form');
    expect(resolved(responses['200'].content['application/json'].schema).required).toContain('evidence');
    expect(responses['303'].headers.Link.required).toBe(true);
    expect(operation('GET /v1/requests/{id}/documents/{document}').responses['303'].headers.Link).toBeUndefined();
  });

  it('states the presigned uploads with the schemas beside their routes (create-upload.ts, confirm-upload.ts)', () => {
    const create = operation('POST /sign/{token}/uploads');
    expect(resolved(create.requestBody.content['application/json'].schema)).toEqual(
      (({ $schema: _dialect, ...schema }) => schema)(z.toJSONSchema(createUploadBody, { target: 'draft-2020-12', io: 'input' })),
    );
    expect(resolved(create.responses['201'].content['application/json'].schema)).toEqual(outputSchemaOf(createUploadResponse));
    expect(resolved(create.responses['429'].content['application/json'].schema)).toEqual(outputSchemaOf(tooManyUploadsResponse));
    expect(resolved(create.responses['400'].content['application/json'].schema)).toEqual(outputSchemaOf(validationErrorResponse));

    const confirm = operation('POST /sign/{token}/uploads/{uploadId}/confirm');
    expect(resolved(confirm.responses['200'].content['application/json'].schema)).toEqual(outputSchemaOf(signatureAcceptedResponse));
    expect(confirm.responses['410'].content['application/json'].schema.oneOf.map(resolved)).toEqual([outputSchemaOf(linkErrorResponse), outputSchemaOf(uploadGoneResponse)]);
    expect(resolved(confirm.responses['409'].content['application/json'].schema)).toEqual(outputSchemaOf(conflictResponse));
    expect(resolved(confirm.responses['422'].content['application/json'].schema)).toEqual(outputSchemaOf(signatureRefusedResponse));
  });
});
