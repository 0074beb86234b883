/**
 * The part of the browser that the dashboard's script uses, typed here: the project compiles
 * against Node's types only, without the DOM library (test/support/jsdom.d.ts says why), and the
 * script is the one place that runs in a browser.
 */

export interface BrowserEvent {
  readonly type: string;
  readonly target: unknown;
  preventDefault(): void;
}

export interface BrowserElement {
  id: string;
  hidden: boolean;
  innerHTML: string;
  textContent: string | null;
  readonly tagName: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): BrowserElement | null;
  querySelectorAll(selector: string): ArrayLike<BrowserElement>;
  closest(selector: string): BrowserElement | null;
  contains(other: unknown): boolean;
  replaceWith(other: BrowserElement): void;
  replaceChildren(...nodes: unknown[]): void;
  readonly childNodes: ArrayLike<unknown>;
  addEventListener(type: string, listener: (event: BrowserEvent) => void): void;
  focus(): void;
}

/** An `<input>`, `<select>` or `<button>`. */
export interface BrowserControl extends BrowserElement {
  name: string;
  value: string;
  readonly type: string;
  checked: boolean;
  disabled: boolean;
}

export interface BrowserDocument {
  readonly documentElement: BrowserElement;
  readonly readyState: string;
  readonly activeElement: BrowserElement | null;
  getElementById(id: string): BrowserElement | null;
  createElement(tagName: string): BrowserElement;
  querySelectorAll(selector: string): ArrayLike<BrowserElement>;
  addEventListener(type: string, listener: () => void): void;
}

export interface BrowserResponse {
  readonly status: number;
  json(): Promise<unknown>;
}

export interface BrowserGlobals {
  readonly document: BrowserDocument;
  fetch(url: string, init: { method: string; headers: Record<string, string>; body: string; credentials: 'same-origin' }): Promise<BrowserResponse>;
  readonly FormData: new (form: BrowserElement) => Iterable<[string, unknown]>;
}

/** The browser's globals, as the script uses them. */
export const browser: BrowserGlobals = globalThis as unknown as BrowserGlobals;
