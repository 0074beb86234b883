/**
 * zod's own messages in English (`Too big: expected string to have <=100 characters`,
 * `Invalid option: expected one of "handwritten"|"eid"`, …), as the routes answer them in a
 * 400's issues (http-errors.ts `issuesOf`, the request's validation) and as the dashboard reads
 * them back (functions/dashboard/new-request/issue-words.ts). Classic zod sets its English
 * locale when it makes its first schema; `zod/mini` sets none, so a function whose modules all
 * use `zod/mini` (docs/architecture.md) would answer "Invalid input" for every rule zod words
 * itself. Imported for its effect by the two modules that turn zod's issues into answers:
 * functions/http/http-errors.ts (every route's bodies and queries) and request-validation.ts (the
 * request's rules, which the dashboard's browser script runs too); set explicitly, the
 * messages are the same whatever else a process loads. English only: the product's own
 * messages are its own, and no other locale goes into a bundle (test/infra/lambda-bundles.test.ts).
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());
