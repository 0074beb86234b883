/**
 * The screenshots of the key pages shown in the README (`docs/screenshots/`), taken by the E2E
 * tests as they pass through those pages: `npm run screenshots` (SCREENSHOTS=1) writes them; a
 * plain test run leaves them alone.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** `docs/screenshots/` of this repository. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

/** Writes `docs/screenshots/<name>.png` (the full page) when `SCREENSHOTS=1`; otherwise does nothing. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: true, animations: 'disabled', caret: 'hide' });
}
