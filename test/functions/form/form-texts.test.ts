import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../functions/domain/request-schema.js';
import { FORM_TEXTS } from '../../../functions/form/form-texts.js';

describe('FORM_TEXTS', () => {
  // That every language has every text, the FormTexts type already makes sure.
  it.each(LANGUAGES)('leaves no text of the form empty in %s, and names client, observer and broker in the mandate (R2, R5)', (language) => {
    const texts = FORM_TEXTS[language];
    const strings = JSON.stringify(texts, (_key, value: unknown) => (typeof value === 'function' ? 'fn' : value));
    expect(strings).not.toMatch(/""/);
    expect(texts.mandateGrant({ client: 'C', observer: 'O', brokerName: 'B', scope: { kind: 'all' } })).toMatch(/C.*O.*B|C.*B.*O/);
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
