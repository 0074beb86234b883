import { describe, expect, it } from 'vitest';
import { pageContentSecurityPolicy, renderPage } from '../../../functions/messages/page-layout.js';

describe('the pages\' Content-Security-Policy', () => {
  it('lets a page talk to its own origin only, unless it names another (the bucket the signing page uploads to)', () => {
    const ownOrigin = pageContentSecurityPolicy();
    expect(ownOrigin).toContain("connect-src 'self';");
    const withBucket = pageContentSecurityPolicy({ connectTo: ['https://documents.s3.eu-west-1.amazonaws.com', 'http://127.0.0.1:4013'] });
    expect(withBucket).toContain("connect-src 'self' https://documents.s3.eu-west-1.amazonaws.com http://127.0.0.1:4013;");
    expect(withBucket.replace(/connect-src [^;]*/, '')).toBe(ownOrigin.replace(/connect-src [^;]*/, ''));
  });

  it('takes bare origins only: nothing that could close the directive or add a source', () => {
    const hostile = pageContentSecurityPolicy({ connectTo: ["https://x.example; script-src 'unsafe-inline'", 'https://*.example', "'unsafe-eval'", 'https://ok.example/path'] });
    expect(hostile).toContain("connect-src 'self';");
    expect(hostile).not.toContain('unsafe');
    expect(hostile).not.toContain('example');
  });
});

describe('the pages\' frame', () => {
  const page = renderPage({ language: 'de', title: 'Titel', mainHtml: '<h1>Titel</h1>' });
  const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';

  it('names the page\'s language and holds its content in one main landmark', () => {
    expect(page).toContain('<html lang="de">');
    expect(page.match(/<main>/g)).toHaveLength(1);
    expect(page).toMatch(/<body>\n<main>\n<h1>Titel<\/h1>\n<\/main>\n<\/body>/);
  });

  it('keeps a phone\'s width (390 px) with no sideways scrolling: device width, borders inside widths, long words wrapped, no field or button wider than the column', () => {
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(style).toContain('*,*::before,*::after{box-sizing:border-box}');
    expect(style).toMatch(/body\{[^}]*overflow-wrap:anywhere/);
    expect(style).toMatch(/input,textarea,button,progress\{max-width:100%\}/);
    // A fixed width (not a max-width) could be wider than a phone.
    expect(style).not.toMatch(/(?<![\w-])(min-)?width:\s*\d+(px|rem|em)/);
  });

  it('shows where the keyboard is on every control, and an error apart from the rest', () => {
    expect(style).toMatch(/a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible\{outline:3px solid #1b1b1b/);
    expect(style).toMatch(/\[data-error\]:not\(:empty\)\{[^}]*color:#8a1c1c/);
  });
});
