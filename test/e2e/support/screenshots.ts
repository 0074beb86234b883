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

export interface KeepScreenshotOptions {
  /**
   * The whole page, or only the window as scrolled now: Chromium paints a framed PDF only where
   * the window shows it, so a page with one is kept as its window shows it.
   * @default true
   */
  readonly fullPage?: boolean;
}

/** Writes `docs/screenshots/<name>.png` (the full page, unless told otherwise) when `SCREENSHOTS=1`; otherwise does nothing. */
export async function keepScreenshot(page: Page, name: string, options: KeepScreenshotOptions = {}): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: options.fullPage ?? true, animations: 'disabled', caret: 'hide' });
}
