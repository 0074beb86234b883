import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type AccessRequest, type AccessRequestInput, type Language, type PersonWithEmail } from '../../../functions/domain/request-schema.js';
import { loadFormFonts } from '../../../functions/form/form-fonts.js';
import { FORM_TEXTS, type MandateScope } from '../../../functions/form/form-texts.js';
import { type RenderAccessFormInput, renderAccessForm } from '../../../functions/form/render-form.js';
import {
  companyRequestFiledByEmployee,
  legalClientRequest,
  legalRepresentativeGrantee,
  naturalClientRequest,
  naturalClientRequestWithObservers,
  numberedContracts,
  otherGrantee,
  PEOPLE,
  policyholderGrantee,
  validatedRequest,
} from '../../fixtures/access-request-builder.js';
import { extractPdfText } from '../../support/pdf-text.js';

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

/** Hans for himself and three observers (R4.1–R4.3), validated as the workflow validates it. */
function observedRequest(language: Language, overrides: Partial<AccessRequestInput> = {}): AccessRequest {
  return validatedRequest(naturalClientRequestWithObservers({ language, ...overrides }));
}

/** Bakkerij Peeters BV: Łukasz asks, Elif (its legal representative) approves (R6). */
function companyRequest(language: Language): AccessRequest {
  return validatedRequest(companyRequestFiledByEmployee({ language }));
}

/** Five observers (Françoise first), each listing every contract of `contracts` (R4.3). */
function largeRequest(language: Language, contracts: AccessRequest['contracts']): AccessRequest {
  const refs = contracts.map((contract) => contract.ref);
  const people = [PEOPLE.francoise(), PEOPLE.lukasz(), PEOPLE.elif(), PEOPLE.orsted(), { ...PEOPLE.lukasz(), firstName: 'Jan' }];
  const grantees = people.map((person, index) => otherGrantee(refs, { ...person, email: `observer${index + 1}@example.be` }));
  return validatedRequest(naturalClientRequest({ language, contracts, grantees }));
}

/** The observed request's form in each language, rendered and read once: several tests look at it. */
const observedForms = new Map<Language, Promise<Uint8Array>>();
const observedTexts = new Map<Language, Promise<string>>();

function observedForm(language: Language): Promise<Uint8Array> {
  let pdf = observedForms.get(language);
  if (pdf === undefined) {
    pdf = renderAccessForm(input(observedRequest(language))).then(({ pdf: bytes }) => bytes);
    observedForms.set(language, pdf);
  }
  return pdf;
}

function observedFormText(language: Language): Promise<string> {
  let text = observedTexts.get(language);
  if (text === undefined) {
    text = observedForm(language).then(async (pdf) => flat(await extractPdfText(pdf)));
    observedTexts.set(language, text);
  }
  return text;
}

