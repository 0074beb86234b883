import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../functions/messages/escape-html.js';

describe('escapeHtml', () => {
  it('escapes the five characters that open tags, entities and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('leaves other text, accents included, as it is', () => {
    expect(escapeHtml('Françoise Lefèvre – Łukasz Wiśniewski')).toBe('Françoise Lefèvre – Łukasz Wiśniewski');
  });

  it('escapes an already escaped value again, so it shows as typed', () => {
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});
