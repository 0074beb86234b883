/**
 * The part of jsdom that the browser tests use (test/integration/signing-page-script.test.ts).
 * Declared here rather than with @types/jsdom, whose `/// <reference lib="dom" />` would pull
 * the DOM library into the whole program and change the Node types the product compiles against.
 */
declare module 'jsdom' {
  interface BrowserNode {
    textContent: string | null;
    hidden: boolean;
    disabled: boolean;
    /** A field's value (an input, a textarea). */
    value: string;
    /** A document's focused element. */
    readonly activeElement: BrowserNode | null;
    readonly ownerDocument: { readonly defaultView: BrowserWindow | null };
    getAttribute(name: string): string | null;
    querySelector(selector: string): BrowserNode | null;
    querySelectorAll(selector: string): ArrayLike<BrowserNode> & Iterable<BrowserNode>;
    dispatchEvent(event: unknown): boolean;
  }

  interface BrowserWindow {
    readonly document: BrowserNode;
    readonly File: new (parts: readonly Uint8Array[], name: string, options: { type: string }) => unknown;
    readonly Event: new (type: string, init?: { cancelable?: boolean }) => unknown;
    readonly MutationObserver: new (callback: () => void) => {
      observe(target: BrowserNode, options: Readonly<Record<string, boolean>>): void;
      disconnect(): void;
    };
    close(): void;
  }

  interface ConstructorOptions {
    url?: string;
    runScripts?: 'dangerously' | 'outside-only';
    beforeParse?(window: BrowserWindow): void;
  }

  export type { BrowserNode, BrowserWindow };

  export class JSDOM {
    constructor(html?: string, options?: ConstructorOptions);
    readonly window: BrowserWindow;
  }
}
