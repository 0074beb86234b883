/**
 * Accessibility checks of a page as the browser shows it: axe-core's rules (no serious or critical
 * finding) and no horizontal scrolling on a phone. The product's pages have a strict
 * Content-Security-Policy (a script allowed by its hash only), so axe is not added as a
 * `<script>`: its source is evaluated through the DevTools protocol, which the policy does not
 * govern, and the pages are tested under their real policy.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { VIEWPORTS } from './browser.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One axe rule broken on the page, with where. */
export interface A11yFinding {
  readonly id: string;
  readonly impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  readonly help: string;
  readonly helpUrl: string;
  /** The CSS selectors axe gives for each element that breaks the rule. */
  readonly targets: readonly string[];
}

const BLOCKING_IMPACTS: ReadonlySet<A11yFinding['impact']> = new Set(['serious', 'critical']);

// A string, not a function: the test code is compiled without the DOM's types.
const RUN_AXE = `(async () => {
  const results = await window.axe.run(document, { resultTypes: ['violations'] });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    helpUrl: violation.helpUrl,
    targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
  }));
})()`;

/** Every axe finding on the page as it is now (all impacts). */
export async function a11yFindings(page: Page): Promise<A11yFinding[]> {
  // A page loaded since the last run (a form post, a redirect) has no axe yet.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate<A11yFinding[]>(RUN_AXE);
}

/** "rule (impact): help — selectors", one line per finding. */
export function describeFindings(findings: readonly A11yFinding[]): string {
  return findings.map((finding) => `- ${finding.id} (${finding.impact}): ${finding.help} — ${finding.targets.join(', ')} [${finding.helpUrl}]`).join('\n');
}

/**
 * Fails when axe finds anything serious or critical on the page, listing each finding's rule,
 * impact, elements and help. Lesser findings are returned (and printed when `E2E_A11Y_VERBOSE=1`).
 */
export async function expectNoSeriousA11yFindings(page: Page, label: string): Promise<A11yFinding[]> {
  const findings = await a11yFindings(page);
  const blocking = findings.filter((finding) => BLOCKING_IMPACTS.has(finding.impact));
  if (process.env.E2E_A11Y_VERBOSE === '1' && findings.length > 0) console.info(`axe on ${label}:\n${describeFindings(findings)}`);
  expect(blocking, `axe finds serious or critical problems on ${label}:\n${describeFindings(blocking)}`).toEqual([]);
  return findings;
}

/**
 * Fails when the page is wider than the window (the reader would have to scroll sideways). Against
 * the layout viewport (`clientWidth`), not `innerWidth`: a mobile browser widens `innerWidth` to fit
 * content that overflows, which would hide the very overflow looked for.
 */
export async function expectNoHorizontalScroll(page: Page, label = page.url()): Promise<void> {
  const { scrollWidth, viewportWidth } = await page.evaluate<{ scrollWidth: number; viewportWidth: number }>(
    '({ scrollWidth: document.documentElement.scrollWidth, viewportWidth: document.documentElement.clientWidth })',
  );
  expect(scrollWidth, `${label} is ${scrollWidth} px wide in a ${viewportWidth} px window`).toBeLessThanOrEqual(viewportWidth);
}

/**
 * The checks every page gets, on the page as it is now (a state reached by clicking cannot be
 * reloaded): axe at 390 px, no horizontal scroll at 390 px, axe at 1280 px; the page is then
 * given back its own size.
 */
export async function expectAccessibleOnPhoneAndDesktop(page: Page, label: string): Promise<void> {
  const original = page.viewportSize();
  try {
    await page.setViewportSize(VIEWPORTS.phone);
    await expectNoSeriousA11yFindings(page, `${label} at ${VIEWPORTS.phone.width} px`);
    await expectNoHorizontalScroll(page, `${label} at ${VIEWPORTS.phone.width} px`);
    await page.setViewportSize(VIEWPORTS.desktop);
    await expectNoSeriousA11yFindings(page, `${label} at ${VIEWPORTS.desktop.width} px`);
  } finally {
    if (original) await page.setViewportSize(original);
  }
}
