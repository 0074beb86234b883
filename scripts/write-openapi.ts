/** `npm run openapi`: writes the API's OpenAPI document, built from the routes' zod schemas, to `docs/openapi.json`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderOpenApiDocument } from '../functions/http/openapi-document.js';

const target = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));
writeFileSync(target, renderOpenApiDocument());
console.log(`wrote ${target}`);
