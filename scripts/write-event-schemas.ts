/**
 * `npm run event-schemas`: writes the events' JSON Schemas, rendered from their zod schemas,
 * to `docs/events.json` and into the generated section of `docs/events.md`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderEventSchemaDocument, withEventsSection } from '../functions/events/event-schema-document.js';

const json = fileURLToPath(new URL('../docs/events.json', import.meta.url));
const markdown = fileURLToPath(new URL('../docs/events.md', import.meta.url));
writeFileSync(json, renderEventSchemaDocument());
writeFileSync(markdown, withEventsSection(readFileSync(markdown, 'utf8')));
console.log(`wrote ${json} and the detail-types of ${markdown}`);