describe('renderAccessForm in every language', () => {
  it('carries the requester, the request date, the reference and every grantee with his contracts (R5, R4.1–R4.3)', async () => {
    for (const language of LANGUAGES) {
      const texts = FORM_TEXTS[language];
      const text = await observedFormText(language);

      expect(text, language).toContain('REQ-01JD8Z3K4Q');
      expect(text, language).toContain(texts.formatDate('2026-11-20'));
      expect(text, language).toContain('C-1001');
      for (const person of [PEOPLE.hans(), PEOPLE.francoise(), PEOPLE.lukasz(), PEOPLE.orsted()]) {
        const who = `${person.firstName} ${person.lastName} in ${language}`;
        expect(text, who).toContain(person.lastName);
        expect(text, who).toContain(person.firstName);
        expect(text, who).toContain(texts.formatDate(person.birthDate));
        expect(text, who).toContain(address(person));
        expect(text, who).toContain(person.email);
      }
      expect(text, language).toContain(texts.relation.policyholder);
      expect(text, language).toContain(texts.relation.insured);
      expect(text, language).toContain(texts.relation.other);
      expect(occurrences(text, texts.allContracts), language).toBe(1);
      expect(text, language).toContain('POL-1 Car insurance');
      expect(text, language).toContain('POL-2 Home insurance');
      expect(occurrences(text, 'POL-3 Legal assistance'), language).toBe(2);
    }
  });

  it('writes the client\u2019s revocable mandate for each observer (R4.2, R4.3, R5)', async () => {
    for (const language of LANGUAGES) {
      const texts = FORM_TEXTS[language];
      const text = await observedFormText(language);
      const mandate = (observer: string, scope: MandateScope): string =>
        flat(texts.mandateGrant({ client: 'Hans Müller', observer, brokerName: BROKER, scope }));

      expect(occurrences(text, flat(texts.mandateRevocable)), language).toBe(3);
      expect(text, language).toContain(mandate('Françoise Lefèvre', { kind: 'list', count: 1 }));
      expect(text, language).toContain(mandate('Łukasz Wiśniewski', { kind: 'list', count: 2 }));
      expect(text, language).not.toContain(mandate('Hans Müller', { kind: 'all' }));
    }
  });

  it('writes no mandate when the policyholder asks access only for himself (R4.1)', async () => {
    for (const language of LANGUAGES) {
      const texts = FORM_TEXTS[language];
      const request = validatedRequest(naturalClientRequest({ language, grantees: [policyholderGrantee()] }));
      const text = await renderText(input(request));

      expect(text, language).toContain(texts.allContracts);
      expect(text, language).not.toContain(flat(texts.mandateRevocable));
      expect(text, language).not.toContain(texts.mandateHeading + ' ');
    }
  });

  it('carries the company, its enterprise number, its legal representative and his authorisation (R6, R4.4, R4.5)', async () => {
    for (const language of LANGUAGES) {
      const texts = FORM_TEXTS[language];
      const text = await renderText(input(companyRequest(language), { legalRepresentativeMustApprove: true }));

      expect(text, language).toContain('Bakkerij Peeters BV');
      expect(text, language).toContain('0123.456.749');
      for (const person of [PEOPLE.elif(), PEOPLE.lukasz()]) {
        const who = `${person.firstName} ${person.lastName} in ${language}`;
        expect(text, who).toContain(person.lastName);
        expect(text, who).toContain(person.firstName);
        expect(text, who).toContain(texts.formatDate(person.birthDate));
        expect(text, who).toContain(address(person));
        expect(text, who).toContain(person.email);
      }
      expect(text, language).toContain(
        flat(texts.representativeAuthorisation({ representative: 'Elif Şahin', company: 'Bakkerij Peeters BV', enterpriseNumber: '0123.456.749' })),
      );
      expect(text, language).toContain(flat(texts.representativeSignsBelow));
      expect(text, language).toContain(texts.relation.legalRepresentative);
      expect(text, language).toContain(texts.allContracts);
      // R4.4 and R4.5: both grantees of a company hold a mandate.
      expect(occurrences(text, flat(texts.mandateRevocable)), language).toBe(2);
      // Two signature areas: the requester's and the legal representative's.
      expect(text, language).toContain(flat(`${texts.withColon(texts.signatureName)} Łukasz Wiśniewski`));
      expect(text, language).toContain(flat(`${texts.withColon(texts.signatureName)} Elif Şahin`));
      expect(occurrences(text, flat(texts.withColon(texts.signatureHere))), language).toBe(2);
    }
  });

  it('lets the requester\u2019s signature stand for the authorisation when he is the legal representative (R6)', async () => {
    for (const language of LANGUAGES) {
      const texts = FORM_TEXTS[language];
      // Elif, the legal representative, asks herself.
      const request = validatedRequest(legalClientRequest({ language, grantees: [legalRepresentativeGrantee(), otherGrantee()] }));
      const text = await renderText(input(request, { legalRepresentativeMustApprove: false }));

      expect(text, language).toContain(flat(texts.requesterIsRepresentative));
      expect(text, language).not.toContain(flat(texts.representativeSignsBelow));
      expect(occurrences(text, flat(texts.withColon(texts.signatureHere))), language).toBe(1);
    }
  });

  it('names the accepted signature methods (R3)', async () => {
    for (const language of LANGUAGES) {
      const texts = FORM_TEXTS[language];
      const text = await observedFormText(language);

      expect(text, language).toContain(flat(texts.signatureMethodsIntro));
      for (const method of ['advanced', 'eid', 'handwritten'] as const) {
        expect(text, `${method} in ${language}`).toContain(flat(texts.signatureMethod[method]));
      }
      expect(text, language).toContain(flat(texts.signatureNotAccepted));
    }
  });

  it('sets the PDF title, subject, language and dates from the input (R2)', async () => {
    for (const language of LANGUAGES) {
      const texts = FORM_TEXTS[language];
      const doc = await PDFDocument.load(await observedForm(language), { updateMetadata: false });

      expect(doc.getTitle(), language).toBe(`${texts.documentTitle} – REQ-01JD8Z3K4Q`);
      expect(doc.getSubject(), language).toBe(texts.pdfSubject('REQ-01JD8Z3K4Q', 'C-1001'));
      expect(doc.catalog.get(PDFName.of('Lang'))?.toString(), language).toBe(`(${texts.pdfLanguage})`);
      expect(doc.getCreationDate()?.toISOString(), language).toBe(GENERATED_AT.toISOString());
      expect(doc.getModificationDate()?.toISOString(), language).toBe(GENERATED_AT.toISOString());
    }
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
    const first = await renderAccessForm(input(observedRequest('en')));
    const other = await renderAccessForm(input(observedRequest('en', { requestDate: '2026-11-21' })));

    expect(other.sha256).not.toBe(first.sha256);
  });

  it('flows 5 grantees with 20 contracts each onto numbered pages carrying the request id (R5)', async () => {
    const contracts = numberedContracts(20);
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
    expect(text).toContain(`${FORM_TEXTS.en.granteeHeading(1, 5, 'Françoise Lefèvre')} ${FORM_TEXTS.en.continued}`);
  });

  it('keeps a 5 × 20 form small by embedding only the glyphs used', async () => {
    const { pdf } = await renderAccessForm(input(largeRequest('de', numberedContracts(20))));

    expect(pdf.byteLength).toBeLessThan(100_000);
  });

  it('renders a name in any Latin script, with no glyph missing', async () => {
    const names = ['Müller', 'Françoise', 'Łukasz', 'Şahin', 'Ørsted', 'Dvořák', 'Åsa Ñúñez', 'Žaneta Čapková', 'Ğülşen'];
    const grantees = names.map((name, index) => otherGrantee(['POL-1'], { ...PEOPLE.lukasz(), lastName: name, email: `g${index}@example.be` }));
    const text = await renderText(input(validatedRequest(naturalClientRequest({ language: 'en', grantees }))));

    for (const name of names) expect(text).toContain(`Łukasz ${name}`);
    // Extraction would read a name back even from blank boxes: check the glyphs exist.
    const fonts = loadFormFonts();
    for (const bytes of [fonts.regular, fonts.bold]) {
      const font = fontkit.create(bytes);
      const missing = [...names.join('')].filter((character) => !font.hasGlyphForCodePoint(character.codePointAt(0) ?? 0));
      expect(missing).toEqual([]);
    }
  });
});
