/**
 * The frame of every page shown to signers and grantees: one small inline style sheet, no
 * external resource, the page's language on `<html>`, a `<main>` landmark, visible focus. The
 * style sheet and the signing page's script are static, so {@link pageContentSecurityPolicy}
 * can allow exactly them by hash, with no `'unsafe-inline'`.
 */
import { createHash } from 'node:crypto';
import type { Language } from '../domain/request-schema.js';
import { escapeHtml } from './escape-html.js';
import { SIGNING_PAGE_SCRIPT } from './signing-page-script.js';

/**
 * Mobile first: one column that never scrolls sideways at 390 px (borders inside widths, long
 * names and addresses wrapped anywhere, no element wider than the column), full-width buttons
 * on a phone, a dark focus ring, and text of at least 7:1 contrast.
 */
const PAGE_STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;background:#fff;color:#1b1b1b;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.05rem;line-height:1.55;overflow-wrap:anywhere}
main{max-width:42rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .5rem}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
a{color:#0b4f9c}
ul,ol{padding-left:1.5rem}
section{border-top:1px solid #d0d0d0;margin-top:1.5rem}
label{display:block;font-weight:600;margin:1rem 0 .3rem}
input,textarea,button,progress{max-width:100%}
input[type=file],textarea{display:block;width:100%;font:inherit}
textarea{min-height:6rem;padding:.5rem;border:1px solid #6b6b6b;border-radius:4px}
button{font:inherit;font-weight:600;margin-top:1rem;padding:.6rem 1.2rem;border:2px solid #0b4f9c;border-radius:4px;background:#0b4f9c;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#8a1c1c;border-color:#8a1c1c}
button:disabled{opacity:.55;cursor:not-allowed}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
.notice{border-left:4px solid #0b4f9c;background:#f1f5fb;padding:.75rem 1rem}
.hint{color:#4a4a4a;font-size:.95rem;margin:.3rem 0}
progress{width:100%;height:1.2rem;margin-top:.75rem}
[data-status]{font-weight:600;margin:.5rem 0}
[data-error]:not(:empty){font-weight:600;color:#8a1c1c;background:#fdf2f2;border-left:4px solid #8a1c1c;padding:.5rem .75rem}
@media (max-width:30rem){button{width:100%}}
`.trim();

function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

let staticSources: { readonly style: string; readonly script: string } | undefined;
/** The style sheet's and the script's hash sources: made once, on the first page answered (not at import: a function answering JSON never needs them). */
function pageSources(): { readonly style: string; readonly script: string } {
  staticSources ??= { style: sha256Source(PAGE_STYLE), script: sha256Source(SIGNING_PAGE_SCRIPT) };
  return staticSources;
}

/**
 * The Content-Security-Policy header value of a page rendered here: nothing from elsewhere,
 * only this style sheet and this script, `fetch` to the same origin and to `connectTo` only
 * (the signing page sends files straight to the bucket's origin). `form-action` is left open:
 * the advanced-signature form posts here and may be redirected to the signing service, and
 * some browsers apply `form-action` to redirects.
 */
export function pageContentSecurityPolicy(options: { readonly connectTo?: readonly string[] } = {}): string {
  // Only bare origins enter the header: anything else could add a directive of its own.
  const origins = (options.connectTo ?? []).filter((origin) => /^https?:\/\/[A-Za-z0-9.-]+(:\d+)?$/.test(origin));
  return [
    "default-src 'none'",
    `style-src ${pageSources().style}`,
    `script-src ${pageSources().script}`,
    ["connect-src 'self'", ...origins].join(' '),
    "img-src 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** What goes into the frame. */
export interface PageFrame {
  language: Language;
  title: string;
  /** Already-escaped HTML: the content of `<main>`. */
  mainHtml: string;
  /** Adds the signing page's script at the end of the body. */
  withSigningScript?: boolean;
}

/** A whole HTML document around `frame.mainHtml`. */
export function renderPage(frame: PageFrame): string {
  return [
    '<!doctype html>',
    `<html lang="${frame.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(frame.title)}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    frame.mainHtml,
    '</main>',
    ...(frame.withSigningScript === true ? [`<script>${SIGNING_PAGE_SCRIPT}</script>`] : []),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
