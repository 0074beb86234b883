/**
 * The dashboard's one browser script (built by esbuild into `/dashboard/assets/dashboard-client.js`,
 * catalog/function-catalog.ts DASHBOARD_SCRIPTS), added by the pages that need it
 * (functions/dashboard/layout.ts, `withScript`). Every page works without it; where it runs, it
 * takes over the parts of the page it finds:
 * - `form[data-new-request]`: the new-request form (new-request-form.ts).
 * The form's checks are the API's (request-validation.ts, with zod's English messages), so they
 * are said in the dashboard's words as the API's are (new-request/issue-words.ts reads them).
 */
import { browser } from './browser-dom.js';
import { enhanceNewRequestForm } from './new-request-form.js';

function start(): void {
  for (const form of Array.from(browser.document.querySelectorAll('form[data-new-request]'))) enhanceNewRequestForm(form);
}

if (browser.document.readyState === 'loading') browser.document.addEventListener('DOMContentLoaded', start);
else start();
