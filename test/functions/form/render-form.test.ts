import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type AccessRequest, type PersonWithEmail } from '../../../functions/domain/request-schema.js';
import { loadFormFonts } from '../../../functions/form/form-fonts.js';
import { FORM_TEXTS } from '../../../functions/form/form-texts.js';
import { type RenderAccessFormInput, renderAccessForm } from '../../../functions/form/render-form.js';
import { extractPdfText } from '../../support/pdf-text.js';
import {
  companyRequest,
  FRANCOISE,
  largeRequest,
  LUKASZ,
  manyContracts,
  MULLER,
  naturalRequest,
  ORSTED,
  SAHIN,
} from './form-test-requests.js';

const BROKER = 'Assurances Dupont & Fils';
const GENERATED_AT = new Date('2026-11-20T09:30:00Z');

function input(request: AccessRequest, overrides: Partial<RenderAccessFormInput> = {}): RenderAccessFormInput {
  return {
    requestId: 'REQ-01JD8Z3K4Q',
    request,
    brokerName: BROKER,
    generatedAt: GENERATED_AT,
    legalRepresentativeMustApprove: false,
    ...overrides,
  };
}

/** Text with every run of white space (line breaks of wrapped paragraphs, no-break spaces) as one space. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

async function renderText(formInput: RenderAccessFormInput): Promise<string> {
  const { pdf } = await renderAccessForm(formInput);
  return flat(await extractPdfText(pdf));
}

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

function address(person: PersonWithEmail): string {
  const { street, postalCode, city, country } = person.address;
  return `${street}, ${postalCode} ${city}, ${country}`;
}

describe.each(LANGUAGES)('renderAccessForm in %s', (language) => {
  const texts = FORM_TEXTS[language];

  it('carries the requester, the request date, the reference and every grantee with his contracts (R5, R4.1–R4.3)', async () => {
    const request = naturalRequest(language);
    const text = await renderText(input(request));

    expect(text).toContain('REQ-01JD8Z3K4Q');
    expect(text).toContain(texts.formatDate('2026-11-20'));
    expect(text).toContain('C-1001');
    for (const person of [MULLER, FRANCOISE, LUKASZ, SAHIN]) {
      expect(text).toContain(person.lastName);
      expect(text).toContain(person.firstName);
      expect(text).toContain(texts.formatDate(person.birthDate));
      expect(text).toContain(address(person));
      expect(text).toContain(person.email);
    }
    expect(text).toContain(texts.relation.policyholder);
    expect(text).toContain(texts.relation.insured);
    expect(text).toContain(texts.relation.other);
    expect(occurrences(text, texts.allContracts)).toBe(1);
    expect(text).toContain('POL-1001 Car insurance, VW Golf 1-ABC-123');
    expect(text).toContain('POL-1002 Home insurance, Kerkstraat 12');
    expect(occurrences(text, 'POL-1003 Family liability')).toBe(2);
  });

  it('writes the client\u2019s revocable mandate for each observer (R4.2, R4.3, R5)', async () => {
    const text = await renderText(input(naturalRequest(language)));

    expect(occurrences(text, flat(texts.mandateRevocable))).toBe(3);
    expect(text).toContain(
      flat(texts.mandateGrant({ client: 'Hans Müller', observer: 'Françoise Dubois', brokerName: BROKER, scope: { kind: 'list', count: 1 } })),
    );
    expect(text).toContain(
      flat(texts.mandateGrant({ client: 'Hans Müller', observer: 'Łukasz Kowalski', brokerName: BROKER, scope: { kind: 'list', count: 2 } })),
    );
    expect(text).not.toContain(flat(texts.mandateGrant({ client: 'Hans Müller', observer: 'Hans Müller', brokerName: BROKER, scope: { kind: 'all' } })));
  });

  it('writes no mandate when the policyholder asks access only for himself (R4.1)', async () => {
    const request = naturalRequest(language, { grantees: [{ relation: 'policyholder', person: MULLER }] });
    const text = await renderText(input(request));

    expect(text).toContain(texts.allContracts);
    expect(text).not.toContain(flat(texts.mandateRevocable));
    expect(text).not.toContain(texts.mandateHeading + ' ');
  });

  it('carries the company, its enterprise number, its legal representative and his authorisation (R6, R4.4, R4.5)', async () => {
    const request = companyRequest(language);
    const text = await renderText(input(request, { legalRepresentativeMustApprove: true }));

    expect(text).toContain('Bakkerij Peeters BV');
    expect(text).toContain('0123.456.749');
    for (const person of [ORSTED, FRANCOISE]) {
      expect(text).toContain(person.lastName);
      expect(text).toContain(person.firstName);
      expect(text).toContain(texts.formatDate(person.birthDate));
      expect(text).toContain(address(person));
      expect(text).toContain(person.email);
    }
    expect(text).toContain(
      flat(texts.representativeAuthorisation({ representative: 'Ørsted Dvořák', company: 'Bakkerij Peeters BV', enterpriseNumber: '0123.456.749' })),
    );
    expect(text).toContain(flat(texts.representativeSignsBelow));
    expect(text).toContain(texts.relation.legalRepresentative);
    expect(text).toContain(texts.allContracts);
    // R4.4 and R4.5: both grantees of a company hold a mandate.
    expect(occurrences(text, flat(texts.mandateRevocable))).toBe(2);
    // Two signature areas: the requester's and the legal representative's.
    expect(text).toContain(flat(`${texts.withColon(texts.signatureName)} Françoise Dubois`));
    expect(text).toContain(flat(`${texts.withColon(texts.signatureName)} Ørsted Dvořák`));
    expect(occurrences(text, flat(texts.withColon(texts.signatureHere)))).toBe(2);
  });

  it('lets the requester\u2019s signature stand for the authorisation when he is the legal representative (R6)', async () => {
    const request = companyRequest(language, { requester: ORSTED });
    const text = await renderText(input(request, { legalRepresentativeMustApprove: false }));

    expect(text).toContain(flat(texts.requesterIsRepresentative));
    expect(text).not.toContain(flat(texts.representativeSignsBelow));
    expect(occurrences(text, flat(texts.withColon(texts.signatureHere)))).toBe(1);
  });

  it('names the accepted signature methods (R3)', async () => {
    const text = await renderText(input(naturalRequest(language)));

    expect(text).toContain(flat(texts.signatureMethodsIntro));
    for (const method of ['advanced', 'eid', 'handwritten'] as const) {
      expect(text).toContain(flat(texts.signatureMethod[method]));
    }
    expect(text).toContain(flat(texts.signatureNotAccepted));
  });

  it('sets the PDF title, subject, language and dates from the input (R2)', async () => {
    const { pdf } = await renderAccessForm(input(naturalRequest(language)));
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });

    expect(doc.getTitle()).toBe(`${texts.documentTitle} – REQ-01JD8Z3K4Q`);
    expect(doc.getSubject()).toBe(texts.pdfSubject('REQ-01JD8Z3K4Q', 'C-1001'));
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe(`(${texts.pdfLanguage})`);
    expect(doc.getCreationDate()?.toISOString()).toBe(GENERATED_AT.toISOString());
    expect(doc.getModificationDate()?.toISOString()).toBe(GENERATED_AT.toISOString());
  });
});

describe('renderAccessForm', () => {
  it('renders the same bytes twice for the same input, so its SHA-256 is evidence (R2, R8)', async () => {
    const first = await renderAccessForm(input(companyRequest('nl'), { legalRepresentativeMustApprove: true }));
    const second = await renderAccessForm(input(companyRequest('nl'), { legalRepresentativeMustApprove: true }));

    expect(Buffer.from(second.pdf).equals(Buffer.from(first.pdf))).toBe(true);
    expect(second.sha256).toBe(first.sha256);
    expect(first.sha256).toBe(createHash('sha256').update(first.pdf).digest('hex'));
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('renders other bytes when the request changes (R2)', async () => {
    const first = await renderAccessForm(input(naturalRequest('en')));
    const other = await renderAccessForm(input(naturalRequest('en', { requestDate: '2026-11-21' })));

    expect(other.sha256).not.toBe(first.sha256);
  });

  it('flows 5 grantees with 20 contracts each onto numbered pages carrying the request id (R5)', async () => {
    const contracts = manyContracts(20);
    const request = largeRequest('en', contracts);
    const { pdf, pageCount } = await renderAccessForm(input(request));
    const pages = (await extractPdfText(pdf)).split('\f');

    expect(pageCount).toBeGreaterThan(2);
    expect(pages).toHaveLength(pageCount);
    pages.forEach((page, index) => {
      expect(flat(page)).toContain(FORM_TEXTS.en.pageNumber(index + 1, pageCount));
      expect(page).toContain('REQ-01JD8Z3K4Q');
    });
    const text = flat(pages.join(' '));
    for (const contract of contracts) {
      expect(occurrences(text, `${contract.ref} `)).toBe(5);
    }
    for (let n = 1; n <= 5; n += 1) expect(text).toContain(`observer${n}@example.be`);
    expect(occurrences(text, FORM_TEXTS.en.mandateRevocable)).toBe(5);
    // A block that runs onto a new page opens with its person's name again.
    expect(text).toContain(`${FORM_TEXTS.en.granteeHeading(1, 5, 'Hans Müller')} ${FORM_TEXTS.en.continued}`);
  });

  it('keeps a 5 × 20 form small by embedding only the glyphs used', async () => {
    const { pdf } = await renderAccessForm(input(largeRequest('de', manyContracts(20))));

    expect(pdf.byteLength).toBeLessThan(100_000);
  });

  it('renders a name in any Latin script, with no glyph missing', async () => {
    const names = ['Müller', 'Françoise', 'Łukasz', 'Şahin', 'Ørsted', 'Dvořák', 'Åsa Ñúñez', 'Žaneta Čapková', 'Ğülşen'];
    const request = naturalRequest('en', {
      grantees: names.map((name, index) => ({
        relation: 'other',
        person: { ...LUKASZ, lastName: name, email: `g${index}@example.be` },
        contracts: ['POL-1001'],
      })),
    });
    const text = await renderText(input(request));

    for (const name of names) expect(text).toContain(`${LUKASZ.firstName} ${name}`);
    // Extraction would read a name back even from blank boxes: check the glyphs exist.
    const fonts = loadFormFonts();
    for (const bytes of [fonts.regular, fonts.bold]) {
      const font = fontkit.create(bytes);
      const missing = [...names.join('')].filter((character) => !font.hasGlyphForCodePoint(character.codePointAt(0) ?? 0));
      expect(missing).toEqual([]);
    }
  });
});
