/**
 * Real Chromium for the end-to-end tests: Debian's `chromium` package (installed by `.ci/run`),
 * driven by playwright-core through `executablePath`, so no browser is downloaded. One browser per
 * test file; each page opens in a context of its own, shaped as a phone or a desktop, closed after
 * its test.
 */
import { access, constants } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/** Where Chromium is looked for when `CHROMIUM_PATH` is not set: Debian's `chromium` package. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** The two widths every page is checked at: a common phone (390 px) and a laptop (1280 px). */
export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

export type DeviceKind = keyof typeof VIEWPORTS;

export interface OpenPageOptions {
  /**
   * The browser's language (`navigator.language`, `Accept-Language`); the pages themselves speak
   * the request's language.
   * @default 'fr-BE'
   */
  readonly locale?: string;
}

export interface E2eBrowser {
  /**
   * A fresh page in a context of its own, shaped as `device`; closed after the running test, which
   * then fails if a page threw or had something blocked by its Content-Security-Policy.
   */
  openPage(device: DeviceKind, options?: OpenPageOptions): Promise<Page>;
}

/** Thrown when no Chromium is found: says how to get one. */
export class ChromiumMissing extends Error {
  override readonly name = 'ChromiumMissing';
  constructor(
    readonly executablePath: string,
    options?: ErrorOptions,
  ) {
    super(
      `No Chromium at ${executablePath}: install Debian's (apt-get install -y chromium fonts-dejavu-core, as .ci/run does) ` +
        'or point CHROMIUM_PATH at a Chromium or Chrome executable',
      options,
    );
  }
}

/** The Chromium executable: `CHROMIUM_PATH`, else {@link DEFAULT_CHROMIUM_PATH}; throws {@link ChromiumMissing} when it is not there. */
export async function chromiumExecutable(): Promise<string> {
  const executablePath = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
  try {
    await access(executablePath, constants.X_OK);
  } catch (cause) {
    throw new ChromiumMissing(executablePath, { cause });
  }
  return executablePath;
}

/**
 * One headless Chromium for the calling test file: launched before its tests, closed after them.
 * Like `useTestStack()`, the answer stands for the browser once it is running.
 */
export function useBrowser(): E2eBrowser {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageProblems: string[] = [];
  beforeAll(async () => {
    // playwright-core adds --no-sandbox itself (its chromiumSandbox option is off by default),
    // which Chromium needs when the tests run as root in a container.
    browser = await chromium.launch({ executablePath: await chromiumExecutable(), headless: true });
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    const problems = pageProblems.splice(0);
    // A script error, or anything the Content-Security-Policy blocked, breaks a page silently.
    expect(problems, `the pages reported:\n${problems.join('\n')}`).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async openPage(device, options = {}) {
      if (!browser) throw new Error('The browser is used before it started (use it inside a test)');
      const context = await browser.newContext({
        viewport: VIEWPORTS[device],
        // 1, not a phone's 3: the layout is the same, and screenshots and tests stay fast.
        deviceScaleFactor: 1,
        isMobile: device === 'phone',
        hasTouch: device === 'phone',
        locale: options.locale ?? 'fr-BE',
        timezoneId: 'Europe/Brussels',
      });
      contexts.push(context);
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageProblems.push(`${page.url()}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) pageProblems.push(`${page.url()}: ${message.text()}`);
      });
      return page;
    },
  };
}
