/**
 * The standard signed-request form (R2): one PDF per request, in the request's language,
 * carrying every field of R5, the observers' mandates (R4.2–R4.5), the legal representative's
 * authorisation for a company (R6) and the accepted signature methods (R3).
 *
 * The rendering is deterministic: the same input gives the same bytes, so the SHA-256 recorded
 * as evidence can be recomputed, and a signed upload can be matched against the form generated.
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { AccessRequest, Address, Grantee, Person, PersonWithEmail } from '../domain/request-schema.js';
import { embedFormFonts } from './embed-form-fonts.js';
import { FormLayout, LINE_HEIGHT } from './form-layout.js';
import { FORM_TEXTS, type FormTexts, type MandateScope } from './form-texts.js';

export interface RenderAccessFormInput {
  /** The request's id: printed as its reference on every page. */
  requestId: string;
  /** A request that passed validation (R4, R5, R6). */
  request: AccessRequest;
  /** The broker office's name, as the mandate and the header show it. */
  brokerName: string;
  /** Becomes the PDF's creation and modification dates: no clock is read while rendering. */
  generatedAt: Date;
  /** R6: a company whose requester is not its legal representative; adds his signature area. */
  legalRepresentativeMustApprove: boolean;
}

export interface RenderedAccessForm {
  pdf: Uint8Array;
  /** Hex SHA-256 of `pdf`, recorded as evidence. */
  sha256: string;
  pageCount: number;
}

const PDF_CREATOR = 'portal-access-requests form renderer';
const PDF_PRODUCER = 'pdf-lib';

function fullName(person: Pick<Person, 'firstName' | 'lastName'>): string {
  return `${person.firstName} ${person.lastName}`;
}

function formatAddress(address: Address): string {
  return `${address.street}, ${address.postalCode} ${address.city}, ${address.country}`;
}

/** R5: surname, first name, date of birth, address and (when known) e-mail of one person. */
function writePerson(layout: FormLayout, texts: FormTexts, person: Person | PersonWithEmail): void {
  layout.field(texts.fields.lastName, person.lastName, { bold: true });
  layout.field(texts.fields.firstName, person.firstName, { bold: true });
  layout.field(texts.fields.birthDate, texts.formatDate(person.birthDate));
  layout.field(texts.fields.address, formatAddress(person.address));
  if ('email' in person) layout.field(texts.fields.email, person.email);
}

function clientName(request: AccessRequest): string {
  return request.client.type === 'natural' ? fullName(request.client.person) : request.client.name;
}

/** R4.1, R4.4: no list means all contracts, current and future. */
function scopeOf(grantee: Grantee): MandateScope {
  return grantee.contracts === undefined ? { kind: 'all' } : { kind: 'list', count: grantee.contracts.length };
}

/** R5: anyone other than the client himself (the policyholder) is an observer and needs a mandate. */
function isObserver(grantee: Grantee): boolean {
  return grantee.relation !== 'policyholder';
}

function writeClient(layout: FormLayout, texts: FormTexts, request: AccessRequest): void {
  layout.sectionHeading(`1. ${texts.sections.client}`);
  const { client } = request;
  if (client.type === 'natural') {
    writePerson(layout, texts, client.person);
    return;
  }
  layout.field(texts.fields.companyName, client.name, { bold: true });
  layout.field(texts.fields.enterpriseNumber, client.enterpriseNumber);
  layout.space(6);
  // R6: the legal representative's details are always on the form.
  layout.subHeading(texts.legalRepresentativeHeading, 5 * LINE_HEIGHT);
  writePerson(layout, texts, client.legalRepresentative);
}

function writeGrantee(
  layout: FormLayout,
  texts: FormTexts,
  input: RenderAccessFormInput,
  grantee: Grantee,
  index: number,
): void {
  const { request } = input;
  const heading = texts.granteeHeading(index + 1, request.grantees.length, fullName(grantee.person));
  // Keep the heading with the person's details (six rows).
  layout.subHeading(heading, 6 * LINE_HEIGHT);
  // Whatever of this person's block flows onto a next page opens with his name again.
  layout.continuation = `${heading} ${texts.continued}`;
  writePerson(layout, texts, grantee.person);
  layout.field(texts.fields.capacity, texts.relation[grantee.relation]);

  if (grantee.contracts === undefined) {
    layout.field(texts.fields.contracts, texts.allContracts, { bold: true });
  } else {
    const labels = new Map(request.contracts.map((contract) => [contract.ref, contract.label]));
    grantee.contracts.forEach((ref, position) =>
      layout.contractRow(position === 0 ? texts.fields.contracts : undefined, ref, labels.get(ref) ?? ''),
    );
  }

  if (isObserver(grantee)) {
    layout.space(6);
    // R4.2–R4.5: the client's written, revocable authorisation for this observer.
    layout.box(texts.mandateHeading, [
      texts.mandateGrant({
        client: clientName(request),
        observer: fullName(grantee.person),
        brokerName: input.brokerName,
        scope: scopeOf(grantee),
      }),
      texts.mandateRevocable,
    ]);
  }
  layout.continuation = undefined;
  layout.space(12);
}

