import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../functions/domain/request-schema.js';
import { FORM_TEXTS } from '../../../functions/form/form-texts.js';

/**
 * Stands for a text function's `position`th argument: read as a string it is «arg1», and each
 * field read from it is «arg1.field», so a text's output shows which arguments it used.
 */
function markedArgument(position: number): unknown {
  return new Proxy(
    {},
    { get: (_target, key) => (key === Symbol.toPrimitive ? () => `«arg${position}»` : `«arg${position}.${String(key)}»`) },
  );
}

/** Every text of a table, functions called with marked arguments, keyed by its path. */
function flatten(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (typeof value === 'function') {
    const text = (value as (...args: unknown[]) => unknown)(markedArgument(1), markedArgument(2), markedArgument(3));
    out.set(path, String(text));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) for (const [p, text] of flatten(child, `${path}.${key}`)) out.set(p, text);
  }
  return out;
}

function parametersIn(text: string): string[] {
  return [...new Set(text.match(/«[\w.]+»/g) ?? [])].sort();
}

describe('FORM_TEXTS', () => {
  const tables = LANGUAGES.map((language) => ({ language, texts: flatten(FORM_TEXTS[language]) }));
  const dutch = flatten(FORM_TEXTS.nl);

  // That every language has every text, the FormTexts type already makes sure; not that it says something.
  it('leaves no text of the form empty in any language', () => {
    for (const { language, texts } of tables) {
      for (const [path, text] of texts) {
        // formatDate gives back what is no date as it came: here, only its own argument.
        if (path === '.formatDate') continue;
        expect(text.replace(/«[\w.]+»/g, '').trim(), `${language}${path}`).not.toBe('');
      }
    }
  });

  it('puts in each French, German and English text the values the Dutch text puts in (R5)', () => {
    for (const { language, texts } of tables.filter((table) => table.language !== 'nl')) {
      for (const [path, text] of texts) expect(parametersIn(text), `${language}${path}`).toEqual(parametersIn(dutch.get(path) ?? ''));
    }
  });

  it('names client, observer and broker in each language’s mandate, and words all, one and several contracts apart (R4, R5)', () => {
    for (const language of LANGUAGES) {
      const grant = (scope: Parameters<(typeof FORM_TEXTS)['nl']['mandateGrant']>[0]['scope']): string =>
        FORM_TEXTS[language].mandateGrant({ client: '«client»', observer: '«observer»', brokerName: '«broker»', scope });
      const texts = [grant({ kind: 'all' }), grant({ kind: 'list', count: 1 }), grant({ kind: 'list', count: 2 })];
      for (const text of texts) expect(parametersIn(text), language).toEqual(['«broker»', '«client»', '«observer»']);
      expect(new Set(texts).size, language).toBe(3);
    }
  });

  it('uses the Belgian words for policyholder and enterprise number (R5, R6)', () => {
    expect(FORM_TEXTS.nl.sections.client).toContain('verzekeringnemer');
    expect(FORM_TEXTS.fr.sections.client).toContain('preneur d\u2019assurance');
    expect(FORM_TEXTS.de.sections.client).toContain('Versicherungsnehmer');
    expect(FORM_TEXTS.nl.fields.enterpriseNumber).toBe('Ondernemingsnummer');
    expect(FORM_TEXTS.fr.fields.enterpriseNumber).toBe('Numéro d\u2019entreprise');
    expect(FORM_TEXTS.de.fields.enterpriseNumber).toBe('Unternehmensnummer');
  });

  it('writes dates as their readers expect, without a time zone shifting the day', () => {
    expect(FORM_TEXTS.nl.formatDate('2026-01-05')).toBe('05/01/2026');
    expect(FORM_TEXTS.fr.formatDate('2026-01-05')).toBe('05/01/2026');
    expect(FORM_TEXTS.de.formatDate('2026-01-05')).toBe('05.01.2026');
    expect(FORM_TEXTS.en.formatDate('2026-01-05')).toBe('5 January 2026');
  });

  it('puts a no-break space before a French colon', () => {
    expect(FORM_TEXTS.fr.withColon('Nom')).toBe('Nom\u00A0:');
    expect(FORM_TEXTS.en.withColon('Name')).toBe('Name:');
  });
});