function writeRepresentativeAuthorisation(
  layout: FormLayout,
  texts: FormTexts,
  input: RenderAccessFormInput,
  section: number,
): void {
  const { client } = input.request;
  if (client.type !== 'legal') return;
  layout.sectionHeading(`${section}. ${texts.sections.legalRepresentativeAuthorisation}`);
  layout.box(texts.legalRepresentativeHeading, [
    texts.representativeAuthorisation({
      representative: fullName(client.legalRepresentative),
      company: client.name,
      enterpriseNumber: client.enterpriseNumber,
    }),
    input.legalRepresentativeMustApprove ? texts.representativeSignsBelow : texts.requesterIsRepresentative,
  ]);
  layout.space(12);
}

function writeSignatures(layout: FormLayout, texts: FormTexts, input: RenderAccessFormInput, section: number): void {
  const { request } = input;
  const methods = request.signatureMethods;
  const areas = [{ caption: texts.signatureRole.requester, name: fullName(request.requester) }];
  if (request.client.type === 'legal' && input.legalRepresentativeMustApprove) {
    areas.push({
      caption: texts.signatureRole.legalRepresentative,
      name: fullName(request.client.legalRepresentative),
    });
  }
  // The declaration, the accepted methods and the signature areas stay together on one page.
  const declarationLines = layout.wrap(texts.declaration, layout.contentWidth).length;
  layout.keep(28 + (declarationLines + methods.length + 3) * LINE_HEIGHT + 150);
  layout.sectionHeading(`${section}. ${texts.sections.signatures}`);
  layout.paragraph(texts.declaration);
  layout.space(6);
  // R3: exactly these signatures count.
  layout.paragraph(texts.signatureMethodsIntro, { bold: true });
  layout.bullets(methods.map((method) => texts.signatureMethod[method]));
  layout.paragraph(texts.signatureNotAccepted, { muted: true });
  layout.space(10);
  layout.signatureAreas(areas, {
    name: texts.withColon(texts.signatureName),
    place: texts.withColon(texts.signaturePlace),
    date: texts.withColon(texts.signatureDate),
    signature: texts.withColon(texts.signatureHere),
  });
}

/**
 * Renders the standard form of one access request (R2, R5) as a deterministic A4
 * document with DejaVu Sans embedded (subset), ready to be signed (R3). A warm process (a warm
 * Lambda) renders faster, from fonts parsed once, to the same bytes as a fresh one (issue 11).
 */
export async function renderAccessForm(input: RenderAccessFormInput): Promise<RenderedAccessForm> {
  const { request, requestId, generatedAt } = input;
  const texts = FORM_TEXTS[request.language];

  const doc = await PDFDocument.create({ updateMetadata: false });
  // DejaVu Sans parsed once per process, a fresh view of it per form (form-fontkit.ts).
  const fonts = await embedFormFonts(doc, requestId);

  doc.setTitle(`${texts.documentTitle} – ${requestId}`, { showInWindowTitleBar: true });
  doc.setSubject(texts.pdfSubject(requestId, request.clientRef));
  doc.setAuthor(input.brokerName);
  doc.setKeywords([requestId, request.clientRef]);
  doc.setLanguage(texts.pdfLanguage);
  doc.setCreator(PDF_CREATOR);
  doc.setProducer(PDF_PRODUCER);
  doc.setCreationDate(generatedAt);
  doc.setModificationDate(generatedAt);

  const layout = new FormLayout(doc, fonts);
  layout.title(texts.documentTitle, texts.documentSubtitle);
  layout.field(texts.requestReference, requestId, { bold: true });
  layout.field(texts.requestDate, texts.formatDate(request.requestDate), { bold: true });
  layout.field(texts.clientReference, request.clientRef);
  layout.field(texts.broker, input.brokerName);
  layout.space(8);
  layout.paragraph(texts.intro(input.brokerName));
  layout.space(14);

  writeClient(layout, texts, request);
  layout.space(12);

  layout.sectionHeading(`2. ${texts.sections.requester}`);
  writePerson(layout, texts, request.requester);
  layout.space(12);

  layout.sectionHeading(`3. ${texts.sections.grantees}`);
  request.grantees.forEach((grantee, index) => writeGrantee(layout, texts, input, grantee, index));

  let section = 4;
  if (request.client.type === 'legal') {
    writeRepresentativeAuthorisation(layout, texts, input, section);
    section += 1;
  }
  writeSignatures(layout, texts, input, section);

  layout.finish({
    headerLeft: input.brokerName,
    headerRight: texts.documentTitle,
    footerLeft: `${texts.withColon(texts.requestReference)} ${requestId}`,
    pageNumber: texts.pageNumber,
  });

  // Classic cross-reference table (no object streams): the widest support among the tools
  // that add an incremental signature to the form (eID software, signing services).
  const pdf = await doc.save({ useObjectStreams: false });
  return {
    pdf,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    pageCount: layout.pageCount,
  };
}
